from django.contrib import admin

from delaktig.core.admin import ReadOnlyAdmin, ReadOnlyInline
from delaktig.inventory.models import Initiative, Participation, ResponsibilityChange, StatusChange


class ResponsibilityInline(ReadOnlyInline):
    model = ResponsibilityChange
    fields = ["effective_on", "from_committee", "to_committee", "decision_reference", "note"]


class StatusInline(ReadOnlyInline):
    model = StatusChange
    fields = ["effective_on", "from_status", "to_status", "note"]


class ParticipationInline(ReadOnlyInline):
    model = Participation
    fields = ["occurred_on", "participants", "note"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    """Read-only: the inventory changes through its pages, whose services keep the history and audit trail."""

    list_display = ["name", "kind", "status", "responsible_committee", "published"]
    list_filter = ["kind", "status", "published", "areas", "responsible_committee"]
    search_fields = ["name", "description"]
    inlines = [ResponsibilityInline, StatusInline, ParticipationInline]
