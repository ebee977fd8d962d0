"""Open-data endpoints for Göteborgsförslaget: the public proposals as JSON pages and as one CSV file."""

import datetime
import re
from typing import Annotated, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from delaktig.api.cursor import cursor_decode, cursor_encode
from delaktig.api.errors import ERROR_RESPONSES
from delaktig.api.selectors import COLUMNS, OpenDataFilters, open_data_row, open_data_rows
from delaktig.api.throttle import api_rate_check
from delaktig.core.converters import IdConverter
from delaktig.core.errors import DomainError
from delaktig.core.exports import Table, csv_response
from delaktig.core.pagecache import cache_public
from delaktig.proposals.models import PUBLIC_STATUSES, Category, Outcome, Proposal
from delaktig.proposals.selectors import proposal_detail_public, proposal_page_version

NOT_FOUND = _("There is no published proposal with this number.")

router = Router(tags=["proposals"])

PublicStatus = Literal[tuple(sorted(PUBLIC_STATUSES))]
CategoryCode = Literal[tuple(Category.values)]
OutcomeCode = Literal[tuple(Outcome.values)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=50)]
SearchText = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=200)]
Cursor = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,200}$")]


class ProposalFilters(Schema):
    status: PublicStatus | None = Field(None, description="Only proposals in this status.")
    area: Slug | None = Field(None, description="Only proposals in this city area (its slug, e.g. nordost).")
    committee: Slug | None = Field(None, description="Only proposals handled by this committee (its slug).")
    category: CategoryCode | None = Field(None, description="Only proposals in this category.")
    q: SearchText | None = Field(None, description="Only proposals containing these words.")
    outcome: OutcomeCode | None = Field(None, description="Only proposals decided with this outcome.")
    published_from: datetime.date | None = Field(None, description="Published on or after this date.")
    published_to: datetime.date | None = Field(None, description="Published on or before this date.")

    def selector_filters(self) -> OpenDataFilters:
        return OpenDataFilters(**self.dict())


class ProposalOut(Schema):
    id: int
    title: str
    status: str
    category: str
    area: str | None
    area_name: str | None
    committee: str | None
    committee_name: str | None
    proposer: str | None = Field(description="The name the proposer chose to show; empty if they chose none.")
    votes: int
    vote_threshold: int
    published_at: datetime.datetime
    closes_at: datetime.datetime
    threshold_reached_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    outcome: str | None
    url: str


class EventOut(Schema):
    status: str
    at: datetime.datetime
    note: str


class ProposalDetailOut(ProposalOut):
    body: str
    district: str | None
    meeting_date: datetime.date | None
    decision_date: datetime.date | None
    case_number: str
    decision_text: str
    minutes_url: str
    timeline: list[EventOut]


class ProposalPage(Schema):
    results: list[ProposalOut]
    next: str | None = Field(description="The next page's address; empty on the last page.")


@router.get(
    "/proposals",
    response={200: ProposalPage, **ERROR_RESPONSES},
    summary="List published proposals, newest first, a page at a time",
)
def proposal_list(
    request: HttpRequest,
    filters: Query[ProposalFilters],
    limit: Annotated[int, Field(ge=1, le=100)] = 50,
    cursor: Cursor | None = None,
):
    api_rate_check(request)
    after = cursor_decode(cursor) if cursor else None
    page = list(open_data_rows(filters=filters.selector_filters(), after=after)[: limit + 1])
    results, more = page[:limit], len(page) > limit
    url_of = detail_urls(request)
    return {
        "results": [proposal_fields(row, url_of) for row in results],
        "next": _next_url(request, results[-1]) if more else None,
    }


@router.get(
    "/proposals.csv",
    response={200: None, **ERROR_RESPONSES},
    summary="Download every published proposal matching the filters as CSV",
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def proposal_csv(request: HttpRequest, filters: Query[ProposalFilters]):
    api_rate_check(request)
    url_of, columns = detail_urls(request), list(ProposalOut.model_fields)
    rows = [
        [_csv_value(fields[name]) for name in columns]
        for fields in (proposal_fields(row, url_of) for row in open_data_rows(filters=filters.selector_filters()))
    ]
    return csv_response(Table(title="proposals", columns=columns, rows=rows), "delaktig-proposals.csv")


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalDetailOut, **ERROR_RESPONSES},
    summary="Show one published proposal with its decision and public timeline",
)
def proposal_detail(request: HttpRequest, proposal_id: Annotated[int, Field(ge=1, le=2**63 - 1)]):
    api_rate_check(request)
    try:
        proposal = proposal_detail_public(proposal_id)
    except Proposal.DoesNotExist as error:
        raise DomainError(NOT_FOUND, code="not_found", status_code=404) from error
    return {
        **proposal_fields(open_data_row(proposal), detail_urls(request)),
        "body": proposal.body,
        "district": proposal.district.slug if proposal.district else None,
        "meeting_date": proposal.meeting_date,
        "decision_date": proposal.decision_date,
        "case_number": proposal.case_number,
        "decision_text": proposal.decision_text,
        "minutes_url": proposal.minutes_url,
        "timeline": [{"status": event.status, "at": event.at, "note": event.note} for event in proposal.events.all()],
    }


def _detail_version(request: HttpRequest, proposal_id: str) -> tuple[int, int, int] | None:
    """Return the proposal's page version; the path is not validated yet, so only a possible id gets one."""
    if not re.fullmatch(IdConverter.regex, proposal_id):
        return None
    return proposal_page_version(int(proposal_id))


# Anonymous readers share the answers as they share the pages: a detail while its proposal stays the same
# (it shows the same data as the proposal's page), a list or the CSV for a few seconds. A stored answer
# is served before the endpoint runs, so only answers that have to be made count against the API's rate.
cache_public("api:proposal_list")
cache_public("api:proposal_csv")
cache_public("api:proposal_detail", version=_detail_version)


def proposal_fields(row: dict, url_of) -> dict:
    """Return a proposal's public columns from its row: the same for a JSON page, a detail and the CSV."""
    fields = {name: row[lookup] for name, lookup in COLUMNS.items()}
    fields["proposer"] = fields["proposer"] or None
    fields["outcome"] = fields["outcome"] or None
    fields["url"] = url_of(row["id"])
    return fields


def detail_urls(request: HttpRequest):
    """Return a function giving a proposal's public page address (one reverse per request, not per row)."""
    prefix, _zero, suffix = request.build_absolute_uri(reverse("proposals:detail", kwargs={"pk": 0})).rpartition("/0/")
    return lambda pk: f"{prefix}/{pk}/{suffix}"


def _next_url(request: HttpRequest, last: dict) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor_encode(last["published_at"], last["id"])
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _csv_value(value):
    """Write times as ISO 8601 in UTC, so a spreadsheet and a script read the same instant."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return "" if value is None else value
