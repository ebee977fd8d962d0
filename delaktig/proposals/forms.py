from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Committee, District
from delaktig.proposals.catalogue import rule_catalogue
from delaktig.proposals.models import Category, Comment, Outcome, Proposal

Status = Proposal.Status
DISTRICT_OUTSIDE_AREA = _("The district is not in the chosen area.")


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "body", "category", "area", "district", "proposer_name"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "title": _("Say in a few words what you want the city to do (at most 120 characters)."),
            "body": _("Describe the proposal and why it matters (at most 5,000 characters). Name no other people."),
            "area": _("If the proposal concerns one part of the city."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs.update({"maxlength": 120})
        similar_search = {
            "hx-get": reverse_lazy("proposals:similar"),
            "hx-trigger": "change",
            "hx-target": "#similar",
            "hx-swap": "outerHTML",
            "hx-include": "#id_title, #id_body",
        }
        self.fields["title"].widget.attrs.update(similar_search)
        self.fields["body"].widget.attrs.update(similar_search)
        self.fields["area"].empty_label = _("The whole city")
        self.fields["district"].empty_label = _("No particular district")
        self.fields["district"].queryset = District.objects.select_related("area").order_by("name")

    def clean(self):
        cleaned = super().clean()
        area, district = cleaned.get("area"), cleaned.get("district")
        if area is not None and district is not None and district.area_id != area.pk:
            self.add_error("district", DISTRICT_OUTSIDE_AREA)
        return cleaned


class ListFilterForm(forms.Form):
    """The list page's search, filters and sort; an unknown value is an error shown on the page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Area"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All")), *Category.choices])
    status = forms.ChoiceField(label=_("Status"), required=False)
    committee = forms.ChoiceField(label=_("Committee or board"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("votes", _("Most votes")), ("newest", _("Newest")), ("closing", _("Closing soon"))],
    )

    def __init__(self, *args, areas, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All"))] + [(area.slug, area.name) for area in areas]
        self.fields["committee"].choices = [("", _("All"))] + [(c.slug, c.localized_name) for c in committees]
        public = [Status.OPEN, Status.THRESHOLD_REACHED, Status.ASSIGNED, Status.DECIDED, Status.EXPIRED]
        self.fields["status"].choices = [("", _("All"))] + [(status.value, status.label) for status in public]


class VoteForm(forms.Form):
    show_name = forms.BooleanField(label=_("Show my public name with my vote"), required=False)


class CommentForm(forms.ModelForm):
    show_name = forms.BooleanField(label=_("Show my public name with the comment"), required=False, initial=True)

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"body": _("At most 2,000 characters. Keep to the subject and be kind.")}


class PublishForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Responsible committee or board (if known)"),
        queryset=Committee.objects.filter(active=True),
        required=False,
        empty_label=_("Decide later"),
    )


class RefuseForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the proposer"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [(key, f"{title}: {text}") for key, title, text in rule_catalogue()]


class AssignForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Committee or company board"), queryset=Committee.objects.filter(active=True)
    )


class HandlingForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["meeting_date", "case_number"]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"})}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["outcome", "decision_text", "decision_date", "meeting_date", "case_number", "minutes_url"]
        widgets = {
            "outcome": forms.RadioSelect(choices=Outcome.choices),
            "decision_text": forms.Textarea(attrs={"rows": 6}),
            "decision_date": forms.DateInput(attrs={"type": "date"}),
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("outcome", "decision_text", "decision_date", "case_number"):
            self.fields[name].required = True
        self.fields["outcome"].choices = Outcome.choices
