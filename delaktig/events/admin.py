from django.contrib import admin

from delaktig.events.models import Event, Guide, Registration


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show the rows for support; every change goes through the staff pages and their services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "area", "starts_at", "cancelled_at"]
    list_filter = ["kind", "area"]
    search_fields = ["title", "place"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["event", "user", "created_at"]


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "area", "languages", "active"]
    list_filter = ["kind", "area", "active"]
