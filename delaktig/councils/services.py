import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Committee, Office
from delaktig.core.errors import DomainError
from delaktig.core.services import audit_event_record
from delaktig.councils.models import (
    AgendaItem,
    Constituency,
    Council,
    Matter,
    Meeting,
    MeetingDocument,
    Member,
    Minutes,
    Rulebook,
)
from delaktig.events.models import Event
from delaktig.events.services import event_create, event_reschedule

RESERVED_SLUGS = frozenset({"hantera", "omrade"})
SLUG_RESERVED = _("That web address is used by the service itself. Choose another short name.")
NOT_A_COUNCIL_ADMINISTRATOR = _("The person must have the role council administrator first.")
ALREADY_ADMINISTRATOR = _("The person already administers this council.")
NOT_AN_ADMINISTRATOR = _("The person does not administer this council.")
CONSTITUENCY_OF_OTHER_COUNCIL = _("The constituency belongs to another council.")
CONSTITUENCY_REQUIRED = _("Choose which constituency the representative represents.")
MEMBER_LIMIT_REACHED = _(
    "%(constituency)s already has %(limit)s representatives for that term. "
    "The rulebook allows at most %(limit)s per constituency."
)
CHAIR_TAKEN = _("The council already has a chair for part of that term.")
TERM_ENDS_BEFORE_START = _("The term must end after it starts.")
LEFT_OUTSIDE_TERM = _("The day the member left must lie within their term.")
MEMBER_ALREADY_LEFT = _("The member has already left the council.")
MEETING_ENDS_BEFORE_START = _("The meeting must end after it starts.")
MEETING_OVERLAPS = _("The council already has a meeting at that time (%(when)s). Choose another time.")
MEETINGS_PER_YEAR_REACHED = _(
    "The rulebook allows %(limit)s meetings a year, and the council already has %(limit)s meetings in %(year)s."
)
MINUTES_LOCKED = _("The minutes are approved and can no longer be changed.")
MINUTES_NOT_DRAFT = _("Only drafted minutes can be approved.")
MINUTES_NOT_APPROVED = _("The minutes must be approved before they are published.")
MINUTES_MISSING = _("Write the minutes first.")
MATTER_NEEDS_RECIPIENT = _("Name the committee or the department the matter goes to.")
MATTER_ALREADY_ANSWERED = _("The matter is already answered.")
MEETING_OF_OTHER_COUNCIL = _("The meeting belongs to another council.")


def _locked(council: Council) -> Council:
    """Lock the council's row: member and meeting checks below read, then insert, under this lock."""
    return Council.objects.select_for_update().get(pk=council.pk)


def current_rulebook(council: Council) -> Rulebook | None:
    return council.rulebooks.order_by("-version").first()


@transaction.atomic
def council_create(
    *,
    slug: str,
    name: str,
    kind: str,
    area: Area,
    committee: Committee,
    purpose: str,
    constituencies: list[str] | tuple[str, ...] = (),
    actor,
) -> Council:
    """Start a council with its constituencies (for Ö-dialogen: its six islands)."""
    if slug in RESERVED_SLUGS:
        raise DomainError(SLUG_RESERVED, code="slug_reserved")
    council = Council(slug=slug, name=name, kind=kind, area=area, committee=committee, purpose=purpose)
    council.full_clean()
    council.save()
    for constituency_name in constituencies:
        constituency = Constituency(council=council, name=constituency_name)
        constituency.full_clean()
        constituency.save()
    audit_event_record(actor=actor, verb="councils.council.create", target=council, data={"kind": kind})
    return council


@transaction.atomic
def council_administrator_add(*, council: Council, user, actor) -> None:
    """Let a council administrator manage this council."""
    if not RoleAssignment.objects.filter(user=user, role=RoleAssignment.Role.COUNCIL_ADMINISTRATOR).exists():
        raise DomainError(NOT_A_COUNCIL_ADMINISTRATOR, code="not_council_administrator")
    council = _locked(council)
    if council.administrators.filter(pk=user.pk).exists():
        raise DomainError(ALREADY_ADMINISTRATOR, code="already_administrator")
    council.administrators.add(user)
    audit_event_record(actor=actor, verb="councils.administrator.add", target=council, data={"user": user.pk})


