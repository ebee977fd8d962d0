"""Read-only admin views: every change to a proposal goes through the services and their pages,
so the timeline, the audit trail and the vote counter can never be bypassed from the admin."""

from django.contrib import admin

from delaktig.core.admin import ReadOnlyAdmin, ReadOnlyInline
from delaktig.proposals.models import Comment, CommitteeNotice, Proposal, ProposalEvent


class ProposalEventInline(ReadOnlyInline):
    model = ProposalEvent


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "vote_count", "area", "committee", "published_at", "closes_at"]
    list_filter = ["status", "category", "area", "committee"]
    search_fields = ["title", "case_number"]
    inlines = [ProposalEventInline]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "public_name", "status", "report_count", "created_at"]
    list_filter = ["status"]


@admin.register(CommitteeNotice)
class CommitteeNoticeAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "kind", "committee", "created_at", "sent_at"]
