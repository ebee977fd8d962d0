from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from delaktig.core.errors import DomainError
from delaktig.events.models import Event, Guide
from delaktig.events.services import EVENT_FIELDS

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def run_service_form(request, form: forms.Form, action: Callable[[dict], object]) -> bool:
    """Call ``action(cleaned_data)`` for a valid posted form; show a refused rule on the form instead.

    The service runs in its own transaction, so a ``DomainError`` leaves nothing changed and the
    person sees the message beside what they typed.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    return True


class EventForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[choice for choice in Event.Kind.choices if choice[0] != Event.Kind.COUNCIL_MEETING]
    )

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class FilterForm(forms.Form):
    """The calendar's filters, read from the query string so they work as links and without JavaScript."""

    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, data, *, months, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Event.Kind.choices]
        self.fields["month"].choices = [("", _("All coming events")), *months]


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["name", "kind", "area", "languages", "email", "phone"]


class GuideEditForm(GuideForm):
    class Meta(GuideForm.Meta):
        fields = [*GuideForm.Meta.fields, "active"]


class GuideAssignForm(forms.Form):
    guide = forms.ModelChoiceField(label=_("Guide"), queryset=Guide.objects.filter(active=True))