@transaction.atomic
def council_administrator_remove(*, council: Council, user, actor) -> None:
    """Stop a person from managing this council; their role and other councils stay as they are."""
    council = _locked(council)
    if not council.administrators.filter(pk=user.pk).exists():
        raise DomainError(NOT_AN_ADMINISTRATOR, code="not_administrator")
    council.administrators.remove(user)
    audit_event_record(actor=actor, verb="councils.administrator.remove", target=council, data={"user": user.pk})


@transaction.atomic
def rulebook_adopt(
    *,
    council: Council,
    text: str,
    adopted_on: datetime.date,
    decision_reference: str,
    advisory_only: bool = True,
    max_representatives_per_constituency: int | None = None,
    meetings_per_year: int | None = None,
    actor,
) -> Rulebook:
    """Add the next version of the rulebook; earlier versions stay as they were adopted."""
    council = _locked(council)
    latest = council.rulebooks.aggregate(latest=Max("version"))["latest"] or 0
    rulebook = Rulebook(
        council=council,
        version=latest + 1,
        text=text,
        adopted_on=adopted_on,
        decision_reference=decision_reference,
        advisory_only=advisory_only,
        max_representatives_per_constituency=max_representatives_per_constituency,
        meetings_per_year=meetings_per_year,
    )
    rulebook.full_clean()
    rulebook.save()
    audit_event_record(actor=actor, verb="councils.rulebook.adopt", target=council, data={"version": rulebook.version})
    return rulebook


def _overlapping_members(council: Council, term_start: datetime.date, term_end: datetime.date):
    """Return members whose time on the council (until they left, or their term's end) overlaps the term."""
    return council.members.filter(term_start__lt=term_end).filter(
        Q(left_on__isnull=True, term_end__gt=term_start) | Q(left_on__gt=term_start)
    )


def _check_member_rules(council: Council, member: Member) -> None:
    if member.term_end <= member.term_start:
        raise DomainError(TERM_ENDS_BEFORE_START, code="term_order")
    if member.constituency and member.constituency.council_id != council.pk:
        raise DomainError(CONSTITUENCY_OF_OTHER_COUNCIL, code="constituency_council")
    representative = member.role == Member.Role.REPRESENTATIVE
    if representative and member.constituency is None and council.constituencies.exists():
        raise DomainError(CONSTITUENCY_REQUIRED, code="constituency_required")
    overlapping = _overlapping_members(council, member.term_start, member.term_end)
    if member.role == Member.Role.CHAIR and overlapping.filter(role=Member.Role.CHAIR).exists():
        raise DomainError(CHAIR_TAKEN, code="chair_taken")
    rulebook = current_rulebook(council)
    limit = rulebook.max_representatives_per_constituency if rulebook else None
    if (
        member.constituency
        and limit is not None
        and overlapping.filter(constituency=member.constituency).count() >= limit
    ):
        message = MEMBER_LIMIT_REACHED % {"constituency": member.constituency.name, "limit": limit}
        raise DomainError(message, code="member_limit")


@transaction.atomic
def member_add(
    *,
    council: Council,
    name: str,
    role: str,
    term_start: datetime.date,
    term_end: datetime.date,
    kind: str = Member.Kind.RESIDENT,
    organisation: str = "",
    constituency: Constituency | None = None,
    actor,
) -> Member:
    """Add a member, refusing one beyond the rulebook's limit per constituency or a second chair.

    The council row is locked first, so two administrators adding the fourth islander at the same
    moment cannot both succeed.
    """
    council = _locked(council)
    member = Member(
        council=council,
        name=name,
        kind=kind,
        organisation=organisation,
        role=role,
        constituency=constituency,
        term_start=term_start,
        term_end=term_end,
    )
    _check_member_rules(council, member)
    member.full_clean()
    member.save()
    audit_event_record(actor=actor, verb="councils.member.add", target=member, data={"council": council.slug})
    return member


