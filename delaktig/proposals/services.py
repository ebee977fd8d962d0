"""Every write of Göteborgsförslaget: the proposal's state machine, votes, follows and comments.

Each status change goes through ``_transition``: it checks the move is allowed, stamps the time, adds a
public timeline event, writes the audit event and, after commit, e-mails the proposer and followers.
Services accept ``now`` so the demo loader can place proposals in the past without patching the clock.
"""

from contextlib import nullcontext
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, District
from delaktig.core.errors import DomainError, PermissionDeniedError
from delaktig.core.services import audit_event_record
from delaktig.proposals import tasks
from delaktig.proposals.models import (
    VOTABLE_STATUSES,
    Comment,
    CommentReport,
    CommitteeNotice,
    Follow,
    Outcome,
    Proposal,
    ProposalEvent,
    RefusalRule,
    Vote,
)

Status = Proposal.Status

NOT_ALLOWED_NOW = _("This cannot be done with the proposal in its current status.")
NOT_YOUR_PROPOSAL = _("Only the person who wrote the proposal can do this.")
NEEDS_VERIFICATION_TO_PROPOSE = _("You need to confirm who you are before you can write a proposal.")
NEEDS_VERIFICATION_TO_VOTE = _("You need to confirm who you are before you can vote.")
NOT_A_MODERATOR = _("Only moderators can review proposals.")
NOT_THE_SECRETARY = _("Only a secretary of the responsible committee can record its handling.")
VOTING_CLOSED = _("This proposal does not take votes right now.")
ALREADY_VOTED = _("You have already voted for this proposal.")
NO_VOTE_TO_WITHDRAW = _("You have not voted for this proposal.")
DISTRICT_OUTSIDE_AREA = _("The district is not in the chosen area.")
UNKNOWN_RULE = _("Choose one of the published rules.")
NEEDS_COMMITTEE = _("Choose the committee or company board that will handle the proposal.")
UNKNOWN_OUTCOME = _("Choose the decision: approved, partly approved, rejected or answered.")
COMMENTS_CLOSED = _("Comments are only possible on published proposals.")
ALREADY_REPORTED = _("You have already reported this comment. A moderator will look at it.")

TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.OPEN, Status.REFUSED, Status.WITHDRAWN},
    Status.OPEN: {Status.THRESHOLD_REACHED, Status.EXPIRED, Status.WITHDRAWN},
    Status.THRESHOLD_REACHED: {Status.ASSIGNED, Status.WITHDRAWN},
    Status.ASSIGNED: {Status.ASSIGNED, Status.DECIDED, Status.WITHDRAWN},
}
TIMESTAMP_FIELD = {
    Status.SUBMITTED: "submitted_at",
    Status.THRESHOLD_REACHED: "threshold_reached_at",
    Status.ASSIGNED: "assigned_at",
    Status.DECIDED: "decided_at",
}


def _transition(
    proposal: Proposal, *, to: str, actor, now: datetime, note: str = "", fields: tuple[str, ...] = (), data=None
) -> ProposalEvent:
    """Move the proposal to ``to`` with its timeline event, audit event and the e-mails after commit."""
    if to not in TRANSITIONS.get(proposal.status, ()):
        raise DomainError(NOT_ALLOWED_NOW, code="invalid_transition", status_code=409)
    before = proposal.status
    proposal.status = to
    proposal.status_changed_at = now
    changed = ["status", "status_changed_at", *fields]
    if to in TIMESTAMP_FIELD:
        setattr(proposal, TIMESTAMP_FIELD[to], now)
        changed.append(TIMESTAMP_FIELD[to])
    proposal.full_clean(exclude=["author", "area", "district", "committee"])
    proposal.save(update_fields=changed)
    event = ProposalEvent(proposal=proposal, status=to, at=now, note=note)
    event.full_clean(exclude=["proposal"])
    event.save()
    audit_event_record(
        actor=actor, verb=f"proposal.{to}", target=proposal, data={"from": before, "to": to, **(data or {})}
    )
    page_changed(proposal.pk)
    transaction.on_commit(lambda: tasks.proposal_status_mail.enqueue(event.pk))
    return event


def page_changed(proposal_id: int) -> None:
    """Note that the proposal's public page changed (see ``Proposal.page_revision``)."""
    Proposal.objects.filter(pk=proposal_id).update(page_revision=F("page_revision") + 1)


def _locked(proposal_id: int) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal_id)


