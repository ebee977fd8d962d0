import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, Office
from delaktig.core.errors import DomainError
from delaktig.core.services import audit_event_record
from delaktig.events.models import Event, Guide, Registration

EVENT_ENDS_BEFORE_START = _("The event must end after it starts.")
OFFICE_IN_OTHER_AREA = _("The citizen office is in another area than the one you chose.")
EVENT_IS_COUNCIL_MEETING = _("Change a council meeting on the council's own page, so the council's record stays right.")
CAPACITY_BELOW_REGISTRATIONS = _("%(count)s people have already registered. Choose at least that many places.")
EVENT_CANCELLED = _("The event is cancelled.")
EVENT_ALREADY_CANCELLED = _("The event is already cancelled.")
REGISTRATION_NOT_OFFERED = _("This event does not take registrations. Just come!")
REGISTRATION_CLOSED = _("The event has already started, so registration is closed.")
EVENT_FULL = _("The event is full: all places are taken.")
ALREADY_REGISTERED = _("You are already registered for this event.")
NOT_REGISTERED = _("You are not registered for this event.")
GUIDE_INACTIVE = _("The guide is no longer active and cannot be assigned to events.")
GUIDE_ALREADY_ASSIGNED = _("The guide is already assigned to this event.")

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "area",
    "office",
    "place",
    "street_address",
    "starts_at",
    "ends_at",
    "organiser",
    "step_free_access",
    "hearing_loop",
    "interpreter_languages",
    "registration_required",
    "capacity",
)


def _validate_event(event: Event) -> None:
    """Check what a person can get wrong with a clear message, then let the model check the rest."""
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        raise DomainError(EVENT_ENDS_BEFORE_START, code="ends_before_start")
    if event.office_id and event.area_id is None:
        event.area = event.office.area
    if event.office_id and event.office.area_id != event.area_id:
        raise DomainError(OFFICE_IN_OTHER_AREA, code="office_area")
    event.full_clean()


@transaction.atomic
def event_create(
    *,
    title: str,
    kind: str,
    place: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    area: Area | None = None,
    office: Office | None = None,
    street_address: str = "",
    description: str = "",
    organiser: Committee | None = None,
    step_free_access: bool = False,
    hearing_loop: bool = False,
    interpreter_languages: str = "",
    registration_required: bool = False,
    capacity: int | None = None,
    actor,
) -> Event:
    """Publish an event in the calendar; it appears at once in the calendars and the iCalendar feeds."""
    event = Event(
        title=title,
        kind=kind,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        area=area,
        office=office,
        street_address=street_address,
        description=description,
        organiser=organiser,
        step_free_access=step_free_access,
        hearing_loop=hearing_loop,
        interpreter_languages=interpreter_languages,
        registration_required=registration_required,
        capacity=capacity,
    )
    _validate_event(event)
    event.save()
    audit_event_record(actor=actor, verb="events.event.create", target=event, data={"kind": kind})
    return event


@transaction.atomic
def event_reschedule(*, event: Event, changes: dict, actor) -> Event:
    """Apply changes to a locked event, keeping its places at least as many as its registrations.

    Shared by ``event_update`` and the councils app, which moves the event of a council meeting
    together with the meeting.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    for field, value in changes.items():
        if field not in EVENT_FIELDS:
            raise ValueError(f"{field} cannot be changed on an event")
        setattr(event, field, value)
    _validate_event(event)
    registered = event.registrations.count()
    if event.registration_required and event.capacity is not None and event.capacity < registered:
        raise DomainError(CAPACITY_BELOW_REGISTRATIONS % {"count": registered}, code="capacity_too_small")
    event.save()
    audit_event_record(actor=actor, verb="events.event.update", target=event, data={"fields": sorted(changes)})
    return event


@transaction.atomic
def event_update(*, event: Event, changes: dict, actor) -> Event:
    """Change an event's details; a council meeting's event changes only through its council."""
    if event.kind == Event.Kind.COUNCIL_MEETING or changes.get("kind") == Event.Kind.COUNCIL_MEETING:
        raise DomainError(EVENT_IS_COUNCIL_MEETING, code="council_meeting")
    return event_reschedule(event=event, changes=changes, actor=actor)


@transaction.atomic
def event_cancel(*, event: Event, actor) -> Event:
    """Mark the event cancelled; it stays in the calendar and the feeds so people learn it will not happen."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None:
        raise DomainError(EVENT_ALREADY_CANCELLED, code="already_cancelled")
    event.cancelled_at = timezone.now()
    event.save(update_fields=["cancelled_at", "updated_at"])
    audit_event_record(actor=actor, verb="events.event.cancel", target=event)
    return event


