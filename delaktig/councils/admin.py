from django.contrib import admin

from delaktig.councils.models import Council, Matter, Meeting, Member, Rulebook
from delaktig.events.admin import ReadOnlyAdmin


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "area", "committee"]
    list_filter = ["kind", "area"]


@admin.register(Rulebook)
class RulebookAdmin(ReadOnlyAdmin):
    list_display = ["council", "version", "adopted_on", "decision_reference"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "council", "role", "constituency", "term_start", "term_end", "left_on"]
    list_filter = ["council", "role"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["council", "starts_at", "ends_at"]


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "status", "answer_due"]
    list_filter = ["status", "council"]