def _require(actor, perm: str, message, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDeniedError(message)


def _check_place(area: Area | None, district: District | None) -> None:
    if district is not None and area is not None and district.area_id != area.pk:
        raise DomainError(DISTRICT_OUTSIDE_AREA, code="district_outside_area")


@transaction.atomic
def proposal_create(
    *,
    actor,
    title: str,
    body: str,
    category: str,
    area: Area | None = None,
    district: District | None = None,
    proposer_name: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Save a new draft; nothing is public until a moderator publishes it."""
    _require(actor, "proposals.propose", NEEDS_VERIFICATION_TO_PROPOSE)
    _check_place(area, district)
    now = now or timezone.now()
    proposal = Proposal(
        author=actor,
        title=title.strip(),
        body=body.strip(),
        category=category,
        area=area or (district.area if district else None),
        district=district,
        proposer_name=proposer_name.strip(),
        created_at=now,
        status_changed_at=now,
        vote_threshold=settings.DELAKTIG_PROPOSAL_THRESHOLD,
    )
    proposal.full_clean()
    proposal.save()
    ProposalEvent.objects.create(proposal=proposal, status=Status.DRAFT, at=now)
    audit_event_record(actor=actor, verb="proposal.draft", target=proposal)
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    actor,
    title: str,
    body: str,
    category: str,
    area: Area | None = None,
    district: District | None = None,
    proposer_name: str = "",
) -> Proposal:
    """Change a draft; once submitted the text is what the moderator reviews and cannot change."""
    proposal = _locked(proposal.pk)
    if proposal.author_id != actor.pk:
        raise PermissionDeniedError(NOT_YOUR_PROPOSAL)
    if proposal.status != Status.DRAFT:
        raise DomainError(NOT_ALLOWED_NOW, code="invalid_transition", status_code=409)
    _check_place(area, district)
    proposal.title, proposal.body, proposal.category = title.strip(), body.strip(), category
    proposal.area, proposal.district = area or (district.area if district else None), district
    proposal.proposer_name = proposer_name.strip()
    proposal.full_clean()
    proposal.save()
    audit_event_record(actor=actor, verb="proposal.edit", target=proposal)
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor, now: datetime | None = None) -> Proposal:
    """Send a draft to the moderators' queue."""
    proposal = _locked(proposal.pk)
    if proposal.author_id != actor.pk:
        raise PermissionDeniedError(NOT_YOUR_PROPOSAL)
    _transition(proposal, to=Status.SUBMITTED, actor=actor, now=now or timezone.now())
    return proposal


@transaction.atomic
def proposal_publish(
    *, proposal: Proposal, actor, committee: Committee | None = None, now: datetime | None = None
) -> Proposal:
    """Publish a submitted proposal and open its voting window (length and threshold from the settings)."""
    _require(actor, "proposals.moderate", NOT_A_MODERATOR)
    proposal = _locked(proposal.pk)
    now = now or timezone.now()
    proposal.published_at = now
    proposal.closes_at = now + timedelta(days=settings.DELAKTIG_PROPOSAL_WINDOW_DAYS)
    proposal.vote_threshold = settings.DELAKTIG_PROPOSAL_THRESHOLD
    proposal.committee = committee or proposal.committee
    _transition(
        proposal,
        to=Status.OPEN,
        actor=actor,
        now=now,
        fields=("published_at", "closes_at", "vote_threshold", "committee"),
    )
    return proposal


@transaction.atomic
def proposal_refuse(*, proposal: Proposal, actor, rule: str, note: str = "", now: datetime | None = None) -> Proposal:
    """Refuse a submitted proposal under one published rule; the proposer sees the rule's text."""
    _require(actor, "proposals.moderate", NOT_A_MODERATOR)
    if rule not in RefusalRule.values:
        raise DomainError(UNKNOWN_RULE, code="unknown_rule")
    proposal = _locked(proposal.pk)
    proposal.refusal_rule, proposal.refusal_note = rule, note.strip()
    _transition(
        proposal,
        to=Status.REFUSED,
        actor=actor,
        now=now or timezone.now(),
        fields=("refusal_rule", "refusal_note"),
        data={"rule": rule},
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor, now: datetime | None = None) -> Proposal:
    """Let the proposer take the proposal back at any time before a decision."""
    proposal = _locked(proposal.pk)
    if proposal.author_id != actor.pk:
        raise PermissionDeniedError(NOT_YOUR_PROPOSAL)
    _transition(proposal, to=Status.WITHDRAWN, actor=actor, now=now or timezone.now())
    return proposal


@transaction.atomic
def proposal_assign(*, proposal: Proposal, actor, committee: Committee, now: datetime | None = None) -> Proposal:
    """Hand a proposal over the threshold to the committee or company board that will decide it."""
    _require(actor, "proposals.moderate", NOT_A_MODERATOR)
    if committee is None:
        raise DomainError(NEEDS_COMMITTEE, code="needs_committee")
    proposal = _locked(proposal.pk)
    proposal.committee = committee
    now = now or timezone.now()
    _transition(
        proposal,
        to=Status.ASSIGNED,
        actor=actor,
        now=now,
        note=committee.name,
        fields=("committee",),
        data={"committee": committee.slug},
    )
    _notice_create(proposal=proposal, kind=CommitteeNotice.Kind.ASSIGNED, now=now, replace=True)
    return proposal


@transaction.atomic
def proposal_handling_record(
    *, proposal: Proposal, actor, meeting_date: date | None, case_number: str, now: datetime | None = None
) -> Proposal:
    """Record where the committee's handling stands (meeting, case number) before the decision."""
    proposal = _locked(proposal.pk)
    _require(actor, "proposals.record_decision", NOT_THE_SECRETARY, proposal)
    if proposal.status != Status.ASSIGNED:
        raise DomainError(NOT_ALLOWED_NOW, code="invalid_transition", status_code=409)
    proposal.meeting_date, proposal.case_number = meeting_date, case_number.strip()
    proposal.full_clean(exclude=["author", "area", "district", "committee"])
    proposal.save(update_fields=["meeting_date", "case_number"])
    page_changed(proposal.pk)
    audit_event_record(
        actor=actor,
        verb="proposal.handling",
        target=proposal,
        data={"meeting_date": meeting_date.isoformat() if meeting_date else None, "case_number": case_number},
    )
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    proposal: Proposal,
    actor,
    outcome: str,
    decision_text: str,
    decision_date: date,
    case_number: str,
    minutes_url: str = "",
    meeting_date: date | None = None,
    now: datetime | None = None,
) -> Proposal:
    """Record the committee's decision; the proposer and followers are told, the timeline shows it."""
    proposal = _locked(proposal.pk)
    _require(actor, "proposals.record_decision", NOT_THE_SECRETARY, proposal)
    if outcome not in Outcome.values:
        raise DomainError(UNKNOWN_OUTCOME, code="unknown_outcome")
    proposal.outcome, proposal.decision_text = outcome, decision_text.strip()
    proposal.decision_date, proposal.case_number = decision_date, case_number.strip()
    proposal.minutes_url, proposal.meeting_date = minutes_url.strip(), meeting_date or proposal.meeting_date
    _transition(
        proposal,
        to=Status.DECIDED,
        actor=actor,
        now=now or timezone.now(),
        note=proposal.decision_text,
        fields=("outcome", "decision_text", "decision_date", "case_number", "minutes_url", "meeting_date"),
        data={"outcome": outcome, "case_number": proposal.case_number},
    )
    return proposal


def proposals_expire(*, now: datetime | None = None) -> int:
    """Close every open proposal whose window has ended under the threshold; return how many."""
    now = now or timezone.now()
    ids = list(Proposal.objects.filter(status=Status.OPEN, closes_at__lte=now).values_list("pk", flat=True))
    for proposal_id in ids:
        _expire_one(proposal_id, now)
    return len(ids)


@transaction.atomic
def _expire_one(proposal_id: int, now: datetime) -> None:
    proposal = _locked(proposal_id)
    if proposal.status == Status.OPEN and proposal.closes_at <= now:
        _transition(proposal, to=Status.EXPIRED, actor=None, now=now, data={"votes": proposal.vote_count})


def _notice_create(*, proposal: Proposal, kind: str, now: datetime, replace: bool = False) -> None:
    """Write the outbox row (once per proposal and kind) and deliver it after commit."""
    if replace:
        CommitteeNotice.objects.filter(proposal=proposal, kind=kind).delete()
    notice = CommitteeNotice.objects.create(proposal=proposal, kind=kind, committee=proposal.committee, created_at=now)
    transaction.on_commit(lambda: tasks.committee_notice_deliver.enqueue(notice.pk))


def vote_cast(*, proposal_id: int, actor, show_name: bool = False, now: datetime | None = None) -> Vote:
    """Count one person's vote: the row and the counter change together; cross the threshold at most once.

    The unique constraint refuses a second vote by the same person. Casting writes no audit event: the
    vote row is itself the record of who supported what and when (a withdrawal deletes it, so that is
    audited), and an audit row per vote would double the writes of the busiest path.
    """
    _require(actor, "proposals.vote", NEEDS_VERIFICATION_TO_VOTE)
    now = now or timezone.now()
    try:
        vote, (vote_count, vote_threshold, status) = _vote_insert_counted(
            Vote(proposal_id=proposal_id, voter=actor, show_name=show_name, created_at=now)
        )
    except IntegrityError as error:
        raise DomainError(ALREADY_VOTED, code="already_voted", status_code=409) from error
    if status == Status.OPEN and vote_count >= vote_threshold:
        _threshold_cross(proposal_id, now=now)
    return vote


def _vote_insert_counted(vote: Vote) -> tuple[Vote, tuple[int, int, str]]:
    """Insert the vote and add it to its proposal's counter, all or nothing; return the saved vote and the count.

    On PostgreSQL this is one statement, the increment and then the insert from its result: outside a
    transaction it commits as it ends, so the hot row is locked only while the server runs it, never
    while a busy web process gets round to sending COMMIT. SQLite has no data-modifying WITH and
    serialises writes anyway: there the two statements share a transaction.
    """
    if connection.vendor != "postgresql":
        with transaction.atomic():
            vote.save()
            return vote, _count_vote(vote.proposal_id, change=+1, now=vote.created_at)
    increment, increment_params = _count_vote_sql(vote.proposal_id, change=+1, now=vote.created_at)
    table = connection.ops.quote_name(Vote._meta.db_table)
    # Inside a caller's transaction a savepoint keeps a refused vote from aborting it.
    with transaction.atomic() if connection.in_atomic_block else nullcontext(), connection.cursor() as cursor:
        cursor.execute(
            f"WITH counted AS ({increment}), "
            f"inserted AS (INSERT INTO {table} (proposal_id, voter_id, show_name, created_at) "
            "SELECT id, %s, %s, %s FROM counted RETURNING id) "
            "SELECT inserted.id, counted.vote_count, counted.vote_threshold, counted.status FROM counted, inserted",
            [
                *increment_params,
                vote.voter_id,
                vote.show_name,
                connection.ops.adapt_datetimefield_value(vote.created_at),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        raise DomainError(VOTING_CLOSED, code="voting_closed", status_code=409)
    saved = {"id": row[0], "proposal_id": vote.proposal_id, "voter_id": vote.voter_id}
    saved |= {"show_name": vote.show_name, "created_at": vote.created_at}
    return Vote.from_db(connection.alias, list(saved), list(saved.values())), row[1:]


def proposals_threshold_catch_up(*, now: datetime | None = None) -> int:
    """Cross the threshold of open proposals whose counter reached it without the crossing; return how many.

    A vote commits before the crossing runs, so a process stopped in between leaves the proposal open over
    its threshold; the next vote finishes the move, and so does this (hourly, before anything expires).
    """
    now = now or timezone.now()
    reached = Proposal.objects.filter(status=Status.OPEN, vote_count__gte=F("vote_threshold"))
    ids = list(reached.values_list("pk", flat=True))
    for proposal_id in ids:
        _threshold_cross(proposal_id, now=now)
    return len(ids)


@transaction.atomic
def _threshold_cross(proposal_id: int, *, now: datetime) -> None:
    """Change the status and notify the committee once: several votes may report the crossing, the lock decides."""
    proposal = _locked(proposal_id)
    if proposal.status == Status.OPEN and proposal.vote_count >= proposal.vote_threshold:
        _transition(proposal, to=Status.THRESHOLD_REACHED, actor=None, now=now, data={"votes": proposal.vote_count})
        _notice_create(proposal=proposal, kind=CommitteeNotice.Kind.THRESHOLD, now=now)


@transaction.atomic
def vote_withdraw(*, proposal_id: int, actor, now: datetime | None = None) -> None:
    """Take back one's vote while the proposal still takes votes; a reached threshold stays reached."""
    deleted, _by_model = Vote.objects.filter(proposal_id=proposal_id, voter=actor).delete()
    if not deleted:
        raise DomainError(NO_VOTE_TO_WITHDRAW, code="no_vote", status_code=409)
    audit_event_record(actor=actor, verb="proposal.vote_withdraw", target=Proposal(pk=proposal_id))
    page_changed(proposal_id)  # the count may be back where it was with a different list of named voters
    _count_vote(proposal_id, change=-1, now=now or timezone.now())


def _count_vote_sql(proposal_id: int, *, change: int, now: datetime) -> tuple[str, list]:
    """Return the UPDATE adding ``change`` to the counter of a proposal open for votes (status and window)."""
    table = connection.ops.quote_name(Proposal._meta.db_table)
    statuses = sorted(VOTABLE_STATUSES)
    sql = (
        f"UPDATE {table} SET vote_count = vote_count + %s "
        f"WHERE id = %s AND status IN ({', '.join(['%s'] * len(statuses))}) AND published_at <= %s AND closes_at > %s "
        "RETURNING id, vote_count, vote_threshold, status"
    )
    return sql, [change, proposal_id, *statuses, *[connection.ops.adapt_datetimefield_value(now)] * 2]


def _count_vote(proposal_id: int, *, change: int, now: datetime) -> tuple[int, int, str]:
    """Add ``change`` to the counter as the transaction's last statement; return (count, threshold, status).

    The UPDATE locks the hot row until commit. No row matched means the proposal does not take votes,
    which the caller's transaction turns into a clean refusal.
    """
    with connection.cursor() as cursor:
        cursor.execute(*_count_vote_sql(proposal_id, change=change, now=now))
        row = cursor.fetchone()
    if row is None:
        raise DomainError(VOTING_CLOSED, code="voting_closed", status_code=409)
    return row[1:]


def vote_counts_reconcile() -> list[tuple[int, int, int]]:
    """Find proposals whose counter differs from their vote rows, repair each, return (id, was, is)."""
    actual = Vote.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal").annotate(n=Count("pk"))
    drifted = (
        Proposal.objects.annotate(actual=Coalesce(Subquery(actual.values("n")), 0))
        .exclude(vote_count=F("actual"))
        .values_list("pk", flat=True)
    )
    return [repair for proposal_id in list(drifted) if (repair := _repair_count(proposal_id))]


@transaction.atomic
def _repair_count(proposal_id: int) -> tuple[int, int, int] | None:
    proposal = _locked(proposal_id)
    actual = Vote.objects.filter(proposal=proposal).count()
    if actual == proposal.vote_count:
        return None
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=actual)
    audit_event_record(
        actor=None, verb="proposal.vote_count_repair", target=proposal, data={"was": proposal.vote_count, "is": actual}
    )
    return (proposal.pk, proposal.vote_count, actual)


@transaction.atomic
def follow_set(*, proposal: Proposal, actor, follow: bool) -> None:
    """Start or stop e-mails about the proposal's status changes."""
    if follow:
        Follow.objects.get_or_create(proposal=proposal, user=actor)
    else:
        Follow.objects.filter(proposal=proposal, user=actor).delete()


@transaction.atomic
def comment_create(*, proposal: Proposal, actor, body: str, show_name: bool = True) -> Comment:
    """Add a comment to a published proposal."""
    _require(actor, "proposals.comment", NEEDS_VERIFICATION_TO_VOTE)
    if proposal.published_at is None or proposal.status == Status.WITHDRAWN:
        raise DomainError(COMMENTS_CLOSED, code="comments_closed", status_code=409)
    comment = Comment(
        proposal=proposal,
        author=actor,
        author_name=(actor.display_name if show_name else "")[:100],
        body=body.strip(),
    )
    comment.full_clean()
    comment.save()
    audit_event_record(actor=actor, verb="proposal.comment", target=proposal, data={"comment": comment.pk})
    page_changed(proposal.pk)
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, actor, reason: str = "") -> Comment:
    """Count a report; at the configured number the comment is hidden until a moderator reviews it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=actor, reason=reason.strip()[:500])
    except IntegrityError as error:
        raise DomainError(ALREADY_REPORTED, code="already_reported", status_code=409) from error
    comment.report_count += 1
    changed = ["report_count"]
    if (
        comment.status == Comment.Status.VISIBLE
        and comment.report_count >= settings.DELAKTIG_PROPOSAL_REPORT_HIDE_COUNT
    ):
        comment.status = Comment.Status.PENDING_REVIEW
        changed.append("status")
        page_changed(comment.proposal_id)
    comment.save(update_fields=changed)
    audit_event_record(
        actor=actor, verb="proposal.comment_report", target=comment.proposal, data={"comment": comment.pk}
    )
    return comment


@transaction.atomic
def comment_review(*, comment: Comment, actor, keep: bool, now: datetime | None = None) -> Comment:
    """Let a moderator restore a reported comment or remove it for good."""
    _require(actor, "proposals.moderate", NOT_A_MODERATOR)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.status = Comment.Status.VISIBLE if keep else Comment.Status.REMOVED
    comment.reviewed_at = now or timezone.now()
    if keep:
        comment.reports.all().delete()
        comment.report_count = 0
    comment.save(update_fields=["status", "reviewed_at", "report_count"])
    page_changed(comment.proposal_id)
    audit_event_record(
        actor=actor,
        verb="proposal.comment_keep" if keep else "proposal.comment_remove",
        target=comment.proposal,
        data={"comment": comment.pk},
    )
    return comment
