import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from delaktig.city.models import Area, Office
from delaktig.events.models import Event, Guide, Registration

HUB_EVENT_COUNT = 5
FEED_HISTORY = datetime.timedelta(days=60)


def _events() -> QuerySet[Event]:
    return (
        Event.objects.select_related("area", "office", "organiser")
        .annotate(registered_count=Count("registrations", distinct=True))
        .order_by("starts_at", "pk")
    )


def _in_area(events: QuerySet[Event], area: Area | None) -> QuerySet[Event]:
    """Keep the area's own events and the whole city's (which residents of every area may attend)."""
    return events if area is None else events.filter(Q(area=area) | Q(area__isnull=True))


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


def calendar_events(*, area: Area | None = None, kind: str = "", month: datetime.date | None = None) -> QuerySet[Event]:
    """Return the calendar: upcoming events, or every event of ``month`` (its first day) when one is chosen."""
    events = _in_area(_events(), area)
    if kind:
        events = events.filter(kind=kind)
    if month is None:
        return events.filter(ends_at__gte=timezone.now())
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(next_month(month), datetime.time.min, tzinfo=zone)
    return events.filter(starts_at__gte=start, starts_at__lt=end)


def upcoming_events_in_area(area: Area) -> list[Event]:
    """Return the next few events of the area (and the whole city) for its hub page, in one query."""
    return list(calendar_events(area=area)[:HUB_EVENT_COUNT])


def upcoming_events_at_office(office: Office) -> list[Event]:
    """Return the office's coming events for its page, in one query."""
    return list(_events().filter(office=office, ends_at__gte=timezone.now()))


def bus_schedule() -> QuerySet[Event]:
    """Return the democracy bus's coming stops."""
    return _events().filter(kind=Event.Kind.BUS_STOP, ends_at__gte=timezone.now())


def feed_events(*, area: Area | None = None) -> QuerySet[Event]:
    """Return what an iCalendar feed carries: coming events and those of the last two months."""
    return _in_area(_events(), area).filter(ends_at__gte=timezone.now() - FEED_HISTORY)


def event_detail(*, pk: int) -> Event:
    active_guides = Guide.objects.filter(active=True).select_related("area")
    return _events().prefetch_related(Prefetch("guides", queryset=active_guides)).get(pk=pk)


def registration_of(*, event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def registrations_for(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user")


def staff_event_list(*, include_past: bool = False) -> QuerySet[Event]:
    events = _events()
    return events if include_past else events.filter(ends_at__gte=timezone.now())


def guide_list(*, active_only: bool = False) -> QuerySet[Guide]:
    guides = Guide.objects.select_related("area").annotate(event_count=Count("events"))
    return guides.filter(active=True) if active_only else guides
