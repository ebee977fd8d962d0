from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from delaktig.accounts.models import User
from delaktig.city.models import Committee, Office
from delaktig.councils.models import Council, Member
from delaktig.councils.services import NOT_AN_ADMINISTRATOR
from delaktig.events.forms import DATETIME_INPUT

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NAME_TAKEN = _("There is already a council with that name.")
SLUG_TAKEN = _("Another council already has that web address. Choose another short name.")
SLUG_NEEDED = _("Write a short name for the web address, for example o-dialogen.")
SLUG_INVALID = _("Use only the letters a–z, digits and hyphens, for example o-dialogen.")
CONSTITUENCY_TWICE = _("%(name)s is listed twice. Write each constituency once.")
CONSTITUENCY_TOO_LONG = _("%(name)s is too long: a constituency has at most 100 characters.")
NO_SUCH_ACCOUNT = _("No account has this e-mail address. The person must log in to Delaktig once first.")


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of member"), choices=Member.Kind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices, initial=Member.Role.REPRESENTATIVE)
    constituency = forms.ModelChoiceField(label=_("Constituency"), queryset=None, required=False)
    term_start = forms.DateField(label=_("Term starts"), widget=DATE_INPUT)
    term_end = forms.DateField(label=_("Term ends"), widget=DATE_INPUT)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = council.constituencies.all()


class MemberEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left the council on"), widget=DATE_INPUT)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200)
    street_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    office = forms.ModelChoiceField(label=_("Citizen office"), queryset=Office.objects.all(), required=False)
    step_free_access = forms.BooleanField(label=_("Step-free access"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)
    interpreter_languages = forms.CharField(label=_("Interpreter languages"), max_length=200, required=False)


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_INPUT)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    url = forms.URLField(label=_("Link to the document"), assume_scheme="https")


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 14}))


class ApproveForm(forms.Form):
    approved_by = forms.CharField(
        label=_("Approved by"), max_length=200, help_text=_("The chair and the person who checked the minutes.")
    )


class MatterForm(forms.Form):
    title = forms.CharField(label=_("Matter"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    raised_by = forms.CharField(
        label=_("Raised by"), max_length=200, required=False, help_text=_("For example: the representative of Vrångö.")
    )
    meeting = forms.ModelChoiceField(label=_("Raised at the meeting"), queryset=None, required=False)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = council.meetings.all()


class ForwardForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Committee"), queryset=Committee.objects.filter(active=True), required=False
    )
    department = forms.CharField(label=_("Department"), max_length=200, required=False)
    answer_due = forms.DateField(label=_("Answer expected by"), widget=DATE_INPUT)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))


class RulebookForm(forms.Form):
    text = forms.CharField(label=_("Rulebook text"), widget=forms.Textarea(attrs={"rows": 14}))
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE_INPUT)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=100)
    advisory_only = forms.BooleanField(label=_("Advisory only"), required=False, initial=True)
    max_representatives_per_constituency = forms.IntegerField(
        label=_("Most representatives per constituency"), min_value=1, required=False
    )
    meetings_per_year = forms.IntegerField(label=_("Meetings per year"), min_value=1, required=False)


class PublishForm(forms.Form):
    """Publishing approved minutes needs no input: the button is the whole form."""


class CouncilForm(forms.ModelForm):
    """The fields ``council_create`` takes; the web address is made from the name unless one is given."""

    constituencies = forms.CharField(
        label=_("Constituencies"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("One per line, for example the islands of Ö-dialogen. Leave empty if members represent no place."),
    )

    class Meta:
        model = Council
        fields = ["name", "kind", "area", "committee", "purpose", "slug"]
        labels = {"slug": _("Short name in the web address")}
        help_texts = {"slug": _("Leave empty to make it from the name.")}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": {"unique": NAME_TAKEN},
            "slug": {"unique": SLUG_TAKEN, "invalid": SLUG_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["kind"].choices = [("", _("Choose the kind of council")), *Council.Kind.choices]
        self.fields["area"].empty_label = _("Choose the area")
        self.fields["committee"].queryset = Committee.objects.filter(active=True)
        self.fields["committee"].empty_label = _("Choose the committee")

    def clean_constituencies(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["constituencies"].splitlines() if line.strip()]
        for name in names:
            if len(name) > 100:
                raise forms.ValidationError(CONSTITUENCY_TOO_LONG, params={"name": name[:40] + "…"})
            if names.count(name) > 1:
                raise forms.ValidationError(CONSTITUENCY_TWICE, params={"name": name})
        return names

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name") and "slug" not in self.errors:
            cleaned["slug"] = slugify(cleaned["name"])[:50].strip("-")
            if not cleaned["slug"]:
                self.add_error("slug", SLUG_NEEDED)
        return cleaned


class AdministratorAddForm(forms.Form):
    """Name the account by its e-mail address; the service checks that it has the council administrator role."""

    email = forms.EmailField(
        label=_("E-mail of the account"),
        max_length=254,
        widget=forms.EmailInput(attrs={"list": "administrator-candidates", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            cleaned["user"] = User.objects.filter(email__iexact=email, deleted_at__isnull=True).first()
            if cleaned["user"] is None:
                self.add_error("email", NO_SUCH_ACCOUNT)
        return cleaned


class AdministratorRemoveForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.all(), widget=forms.HiddenInput)

    def clean(self):
        """Say why when a stale or altered row names no account; errors of hidden fields are not shown."""
        if self.has_error("user"):
            self.add_error(None, NOT_AN_ADMINISTRATOR)
        return super().clean()
