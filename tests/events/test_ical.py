"""The iCalendar feeds parse with a real RFC 5545 library and carry what a calendar app needs."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from delaktig.city.models import Area
from tests.events.factories import EventFactory, in_days

pytestmark = pytest.mark.usefixtures("gothenburg")


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_city_feed_is_valid_icalendar_with_uid_stamp_and_utc_times(client):
    event = EventFactory(
        title="Demokratidag; med fika, musik",
        description="Rad ett\nRad två, med komma; och semikolon",
        interpreter_languages="arabiska, somaliska",
        step_free_access=True,
    )
    raw = client.get(reverse("events:feed")).content.decode()
    assert "SUMMARY:Demokratidag\\; med fika\\, musik" in raw
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    calendar = _feed(client, reverse("events:feed"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == f"{event.uid}@delaktig"
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTSTART"].dt.utcoffset() == datetime.timedelta(0)
    assert vevent["DTEND"].dt == event.ends_at
    assert str(vevent["SUMMARY"]) == "Demokratidag; med fika, musik"
    assert str(vevent["DESCRIPTION"]).startswith("Rad ett\nRad två, med komma; och semikolon")
    assert "Tolk: arabiska, somaliska." in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "Angereds Torg, Angereds Torg 5"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert vevent["STATUS"] == "CONFIRMED"


def test_area_feed_has_the_area_and_the_whole_city_but_not_other_areas(client):
    EventFactory(title="I Nordost")
    EventFactory(title="Hela staden", area=None)
    EventFactory(title="På Hisingen", area=Area.objects.get(slug="hisingen"))
    calendar = _feed(client, reverse("events:area_feed", kwargs={"area_slug": "nordost"}))
    titles = {str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")}
    assert titles == {"I Nordost", "Hela staden"}


def test_feed_marks_cancelled_events_and_drops_old_ones(client):
    EventFactory(title="Inställd", cancelled_at=in_days(-1))
    EventFactory(title="Gammal", starts_at=in_days(-90), ends_at=in_days(-90, hour=19))
    calendar = _feed(client, reverse("events:feed"))
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"


def test_unknown_area_feed_is_404(client):
    assert client.get(reverse("events:area_feed", kwargs={"area_slug": "atlantis"})).status_code == 404