@transaction.atomic
def member_end(*, member: Member, left_on: datetime.date, actor) -> Member:
    """Record that a member left; the row stays so the council's history is complete."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise DomainError(MEMBER_ALREADY_LEFT, code="already_left")
    if not member.term_start <= left_on <= member.term_end:
        raise DomainError(LEFT_OUTSIDE_TERM, code="left_outside_term")
    member.left_on = left_on
    member.full_clean()
    member.save(update_fields=["left_on"])
    audit_event_record(actor=actor, verb="councils.member.end", target=member, data={"left_on": str(left_on)})
    return member


def _check_meeting_time(council: Council, starts_at, ends_at, *, exclude: Meeting | None = None) -> None:
    if ends_at <= starts_at:
        raise DomainError(MEETING_ENDS_BEFORE_START, code="meeting_order")
    clash = council.meetings.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    clash = clash.first()
    if clash is not None:
        when = timezone.localtime(clash.starts_at).strftime("%Y-%m-%d %H:%M")
        raise DomainError(MEETING_OVERLAPS % {"when": when}, code="meeting_overlap")


def _check_meetings_per_year(council: Council, starts_at, *, exclude: Meeting | None = None) -> None:
    """Refuse a meeting beyond the rulebook's number of meetings in that calendar year."""
    rulebook = current_rulebook(council)
    if rulebook is None or rulebook.meetings_per_year is None:
        return
    year = timezone.localtime(starts_at).year
    same_year = council.meetings.filter(starts_at__year=year)
    if exclude is not None:
        same_year = same_year.exclude(pk=exclude.pk)
    if same_year.count() >= rulebook.meetings_per_year:
        message = MEETINGS_PER_YEAR_REACHED % {"limit": rulebook.meetings_per_year, "year": year}
        raise DomainError(message, code="meetings_per_year")


def _save_meeting(meeting: Meeting) -> None:
    """Save in a savepoint so PostgreSQL's exclusion constraint, the last guard, answers as a DomainError."""
    meeting.full_clean(exclude=["event"])
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:
        raise DomainError(MEETING_OVERLAPS % {"when": ""}, code="meeting_overlap") from error


@transaction.atomic
def meeting_create(
    *,
    council: Council,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    street_address: str = "",
    office: Office | None = None,
    step_free_access: bool = False,
    hearing_loop: bool = False,
    interpreter_languages: str = "",
    actor,
) -> Meeting:
    """Schedule a meeting and put it in the public calendar, refusing a time that overlaps another meeting."""
    council = _locked(council)
    _check_meeting_time(council, starts_at, ends_at)
    _check_meetings_per_year(council, starts_at)
    event = event_create(
        title=str(_("%(council)s: meeting") % {"council": council.name}),
        kind=Event.Kind.COUNCIL_MEETING,
        place=place,
        street_address=street_address,
        starts_at=starts_at,
        ends_at=ends_at,
        area=council.area,
        office=office,
        organiser=council.committee,
        description=council.purpose,
        step_free_access=step_free_access,
        hearing_loop=hearing_loop,
        interpreter_languages=interpreter_languages,
        actor=actor,
    )
    meeting = Meeting(council=council, event=event, starts_at=starts_at, ends_at=ends_at)
    _save_meeting(meeting)
    audit_event_record(actor=actor, verb="councils.meeting.create", target=meeting, data={"council": council.slug})
    return meeting


