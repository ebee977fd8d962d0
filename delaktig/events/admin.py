from django.contrib import admin

from delaktig.core.admin import ReadOnlyAdmin
from delaktig.events.models import Event, Guide, Registration


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