@transaction.atomic
def registration_create(*, event: Event, user, actor) -> Registration:
    """Give the person a place, locking the event first so two people never take the last place both."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None:
        raise DomainError(EVENT_CANCELLED, code="cancelled")
    if not event.registration_required:
        raise DomainError(REGISTRATION_NOT_OFFERED, code="no_registration")
    if event.starts_at <= timezone.now():
        raise DomainError(REGISTRATION_CLOSED, code="started")
    if event.registrations.filter(user=user).exists():
        raise DomainError(ALREADY_REGISTERED, code="already_registered")
    if event.capacity is not None and event.registrations.count() >= event.capacity:
        raise DomainError(EVENT_FULL, code="full")
    registration = Registration(event=event, user=user)
    registration.full_clean()
    registration.save()
    audit_event_record(actor=actor, verb="events.registration.create", target=event)
    return registration


@transaction.atomic
def registration_cancel(*, event: Event, user, actor) -> None:
    """Give the person's place back so someone else can take it."""
    deleted, _details = Registration.objects.filter(event=event, user=user).delete()
    if not deleted:
        raise DomainError(NOT_REGISTERED, code="not_registered")
    audit_event_record(actor=actor, verb="events.registration.cancel", target=event)


@transaction.atomic
def guide_create(
    *,
    name: str,
    area: Area,
    languages: str,
    kind: str = Guide.Kind.GUIDE,
    email: str = "",
    phone: str = "",
    actor,
) -> Guide:
    """Register a resident guide or ambassador so staff can assign them to events."""
    guide = Guide(name=name, kind=kind, area=area, languages=languages, email=email, phone=phone)
    guide.full_clean()
    guide.save()
    audit_event_record(actor=actor, verb="events.guide.create", target=guide)
    return guide


@transaction.atomic
def guide_update(*, guide: Guide, changes: dict, actor) -> Guide:
    """Change a guide's details or mark them inactive; their past events stay assigned."""
    allowed = {"name", "kind", "area", "languages", "email", "phone", "active"}
    for field, value in changes.items():
        if field not in allowed:
            raise ValueError(f"{field} cannot be changed on a guide")
        setattr(guide, field, value)
    guide.full_clean()
    guide.save()
    audit_event_record(actor=actor, verb="events.guide.update", target=guide, data={"fields": sorted(changes)})
    return guide


@transaction.atomic
def guide_assign(*, guide: Guide, event: Event, actor) -> None:
    """Assign an active guide to an event, so residents see who can help them there and in which language."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if not guide.active:
        raise DomainError(GUIDE_INACTIVE, code="guide_inactive")
    if guide.events.filter(pk=event.pk).exists():
        raise DomainError(GUIDE_ALREADY_ASSIGNED, code="already_assigned")
    guide.events.add(event)
    audit_event_record(actor=actor, verb="events.guide.assign", target=event, data={"guide": guide.pk})


@transaction.atomic
def guide_unassign(*, guide: Guide, event: Event, actor) -> None:
    """Take a guide off an event."""
    guide.events.remove(event)
    audit_event_record(actor=actor, verb="events.guide.unassign", target=event, data={"guide": guide.pk})
