"""Reads of Göteborgsförslaget: the public list with keyset pagination, detail, search and queues.

Public means published (``published_at`` set): drafts, proposals waiting for review and refused ones
are never returned by the public selectors. Every list is ordered by a unique key so it can be paged
with a cursor (``WHERE (key, id) < (last key, last id)``) on an index, never with OFFSET.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from delaktig.city.models import Area
from delaktig.proposals.models import VOTABLE_STATUSES, Comment, Proposal, ProposalEvent, Vote

Status = Proposal.Status
LIST_DEFERRED = ("body", "search_vector", "decision_text", "refusal_note")
SORTS = {
    # sort key: (field, descending)
    "votes": ("vote_count", True),
    "newest": ("published_at", True),
    "closing": ("closes_at", False),
}
DEFAULT_SORT = "votes"
WORD = re.compile(r"\w{3,}")


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def public_proposals() -> QuerySet[Proposal]:
    """Return every published proposal (whatever its later status) with area and committee joined."""
    return Proposal.objects.filter(published_at__isnull=False).select_related("area", "committee")


def proposal_list_public(
    *,
    area: str | None = None,
    category: str | None = None,
    status: str | None = None,
    committee: str | None = None,
    search: str | None = None,
    sort: str = DEFAULT_SORT,
    now: datetime | None = None,
) -> QuerySet[Proposal]:
    """Return published proposals filtered by area slug, category, status, committee slug and words.

    Ordered for keyset pagination by ``sort`` (see ``SORTS``; unknown sorts fall back to most votes).
    "closing" lists only proposals that still take votes, soonest first.
    """
    proposals = public_proposals().defer(*LIST_DEFERRED)
    if area:
        proposals = proposals.filter(area__slug=area)
    if category:
        proposals = proposals.filter(category=category)
    if status:
        proposals = proposals.filter(status=status)
    if committee:
        proposals = proposals.filter(committee__slug=committee)
    if search and search.strip():
        proposals = _matching(proposals, search.strip())
    sort = sort if sort in SORTS else DEFAULT_SORT
    if sort == "closing":
        proposals = proposals.filter(status__in=VOTABLE_STATUSES, closes_at__gt=now or timezone.now())
    field, descending = SORTS[sort]
    return proposals.order_by(F(field).desc() if descending else F(field).asc(), "-id" if descending else "id")


def _matching(proposals: QuerySet[Proposal], text: str) -> QuerySet[Proposal]:
    """Keep proposals containing the words (Swedish full-text search on PostgreSQL, substrings elsewhere)."""
    if uses_postgres_search():
        from django.contrib.postgres.search import SearchQuery

        return proposals.filter(search_vector=SearchQuery(text[:200], config="swedish", search_type="websearch"))
    for word in text.split()[:8]:
        proposals = proposals.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return proposals


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None
    sort: str


def proposal_page(proposals: QuerySet[Proposal], *, sort: str, cursor: str | None, size: int = 20) -> Page:
    """Return one page after ``cursor`` and the cursor of the next page, in one indexed query.

    The cursor is an opaque token of the last row's sort key and id; a malformed cursor starts over
    from the first page rather than failing.
    """
    sort = sort if sort in SORTS else DEFAULT_SORT
    field, descending = SORTS[sort]
    position = _decode_cursor(cursor, field)
    if position is not None:
        value, last_id = position
        op = "lt" if descending else "gt"
        # The redundant inclusive bound lets PostgreSQL start the index scan at the cursor; with the OR
        # alone it reads the index from the top and filters, which grows like an OFFSET scan.
        proposals = proposals.filter(
            Q(**{f"{field}__{op}e": value}),
            Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": last_id}),
        )
    rows = list(proposals[: size + 1])
    items = rows[:size]
    next_cursor = _encode_cursor(getattr(items[-1], field), items[-1].pk) if len(rows) > size else None
    return Page(items=items, next_cursor=next_cursor, sort=sort)


def _encode_cursor(value, pk: int) -> str:
    raw = f"{value.isoformat() if isinstance(value, datetime) else value}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None, field: str):
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        value, pk = raw.rsplit("|", 1)
        value = int(value) if field == "vote_count" else parse_datetime(value)
        return (value, int(pk)) if value is not None else None
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def proposal_detail_public(proposal_id: int) -> Proposal:
    """Return one published proposal with its timeline; raise ``Proposal.DoesNotExist`` otherwise."""
    events = Prefetch("events", queryset=ProposalEvent.objects.order_by("at", "id"))
    return (
        public_proposals()
        .select_related("district")
        .defer("search_vector")
        .prefetch_related(events)
        .get(pk=proposal_id)
    )


def proposal_page_version(proposal_id: int, now: datetime | None = None) -> tuple[int, int, int] | None:
    """Return what a cached public page of the proposal is valid for (one indexed read), or None if not public.

    The page changes with its revision and vote count, and with the clock: the days left to vote (-1 once
    voting has closed). Every anonymous read of a proposal runs this, so it is plain SQL: the ORM's query
    building costs several times the query itself.
    """
    table = connection.ops.quote_name(Proposal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_revision, vote_count, closes_at FROM {table} WHERE id = %s AND published_at IS NOT NULL",
            [proposal_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    revision, votes, closes_at = row
    if timezone.is_naive(closes_at):  # SQLite gives raw SQL the stored UTC time without its zone
        closes_at = closes_at.replace(tzinfo=UTC)
    left = closes_at - (now or timezone.now())
    return revision, votes, left.days if left.total_seconds() > 0 else -1


def proposal_for_viewer(proposal_id: int, user) -> Proposal:
    """Return any proposal the user may read (own drafts, staff queues) with its timeline, or raise."""
    proposal = (
        Proposal.objects.select_related("area", "district", "committee")
        .defer("search_vector")
        .prefetch_related(Prefetch("events", queryset=ProposalEvent.objects.order_by("at", "id")))
        .get(pk=proposal_id)
    )
    if not user.has_perm("proposals.view", proposal):
        raise Proposal.DoesNotExist
    return proposal


def proposal_list_for_hub(area: Area, *, limit: int = 5) -> list[Proposal]:
    """Return the area's proposals that take votes now, most votes first (one query)."""
    return list(
        Proposal.objects.filter(area=area, status__in=VOTABLE_STATUSES, closes_at__gt=timezone.now())
        .only("id", "title", "vote_count", "vote_threshold", "closes_at", "status")
        .order_by("-vote_count", "-id")[:limit]
    )


