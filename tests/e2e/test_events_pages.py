"""The calendar, event, bus and office pages in Chromium: zero axe-core violations, usable without JavaScript."""

import pytest
from django.test import Client

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Office
from delaktig.events.models import Event, Registration
from tests.e2e.conftest import assert_accessible
from tests.events.factories import EventFactory, GuideFactory, in_days
from tests.factories import user_with_role, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    """Give the browser the session of a user logged in through Django's test client."""
    client = Client()
    client.force_login(type(user).objects.get(pk=user.pk))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def events(gothenburg):
    office = Office.objects.get(slug="angered")
    day = EventFactory(
        title="Demokratidag i Angered",
        hearing_loop=True,
        step_free_access=True,
        interpreter_languages="arabiska, somaliska",
        registration_required=True,
        capacity=2,
        description="Träffa politiker och lär dig lämna ett förslag.",
    )
    EventFactory(
        title="Demokratibussen: Hjällbo", kind=Event.Kind.BUS_STOP, starts_at=in_days(3), ends_at=in_days(3, 19)
    )
    EventFactory(
        title="Öppet hus", kind=Event.Kind.OPEN_HOUSE, office=office, starts_at=in_days(40), ends_at=in_days(40, 19)
    )
    EventFactory(title="Inställd träff", area=None, cancelled_at=in_days(0))
    GuideFactory(name="Amina Hassan").events.add(day)
    return day


def test_public_calendar_pages_have_no_axe_violations(live_server, page, console_errors, events):
    pages = [
        ("calendar", "/kalender/"),
        ("calendar-nordost-bus-stops", "/kalender/omrade/nordost/?kind=bus_stop"),
        ("event-detail", events.get_absolute_url()),
        ("bus-schedule", "/kalender/demokratibussen/"),
        ("office-with-events", "/medborgarkontor/angered/"),
    ]
    for name, path in pages:
        page.goto(live_server.url + path)
        assert_accessible(page, name)
    assert console_errors == []


def test_calendar_in_english_has_no_axe_violations(live_server, page, events):
    page.goto(live_server.url + "/kalender/")
    page.get_by_role("button", name="In English").click()
    assert page.get_by_role("heading", name="Calendar for the whole city").is_visible()
    assert_accessible(page, "calendar-en")


def test_resident_registers_and_cancels_without_javascript(live_server, nojs_page, events):
    user = verified_user()
    log_in(nojs_page, live_server, user)
    nojs_page.goto(live_server.url + events.get_absolute_url())
    nojs_page.get_by_role("button", name="Anmäl mig").click()
    assert "Du är anmäld" in nojs_page.content()
    assert Registration.objects.filter(event=events, user=user).exists()
    nojs_page.get_by_role("button", name="Avboka min anmälan").click()
    assert not Registration.objects.filter(event=events, user=user).exists()


def test_staff_form_shows_a_clear_error_for_an_event_ending_before_it_starts(live_server, page, events):
    # Chromium's date-time inputs are filled through script, so this runs with JavaScript on; the form itself
    # is a plain POST (the no-JavaScript registration test above covers posting without scripts).
    log_in(page, live_server, user_with_role(RoleAssignment.Role.MODERATOR))
    page.goto(live_server.url + "/kalender/hantera/nytt/")
    page.get_by_label("Rubrik").fill("Demokratidag i Bergsjön")
    page.get_by_label("Plats:", exact=True).fill("Rymdtorget")
    page.get_by_label("Börjar").fill(in_days(5, 15).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutar").fill(in_days(5, 13).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Publicera evenemanget").click()
    assert "Evenemanget måste sluta efter att det börjar." in page.content()
    assert not Event.objects.filter(title="Demokratidag i Bergsjön").exists()
    assert_accessible(page, "event-form-error")
    for name, path in [
        ("events-manage", "/kalender/hantera/"),
        ("event-staff", f"/kalender/hantera/{events.pk}/"),
        ("guides", "/kalender/guider/"),
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page, name)
