from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from delaktig.accounts.services import person_record_email_confirmed


class AccountAdapter(DefaultAccountAdapter):
    """Keep the person's verification level in step with allauth's e-mail confirmation."""

    def confirm_email(self, request, email_address):
        result = super().confirm_email(request, email_address)
        person_record_email_confirmed(user=email_address.user)
        return result


class EidAdapter(DefaultSocialAccountAdapter):
    """Accounts created through e-ID; the personnummer handling lives in the e-ID services."""
