"""Build proposals in any status through the proposals app's services, at chosen moments.

The open-data and report tests read what the services wrote, timeline events included, so they
prove the API and the report against real transitions rather than hand-set columns.
"""

import datetime

from delaktig.accounts.models import RoleAssignment
from delaktig.proposals import services
from delaktig.proposals.models import Category
from tests.factories import user_with_role, verified_user

UTC = datetime.UTC


def moment(year: int, month: int, day: int) -> datetime.datetime:
    """Return noon UTC on the day: the same calendar day in Gothenburg."""
    return datetime.datetime(year, month, day, 12, tzinfo=UTC)


def draft(*, at: datetime.datetime, title: str = "Fler parkbänkar längs Göta älv", **fields):
    return services.proposal_create(
        actor=verified_user(),
        title=title,
        body="Sätt upp bänkar var hundrade meter så att fler orkar promenera.",
        category=fields.pop("category", Category.PARKS),
        now=at,
        **fields,
    )


def submitted(*, at: datetime.datetime, **fields):
    proposal = draft(at=at, **fields)
    return services.proposal_submit(proposal=proposal, actor=proposal.author, now=at)


def refused(*, at: datetime.datetime, refused_at: datetime.datetime, rule: str, **fields):
    proposal = submitted(at=at, **fields)
    return services.proposal_refuse(proposal=proposal, actor=_moderator(), rule=rule, now=refused_at)


def published(*, at: datetime.datetime, published_at: datetime.datetime, committee=None, **fields):
    proposal = submitted(at=at, **fields)
    return services.proposal_publish(proposal=proposal, actor=_moderator(), committee=committee, now=published_at)


def decided(
    *,
    at: datetime.datetime,
    published_at: datetime.datetime,
    threshold_at: datetime.datetime,
    decision_date: datetime.date,
    committee,
    outcome: str,
    **fields,
):
    """Publish, reach the threshold with one vote (the threshold must be 1), assign and decide."""
    proposal = published(at=at, published_at=published_at, committee=committee, **fields)
    services.vote_cast(proposal_id=proposal.pk, actor=verified_user(), now=threshold_at)
    proposal.refresh_from_db()
    services.proposal_assign(proposal=proposal, actor=_moderator(), committee=committee, now=threshold_at)
    secretary = user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=committee)
    decided_at = datetime.datetime.combine(decision_date, datetime.time(12), tzinfo=UTC)
    return services.proposal_decide(
        proposal=proposal,
        actor=secretary,
        outcome=outcome,
        decision_text="Nämnden beslutade i enlighet med förvaltningens förslag.",
        decision_date=decision_date,
        case_number=f"N123-{proposal.pk}/25",
        now=decided_at,
    )


def _moderator():
    return user_with_role(RoleAssignment.Role.MODERATOR)
