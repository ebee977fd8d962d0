"""Reads for open data, built on the proposals app's public selectors.

Drafts, proposals waiting for review and proposals refused before publication never match: every
query starts from ``proposal_list_public``. The API adds the filters a data user needs beyond the
list page's (outcome, publication dates) and a strict keyset cursor over (published_at, id).
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan

from delaktig.proposals.models import Proposal
from delaktig.proposals.selectors import proposal_list_public

NEWEST = "newest"
# Each public column of the open data and the ORM lookup it is read from (shared by JSON, CSV and detail).
COLUMNS = {
    "id": "id",
    "title": "title",
    "status": "status",
    "category": "category",
    "area": "area__slug",
    "area_name": "area__name",
    "committee": "committee__slug",
    "committee_name": "committee__name",
    "proposer": "proposer_name",
    "votes": "vote_count",
    "vote_threshold": "vote_threshold",
    "published_at": "published_at",
    "closes_at": "closes_at",
    "threshold_reached_at": "threshold_reached_at",
    "decided_at": "decided_at",
    "outcome": "outcome",
}


@dataclass(frozen=True)
class OpenDataFilters:
    status: str | None = None
    area: str | None = None
    committee: str | None = None
    category: str | None = None
    q: str | None = None
    outcome: str | None = None
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None


def open_data_proposals(
    *, filters: OpenDataFilters, after: tuple[datetime.datetime, int] | None = None
) -> QuerySet[Proposal]:
    """Return published proposals matching ``filters``, newest first, after the (published_at, id) seen last."""
    proposals = proposal_list_public(
        area=filters.area,
        category=filters.category,
        status=filters.status,
        committee=filters.committee,
        search=filters.q,
        sort=NEWEST,
    )
    extra = {
        "outcome": filters.outcome,
        "published_at__date__gte": filters.published_from,
        "published_at__date__lte": filters.published_to,
    }
    proposals = proposals.filter(**{lookup: value for lookup, value in extra.items() if value is not None})
    if after is not None:
        # A row comparison, (published_at, id) < (last seen), is one index condition on proposal_by_newest:
        # PostgreSQL starts reading at the cursor instead of filtering every row before it.
        proposals = proposals.filter(TupleLessThan(Tuple(F("published_at"), F("id")), after))
    return proposals


def open_data_rows(*, filters: OpenDataFilters, after: tuple[datetime.datetime, int] | None = None) -> QuerySet:
    """Return the matching proposals as plain rows of the public columns (no model instances to build)."""
    return open_data_proposals(filters=filters, after=after).values(*COLUMNS.values())


def open_data_row(proposal: Proposal) -> dict:
    """Return one loaded proposal as the same plain row ``open_data_rows`` gives."""
    return {lookup: _follow(proposal, lookup) for lookup in COLUMNS.values()}


def _follow(proposal: Proposal, lookup: str):
    value = proposal
    for name in lookup.split("__"):
        value = getattr(value, name) if value is not None else None
    return value
