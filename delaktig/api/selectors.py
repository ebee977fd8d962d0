"""Reads for open data, built on the proposals app's public selectors.

Drafts, proposals waiting for review and proposals refused before publication never match: every
query starts from ``proposal_list_public``. The API adds the filters a data user needs beyond the
list page's (outcome, publication dates) and a strict keyset cursor over (published_at, id).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from delaktig.proposals.models import Proposal
from delaktig.proposals.selectors import proposal_list_public

NEWEST = "newest"


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
        published_at, proposal_id = after
        proposals = proposals.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, id__lt=proposal_id),
            published_at__lte=published_at,
        )
    return proposals
