import datetime

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, District
from delaktig.inventory.imports import FILE_TOO_LARGE, MAX_IMPORT_BYTES
from delaktig.inventory.models import Initiative, TargetGroup

# Platform objects an initiative may live as, when their app is installed.
LINKABLE_MODELS = ("councils.council", "dialogues.dialogue", "budgets.budget", "panels.panel")
LINKABLE_LIMIT = 300

PERIOD_BACKWARDS = _("The period must end on or after its first day.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _linkable_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the platform objects an initiative can link to, grouped by kind (one query per installed kind)."""
    groups = []
    for label in LINKABLE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        content_type = ContentType.objects.get_for_model(model)
        objects = model._default_manager.all()[:LINKABLE_LIMIT]
        choices = [(f"{content_type.pk}:{obj.pk}", str(obj)) for obj in objects]
        if choices:
            groups.append((str(model._meta.verbose_name_plural).capitalize(), choices))
    return groups


class InitiativeForm(forms.Form):
    """The fields an inventory editor describes an initiative with; the history fields only when creating."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Initiative.Kind.choices)
    responsible_committee = forms.ModelChoiceField(
        label=_("Responsible committee"), queryset=Committee.objects.filter(active=True).order_by("name")
    )
    decision_reference = forms.CharField(
        label=_("Decision reference (optional)"),
        max_length=200,
        required=False,
        help_text=_("The decision that gave the committee the responsibility, for example a case number."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Former districts (optional)"),
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The district's area is added to the areas."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.Group.choices, widget=forms.CheckboxSelectMultiple
    )
    started_on = forms.DateField(label=_("Start date (optional)"), required=False, widget=DateInput)
    ended_on = forms.DateField(label=_("End date (optional)"), required=False, widget=DateInput)
    frequency = forms.ChoiceField(label=_("How often"), choices=Initiative.Frequency.choices, required=False)
    contact = forms.CharField(
        label=_("Contact (optional)"),
        max_length=200,
        required=False,
        help_text=_("A unit, a role or a shared e-mail address, shown to the public when published."),
    )
    description = forms.CharField(
        label=_("Description (optional)"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    link = forms.ChoiceField(label=_("Lives on the platform as (optional)"), required=False)
    published = forms.BooleanField(label=_("Published: the public can see the initiative"), required=False)

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [("", _("No link")), *_linkable_choices()]
        if not creating:
            for name in ("responsible_committee", "decision_reference", "status"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("areas") and not cleaned.get("districts"):
            self.add_error("areas", _("Choose at least one area."))
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date cannot be before the start date."))
        return cleaned

    def linked_object(self):
        """Return the chosen platform object, or None."""
        value = self.cleaned_data.get("link")
        if not value:
            return None
        type_id, object_id = value.split(":")
        return ContentType.objects.get_for_id(int(type_id)).get_object_for_this_type(pk=int(object_id))

    def service_arguments(self) -> dict:
        """Return the cleaned data as keyword arguments for initiative_create or initiative_update."""
        data = {key: value for key, value in self.cleaned_data.items() if key != "link"}
        return {**data, "linked_object": self.linked_object()}

    @staticmethod
    def initial_for(initiative: Initiative) -> dict:
        link = f"{initiative.linked_type_id}:{initiative.linked_id}" if initiative.linked_type_id else ""
        return {
            "name": initiative.name,
            "kind": initiative.kind,
            "areas": list(initiative.areas.all()),
            "districts": list(initiative.districts.all()),
            "target_groups": [row.group for row in initiative.target_groups.all()],
            "started_on": initiative.started_on,
            "ended_on": initiative.ended_on,
            "frequency": initiative.frequency,
            "contact": initiative.contact,
            "description": initiative.description,
            "link": link,
            "published": initiative.published,
        }


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Initiative.Status.choices)
    effective_on = forms.DateField(label=_("From which date"), widget=DateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class TransferForm(forms.Form):
    to_committee = forms.ModelChoiceField(
        label=_("New responsible committee"), queryset=Committee.objects.filter(active=True).order_by("name")
    )
    effective_on = forms.DateField(label=_("From which date"), widget=DateInput, initial=timezone.localdate)
    decision_reference = forms.CharField(
        label=_("Decision reference"),
        max_length=200,
        help_text=_("The decision behind the transfer, for example “KF 2020-06-11 § 12” or a case number."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ParticipationForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date of the occasion"), widget=DateInput, initial=timezone.localdate)
    participants = forms.IntegerField(label=_("Number of participants"), min_value=0, max_value=1_000_000)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet file (CSV or Excel .xlsx)"),
        help_text=_("One initiative per row, with the column names on the first row."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)})
        return upload


def _committee_field(label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Committee.objects.filter(initiatives__isnull=False).distinct().order_by("name"),
        required=False,
        empty_label=_("All committees"),
        to_field_name="slug",
    )


class InitiativeFilterForm(forms.Form):
    """The public list's filters, sent with GET so a filtered list has an address to share."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False, empty_label=_("All areas"), to_field_name="slug"
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Initiative.Kind.choices], required=False)
    group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("All target groups")), *TargetGroup.Group.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *Initiative.Status.choices], required=False
    )
    committee = _committee_field(_("Responsible committee"))


class MappingFilterForm(forms.Form):
    committee = _committee_field(_("Responsible committee"))


class ReportForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.order_by("name"),
        required=False,
        empty_label=_("All committees (the whole city)"),
        to_field_name="slug",
    )
    start = forms.DateField(label=_("First day"), widget=DateInput)
    end = forms.DateField(label=_("Last day"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", PERIOD_BACKWARDS)
        return cleaned

    @staticmethod
    def default_period() -> dict:
        """Return the calendar year so far: what a committee is usually reported to."""
        today = timezone.localdate()
        return {"start": datetime.date(today.year, 1, 1).isoformat(), "end": today.isoformat()}
