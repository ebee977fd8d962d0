from django.contrib import admin

from delaktig.inventory.models import Initiative, Participation, ResponsibilityChange, StatusChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
class InitiativeAdmin(admin.ModelAdmin):
    """Read-only: the inventory changes through its pages, whose services keep the history and audit trail."""

    list_display = ["name", "kind", "status", "responsible_committee", "published"]
    list_filter = ["kind", "status", "published", "areas", "responsible_committee"]
    search_fields = ["name", "description"]
    inlines = [ResponsibilityInline, StatusInline, ParticipationInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
