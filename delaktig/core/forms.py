from django import forms
from django.utils.translation import gettext_lazy as _

from delaktig.core.models import AccessibilityReport


class AccessibilityReportForm(forms.ModelForm):
    class Meta:
        model = AccessibilityReport
        fields = ["page_url", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "page_url": _("The address or name of the page, if you know it."),
            "contact": _("E-mail or phone, if you want an answer."),
        }