def proposal_similar(*, text: str, exclude_id: int | None = None, limit: int = 5) -> list[Proposal]:
    """List published proposals that share words with ``text``: open ones and those of the last months.

    Used while writing and while moderating to spot duplicates (rule: open or decided within
    DELAKTIG_PROPOSAL_DUPLICATE_MONTHS months). Ranked with SearchRank on PostgreSQL.
    """
    words = list(dict.fromkeys(word.lower() for word in WORD.findall(text)))[:12]
    if not words:
        return []
    since = timezone.now() - timedelta(days=30 * settings.DELAKTIG_PROPOSAL_DUPLICATE_MONTHS)
    candidates = (
        public_proposals()
        .filter(Q(status__in=VOTABLE_STATUSES) | Q(status_changed_at__gte=since))
        .exclude(pk=exclude_id)
        .defer("search_vector", "decision_text", "refusal_note")
    )
    if uses_postgres_search():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = reduce(or_, (SearchQuery(word, config="swedish") for word in words))
        ranked = candidates.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        return list(ranked.order_by("-rank", "-id")[:limit])
    long_words = [word for word in words if len(word) >= 4] or words
    matches = candidates.filter(
        reduce(or_, (Q(title__icontains=word) | Q(body__icontains=word) for word in long_words))
    )
    scored = sorted(
        matches[: limit * 10],
        key=lambda proposal: -sum(word in f"{proposal.title} {proposal.body}".lower() for word in long_words),
    )
    return scored[:limit]


def moderation_queue() -> QuerySet[Proposal]:
    """Return proposals waiting for review, oldest first, and those over the threshold to assign."""
    return (
        Proposal.objects.filter(status__in=[Status.SUBMITTED, Status.THRESHOLD_REACHED])
        .select_related("area", "author")
        .defer("search_vector")
        .order_by("status_changed_at", "id")
    )


def comments_pending_review() -> QuerySet[Comment]:
    return Comment.objects.filter(status=Comment.Status.PENDING_REVIEW).select_related("proposal").order_by("id")


def committee_queue(*, committee_ids, now: datetime | None = None) -> QuerySet[Proposal]:
    """Return proposals assigned to these committees, undecided first, with an ``overdue`` flag set.

    Overdue: no decision DELAKTIG_PROPOSAL_OVERDUE_DAYS days after the proposal reached the threshold.
    """
    now = now or timezone.now()
    deadline = now - timedelta(days=settings.DELAKTIG_PROPOSAL_OVERDUE_DAYS)
    return (
        Proposal.objects.filter(committee_id__in=committee_ids, status__in=[Status.ASSIGNED, Status.DECIDED])
        .select_related("committee", "area")
        .defer("search_vector", "body")
        .annotate(
            overdue=Q(status=Status.ASSIGNED, threshold_reached_at__lt=deadline),
        )
        .order_by(F("decided_at").desc(nulls_first=True), "threshold_reached_at", "id")
    )


def proposals_of(user) -> QuerySet[Proposal]:
    """Return the user's own proposals in every status, newest first."""
    return Proposal.objects.filter(author=user).select_related("area").defer("search_vector", "body").order_by("-id")


def comments_visible(proposal: Proposal) -> QuerySet[Comment]:
    return proposal.comments.filter(status=Comment.Status.VISIBLE).order_by("created_at", "id")


def named_voters(proposal: Proposal, *, limit: int = 30) -> list[str]:
    """Return the public names of the latest voters who chose to be named."""
    return list(
        Vote.objects.filter(proposal=proposal, show_name=True)
        .exclude(voter__display_name="")
        .order_by("-created_at", "-id")
        .values_list("voter__display_name", flat=True)[:limit]
    )


def vote_of(proposal: Proposal, user) -> Vote | None:
    if not user.is_authenticated:
        return None
    return Vote.objects.filter(proposal=proposal, voter=user).first()