@transaction.atomic
def meeting_reschedule(*, meeting: Meeting, starts_at: datetime.datetime, ends_at: datetime.datetime, actor) -> Meeting:
    """Move a meeting and its calendar event together, refusing a time that overlaps another meeting."""
    council = _locked(meeting.council)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_meeting_time(council, starts_at, ends_at, exclude=meeting)
    _check_meetings_per_year(council, starts_at, exclude=meeting)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    _save_meeting(meeting)
    event_reschedule(event=meeting.event, changes={"starts_at": starts_at, "ends_at": ends_at}, actor=actor)
    audit_event_record(actor=actor, verb="councils.meeting.reschedule", target=meeting)
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, description: str = "", actor) -> AgendaItem:
    """Add the next numbered item to the meeting's agenda."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    position = (meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(meeting=meeting, position=position, title=title, description=description)
    item.full_clean()
    item.save()
    audit_event_record(actor=actor, verb="councils.agenda.add", target=meeting, data={"position": position})
    return item


@transaction.atomic
def document_add(*, meeting: Meeting, title: str, url: str, actor) -> MeetingDocument:
    """Publish a link to a meeting document (notice, background material)."""
    document = MeetingDocument(meeting=meeting, title=title, url=url)
    document.full_clean()
    document.save()
    audit_event_record(actor=actor, verb="councils.document.add", target=meeting, data={"title": title})
    return document


def _locked_minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.select_for_update().filter(meeting=meeting).first()


@transaction.atomic
def minutes_save_draft(*, meeting: Meeting, text: str, actor) -> Minutes:
    """Write or rewrite the draft minutes; approved minutes are never changed."""
    minutes = _locked_minutes(meeting) or Minutes(meeting=meeting)
    if minutes.status != Minutes.Status.DRAFT:
        raise DomainError(MINUTES_LOCKED, code="minutes_locked")
    minutes.text = text
    minutes.full_clean()
    minutes.save()
    audit_event_record(actor=actor, verb="councils.minutes.draft", target=meeting)
    return minutes


@transaction.atomic
def minutes_approve(*, meeting: Meeting, approved_by: str, actor) -> Minutes:
    """Mark the minutes approved (justerat) by the named people; from now on the text is fixed."""
    minutes = _locked_minutes(meeting)
    if minutes is None:
        raise DomainError(MINUTES_MISSING, code="minutes_missing")
    if minutes.status != Minutes.Status.DRAFT:
        raise DomainError(MINUTES_NOT_DRAFT, code="minutes_not_draft")
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = approved_by
    minutes.approved_on = timezone.localdate()
    minutes.full_clean()
    minutes.save()
    audit_event_record(actor=actor, verb="councils.minutes.approve", target=meeting)
    return minutes


@transaction.atomic
def minutes_publish(*, meeting: Meeting, actor) -> Minutes:
    """Publish approved minutes on the council's public page."""
    minutes = _locked_minutes(meeting)
    if minutes is None or minutes.status != Minutes.Status.APPROVED:
        raise DomainError(MINUTES_NOT_APPROVED, code="minutes_not_approved")
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.save(update_fields=["status", "published_at"])
    audit_event_record(actor=actor, verb="councils.minutes.publish", target=meeting)
    return minutes


@transaction.atomic
def matter_raise(
    *,
    council: Council,
    title: str,
    description: str = "",
    raised_by: str = "",
    meeting: Meeting | None = None,
    actor,
) -> Matter:
    """Record a question or matter raised in the council, so residents can follow what happens with it."""
    if meeting is not None and meeting.council_id != council.pk:
        raise DomainError(MEETING_OF_OTHER_COUNCIL, code="meeting_council")
    matter = Matter(council=council, meeting=meeting, title=title, description=description, raised_by=raised_by)
    matter.full_clean()
    matter.save()
    audit_event_record(actor=actor, verb="councils.matter.raise", target=matter, data={"council": council.slug})
    return matter


@transaction.atomic
def matter_forward(
    *,
    matter: Matter,
    answer_due: datetime.date,
    committee: Committee | None = None,
    department: str = "",
    actor,
) -> Matter:
    """Send the matter to a committee or department with a date by which the council expects an answer."""
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    if matter.status == Matter.Status.ANSWERED:
        raise DomainError(MATTER_ALREADY_ANSWERED, code="already_answered")
    if committee is None and not department.strip():
        raise DomainError(MATTER_NEEDS_RECIPIENT, code="no_recipient")
    matter.status = Matter.Status.FORWARDED
    matter.forwarded_to, matter.forwarded_to_department = committee, department.strip()
    matter.forwarded_on, matter.answer_due = timezone.localdate(), answer_due
    matter.full_clean()
    matter.save()
    audit_event_record(actor=actor, verb="councils.matter.forward", target=matter, data={"due": str(answer_due)})
    return matter


@transaction.atomic
def matter_answer(*, matter: Matter, answer: str, actor) -> Matter:
    """Publish the answer, so the residents who raised the matter see what happened with it."""
    matter = Matter.objects.select_for_update().get(pk=matter.pk)
    if matter.status == Matter.Status.ANSWERED:
        raise DomainError(MATTER_ALREADY_ANSWERED, code="already_answered")
    matter.status = Matter.Status.ANSWERED
    matter.answer, matter.answered_on = answer, timezone.localdate()
    matter.full_clean()
    matter.save()
    audit_event_record(actor=actor, verb="councils.matter.answer", target=matter)
    return matter
