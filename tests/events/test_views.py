import datetime

import pytest
from django.urls import reverse

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Office
from delaktig.events.models import Event, Registration
from delaktig.events.services import EVENT_ENDS_BEFORE_START, EVENT_FULL
from tests.events.factories import EventFactory, GuideFactory, in_days, login
from tests.factories import user_with_role, verified_user

pytestmark = pytest.mark.usefixtures("gothenburg")
Role = RoleAssignment.Role


def test_city_calendar_lists_coming_events_by_month_with_accessibility(client):
    EventFactory(title="Demokratidag i Angered", hearing_loop=True, interpreter_languages="somaliska")
    EventFactory(title="Förra året", starts_at=in_days(-400), ends_at=in_days(-400, hour=19))
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    assert "Demokratidag i Angered" in response.text
    assert "Hörslinga" in response.text
    assert "Tolk: somaliska" in response.text
    assert "Förra året" not in response.text
    assert reverse("events:feed") in response.text


def test_area_calendar_filters_by_kind_and_month(client):
    EventFactory(title="Bussen i Hammarkullen", kind=Event.Kind.BUS_STOP)
    EventFactory(title="Demokratidag i Bergsjön")
    EventFactory(title="Bussen på Hisingen", kind=Event.Kind.BUS_STOP, area=Area.objects.get(slug="hisingen"))
    EventFactory(
        title="Bussen om två månader", kind=Event.Kind.BUS_STOP, starts_at=in_days(70), ends_at=in_days(70, 19)
    )
    url = reverse("events:area_calendar", kwargs={"area_slug": "nordost"})
    response = client.get(url, {"kind": "bus_stop", "month": in_days(70).strftime("%Y-%m")})
    assert "Bussen om två månader" in response.text
    for title in ["Bussen i Hammarkullen", "Demokratidag i Bergsjön", "Bussen på Hisingen"]:
        assert title not in response.text
    response = client.get(url, {"kind": "bus_stop"})
    assert "Bussen i Hammarkullen" in response.text and "Bussen på Hisingen" not in response.text


def test_calendar_with_a_bad_filter_answers_400_with_the_form(client):
    response = client.get(reverse("events:calendar"), {"month": "1999-13"})
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_calendar_query_count_is_pinned(client, django_assert_num_queries):
    for days in range(1, 8):
        EventFactory(starts_at=in_days(days), ends_at=in_days(days, 19), office=Office.objects.get(slug="angered"))
    # Area, events (with area, office, organiser and counts), area navigation.
    with django_assert_num_queries(3):
        client.get(reverse("events:area_calendar", kwargs={"area_slug": "nordost"}))


def test_bus_schedule_lists_only_bus_stops(client):
    EventFactory(title="Hållplats Hjällbo", kind=Event.Kind.BUS_STOP)
    EventFactory(title="Demokratidag")
    response = client.get(reverse("events:bus"))
    assert "Hållplats Hjällbo" in response.text and "Demokratidag" not in response.text


def test_office_and_hub_pages_show_their_events(client):
    office = Office.objects.get(slug="angered")
    EventFactory(title="Öppet hus i Angered", kind=Event.Kind.OPEN_HOUSE, office=office)
    assert "Öppet hus i Angered" in client.get(office.get_absolute_url()).text
    assert "Öppet hus i Angered" not in client.get(reverse("city:office", kwargs={"slug": "bergsjon"})).text
    assert "Öppet hus i Angered" in client.get(reverse("city:area", kwargs={"slug": "nordost"})).text


def test_event_detail_shows_guides_and_places_left(client):
    event = EventFactory(registration_required=True, capacity=10)
    guide = GuideFactory(name="Samira Guide", languages="arabiska, svenska")
    guide.events.add(event)
    response = client.get(event.get_absolute_url())
    assert "Samira Guide" in response.text
    assert "10 platser kvar" in response.text
    assert "Logga in för att anmäla dig" in response.text


def test_resident_registers_and_cancels(client):
    event = EventFactory(registration_required=True, capacity=1)
    user = verified_user()
    login(client, user)
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True)
    assert "Du är anmäld" in response.text
    assert Registration.objects.filter(event=event, user=user).exists()
    login(client, verified_user())
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True)
    assert str(EVENT_FULL) in response.text
    login(client, user)
    client.post(reverse("events:unregister", kwargs={"pk": event.pk}))
    assert not Registration.objects.exists()


def test_unverified_resident_is_told_to_confirm_the_address(client):
    event = EventFactory(registration_required=True)
    login(client, verified_user(level=0))
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True)
    assert "Bekräfta din e-postadress" in response.text
    assert not Registration.objects.exists()


def _event_form(**overrides):
    data = {
        "title": "Demokratidag på Hisingen",
        "kind": "democracy_day",
        "area": Area.objects.get(slug="hisingen").pk,
        "place": "Vårväderstorget",
        "starts_at": in_days(5).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (in_days(5) + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "step_free_access": "on",
    }
    return {**data, **overrides}


def test_moderator_creates_and_changes_an_event(client):
    login(client, user_with_role(Role.MODERATOR))
    response = client.post(reverse("events:create"), _event_form())
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    response = client.post(reverse("events:edit", kwargs={"pk": event.pk}), _event_form(title="Nytt namn"))
    event.refresh_from_db()
    assert event.title == "Nytt namn" and event.step_free_access


def test_event_ending_before_it_starts_gets_a_clear_message_and_nothing_is_saved(client):
    login(client, user_with_role(Role.MODERATOR))
    response = client.post(reverse("events:create"), _event_form(ends_at=in_days(4).strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 400
    assert str(EVENT_ENDS_BEFORE_START) in response.text
    assert not Event.objects.exists()


def test_staff_page_lists_registrations_and_assigns_guides(client):
    event = EventFactory(registration_required=True)
    resident = verified_user(display_name="Anna Andersson")
    Registration.objects.create(event=event, user=resident)
    guide = GuideFactory()
    login(client, user_with_role(Role.MODERATOR))
    response = client.get(reverse("events:staff", kwargs={"pk": event.pk}))
    assert "Anna Andersson" in response.text
    client.post(reverse("events:staff", kwargs={"pk": event.pk}), {"guide": guide.pk})
    assert list(event.guides.all()) == [guide]
    response = client.post(reverse("events:staff", kwargs={"pk": event.pk}), {"guide": guide.pk})
    assert response.status_code == 400 and "redan" in response.text


def test_moderator_registers_a_guide(client):
    login(client, user_with_role(Role.MODERATOR))
    data = {
        "name": "Farah",
        "kind": "ambassador",
        "area": Area.objects.get(slug="nordost").pk,
        "languages": "somaliska",
    }
    assert client.post(reverse("events:guides"), data).status_code == 302
    assert "Farah" in client.get(reverse("events:guides")).text


def test_staff_pages_are_closed_to_residents(client):
    event = EventFactory()
    login(client, verified_user())
    for url in [
        reverse("events:manage"),
        reverse("events:create"),
        reverse("events:staff", kwargs={"pk": event.pk}),
        reverse("events:guides"),
    ]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("events:cancel", kwargs={"pk": event.pk})).status_code == 403
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_english_calendar(client):
    EventFactory()
    client.post("/sprak/", {"language": "en", "next": "/"})
    response = client.get(reverse("events:calendar"))
    assert "Calendar for the whole city" in response.text


def test_calendar_links_staff_to_the_staff_page(client):
    assert reverse("events:manage") not in client.get(reverse("events:calendar")).text
    login(client, user_with_role(Role.MODERATOR))
    assert reverse("events:manage") in client.get(reverse("events:calendar")).text
