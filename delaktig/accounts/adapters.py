"""allauth hooks: keep the Person in step with e-mail confirmation, and route e-ID logins to our service."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from delaktig.accounts.models import User
from delaktig.accounts.services import (
    EID_NUMBER_ON_OTHER_ACCOUNT,
    eid_assurance_check,
    eid_subject_key,
    person_record_email_confirmed,
    person_verify_eid,
)
from delaktig.core.errors import DomainError

EMAIL_TOO_LONG = _("An e-mail address can be at most %(limit)d characters long.")


class AccountAdapter(DefaultAccountAdapter):
    """Raise the person to 'e-mail confirmed' on every path where allauth verifies an address."""

    def clean_email(self, email: str) -> str:
        """Refuse an address longer than the account's column (allauth's form allows 320 characters)."""
        limit = User._meta.get_field("email").max_length
        if len(email) > limit:
            raise ValidationError(EMAIL_TOO_LONG, code="max_length", params={"limit": limit})
        return super().clean_email(email)

    def confirm_email(self, request, email_address):
        """Cover signup codes, confirmation links and addresses added later."""
        result = super().confirm_email(request, email_address)
        person_record_email_confirmed(user=email_address.user)
        return result

    def login(self, request, user):
        """Cover login by code, which verifies the address without calling ``confirm_email``."""
        super().login(request, user)
        if EmailAddress.objects.filter(user=user, verified=True).exists():
            person_record_email_confirmed(user=user)


def eid_claims(extra_data: dict) -> dict:
    """Merge the ID token's claims with the userinfo answer (userinfo wins, as allauth does)."""
    return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}


class EidAdapter(DefaultSocialAccountAdapter):
    """Log in with e-ID through an OpenID Connect broker; keep nothing the broker sent but a keyed hash.

    allauth saves the social account (its subject and raw claims) before ``pre_social_login``, so the
    personnummer is taken out in ``populate_user``, which runs first, and the subject is replaced by a
    keyed hash: the number can never reach the database or a log through allauth.
    """

    def populate_user(self, request, sociallogin, data):
        """Take the personnummer out of the claims and store nothing the broker sent."""
        claims = eid_claims(sociallogin.account.extra_data)
        sociallogin.eid_number = claims.get(settings.EID_PNR_CLAIM)
        sociallogin.eid_acr = claims.get("acr")
        sociallogin.account.extra_data = {}
        sociallogin.account.uid = eid_subject_key(sociallogin.account.uid)
        sociallogin.email_addresses = []
        return sociallogin.user

    def pre_social_login(self, request, sociallogin):
        """Verify the person and point the login at the account that holds (or now gets) the personnummer."""
        actor = request.user if request.user.is_authenticated else None
        try:
            eid_assurance_check(getattr(sociallogin, "eid_acr", None))
            user = person_verify_eid(
                number=getattr(sociallogin, "eid_number", None), provider=sociallogin.account.provider, actor=actor
            )
        except DomainError as error:
            raise ImmediateHttpResponse(eid_error_response(request, error)) from None
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
        elif sociallogin.user.pk != user.pk:
            error = DomainError(EID_NUMBER_ON_OTHER_ACCOUNT, status_code=409)
            raise ImmediateHttpResponse(eid_error_response(request, error))

    def is_auto_signup_allowed(self, request, sociallogin):
        """Never ask an e-ID user for more: pre_social_login has already found or created the account."""
        return True


def eid_error_response(request, error: DomainError):
    """Render a refused e-ID login with its reason, in our layout."""
    return render(request, "accounts/eid_error.html", {"message": error.message}, status=error.status_code)
