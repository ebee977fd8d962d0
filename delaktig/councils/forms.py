from django import forms
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Committee, Office
from delaktig.councils.models import Council, Member
from delaktig.events.forms import DATETIME_INPUT

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
