from allauth.account.forms import LoginForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from delaktig.accounts import eid_test_provider, personnummer
from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee

CHOOSE_A_PERSON = _("Choose a test person or type a test personnummer.")


class TestEidForm(forms.Form):
    """Pick the test person the test e-ID should say you are."""

    person = forms.ChoiceField(
        label=_("Test person"),
        required=False,
        widget=forms.RadioSelect,
        choices=[(number, f"{name} ({number[:8]}-{number[8:]})") for number, name in eid_test_provider.TEST_PEOPLE],
    )
    other = forms.CharField(
        label=_("Or another test personnummer"),
        required=False,
        max_length=13,
        help_text=_("12 digits, for example 199001012393."),
    )

    def clean_other(self) -> str:
        value = self.cleaned_data["other"].strip()
        if not value:
            return ""
        number = personnummer.parse(value)
        if not eid_test_provider.is_test_series(number.digits):
            raise ValidationError(eid_test_provider.NOT_A_TEST_NUMBER)
        return number.digits

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("other") or cleaned.get("person")
        if not number and not self.errors:
            raise ValidationError(CHOOSE_A_PERSON)
        cleaned["number"] = number
        return cleaned


class RoleGrantForm(forms.Form):
    """Name the account, the role and (for a committee secretary) the committee."""

    email = forms.EmailField(label=_("E-mail of the account"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=RoleAssignment.Role.choices)
    committee = forms.ModelChoiceField(
        label=_("Committee (only for a committee secretary)"),
        queryset=Committee.objects.order_by("name"),
        required=False,
        empty_label=_("No committee"),
    )


class AccountDeleteForm(forms.Form):
    """Ask the person to confirm that they understand what deletion means."""

    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be brought back."), required=True
    )


class StaffLoginForm(LoginForm):
    """allauth's login form with the password field kept for staff.

    Residents sign up without a password, which makes allauth drop the field from the login form.
    """

    def _setup_password_field(self) -> None:
        """Keep the password field that allauth removes when signup asks for no password."""
