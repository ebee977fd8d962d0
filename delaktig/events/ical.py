"""The calendar as iCalendar (RFC 5545), so residents can subscribe in their phone's calendar.

Times are written in UTC (``DTSTART:20261127T170000Z``), which every client shows in the reader's own
time zone and which needs no VTIMEZONE block. The ``icalendar`` library folds long lines and escapes
commas, semicolons and newlines in text.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from delaktig.events.models import Event

PRODID = "-//Goteborgs Stad//Delaktig//SV"


def _location(event: Event) -> str:
    return ", ".join(part for part in [event.place, event.street_address] if part)


def _description(event: Event) -> str:
    lines = [event.description] if event.description else []
    if event.step_free_access:
        lines.append(_("Step-free access."))
    if event.hearing_loop:
        lines.append(_("Hearing loop."))
    if event.interpreter_languages:
        lines.append(_("Interpreters: %(languages)s.") % {"languages": event.interpreter_languages})
    if event.registration_required:
        lines.append(_("Registration is required."))
    return "\n".join(lines)


def _vevent(event: Event, *, stamp) -> icalendar.Event:
    utc = datetime.UTC
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.uid}@delaktig")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at.astimezone(utc))
    vevent.add("dtend", event.ends_at.astimezone(utc))
    vevent.add("last-modified", event.updated_at.astimezone(utc))
    vevent.add("summary", event.title)
    vevent.add("location", _location(event))
    vevent.add("description", _description(event))
    vevent.add("categories", [event.get_kind_display()])
    vevent.add("url", settings.DELAKTIG_SITE_URL + event.get_absolute_url())
    vevent.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    return vevent


def events_to_ical(events: Iterable[Event], *, name: str) -> bytes:
    """Return the events as one VCALENDAR named ``name``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp))
    return calendar.to_ical()
