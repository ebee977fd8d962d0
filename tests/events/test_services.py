import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from delaktig.city.models import Area, Office
from delaktig.core.errors import DomainError
from delaktig.core.models import AuditEvent
from delaktig.events import services
from delaktig.events.models import Event, Registration
from tests.events.factories import EventFactory, GuideFactory, in_days
from tests.factories import verified_user

pytestmark = pytest.mark.usefixtures("gothenburg")


def _create(**overrides):
    fields = {
        "title": "Demokratidag i Angered",
        "kind": Event.Kind.DEMOCRACY_DAY,
        "place": "Angereds Torg",
        "starts_at": in_days(3),
        "ends_at": in_days(3) + datetime.timedelta(hours=3),
        "area": Area.objects.get(slug="nordost"),
        "actor": None,
    }
    return services.event_create(**{**fields, **overrides})


def test_event_create_publishes_and_audits():
    event = _create(interpreter_languages="arabiska, somaliska")
    assert event.interpreter_language_list == ["arabiska", "somaliska"]
    assert AuditEvent.objects.filter(verb="events.event.create", target_id=str(event.pk)).exists()


@pytest.mark.parametrize("hours", [0, -1])
def test_event_ending_before_it_starts_is_refused_with_nothing_written(hours):
    with pytest.raises(DomainError) as error:
        _create(ends_at=in_days(3) + datetime.timedelta(hours=hours))
    assert error.value.message == services.EVENT_ENDS_BEFORE_START
    assert not Event.objects.exists()
    assert not AuditEvent.objects.filter(verb="events.event.create").exists()


def test_database_refuses_an_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(ends_at=in_days(6))


def test_office_sets_the_area_and_must_lie_in_it():
    office = Office.objects.get(slug="angered")
    assert _create(area=None, office=office).area == office.area
    with pytest.raises(DomainError) as error:
        _create(area=Area.objects.get(slug="hisingen"), office=office)
    assert error.value.message == services.OFFICE_IN_OTHER_AREA


def test_event_update_refuses_council_meetings_and_too_few_places():
    meeting = EventFactory(kind=Event.Kind.COUNCIL_MEETING)
    with pytest.raises(DomainError, match="rådets egen sida"):
        services.event_update(event=meeting, changes={"title": "Nytt"}, actor=None)
    event = EventFactory(registration_required=True, capacity=3)
    for _n in range(2):
        services.registration_create(event=event, user=verified_user(), actor=None)
    with pytest.raises(DomainError, match="2 personer"):
        services.event_update(event=event, changes={"capacity": 1}, actor=None)
    assert services.event_update(event=event, changes={"capacity": 2}, actor=None).capacity == 2


def test_registration_stops_at_capacity():
    event = EventFactory(registration_required=True, capacity=2)
    services.registration_create(event=event, user=verified_user(), actor=None)
    services.registration_create(event=event, user=verified_user(), actor=None)
    with pytest.raises(DomainError) as error:
        services.registration_create(event=event, user=verified_user(), actor=None)
    assert error.value.message == services.EVENT_FULL
    assert event.registrations.count() == 2


def test_registration_twice_is_refused_and_cancel_frees_the_place():
    event = EventFactory(registration_required=True, capacity=1)
    user = verified_user()
    services.registration_create(event=event, user=user, actor=user)
    with pytest.raises(DomainError, match="redan anmäld"):
        services.registration_create(event=event, user=user, actor=user)
    services.registration_cancel(event=event, user=user, actor=user)
    assert not Registration.objects.exists()
    with pytest.raises(DomainError) as error:
        services.registration_cancel(event=event, user=user, actor=user)
    assert error.value.message == services.NOT_REGISTERED
    services.registration_create(event=event, user=verified_user(), actor=None)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_required": False}, services.REGISTRATION_NOT_OFFERED),
        ({"registration_required": True, "cancelled_at": in_days(0)}, services.EVENT_CANCELLED),
    ],
)
def test_registration_is_refused_when_not_offered(fields, message):
    event = EventFactory(**fields)
    with pytest.raises(DomainError) as error:
        services.registration_create(event=event, user=verified_user(), actor=None)
    assert error.value.message == message


def test_registration_closes_when_the_event_starts():
    event = EventFactory(registration_required=True, starts_at=in_days(1), ends_at=in_days(1, hour=19))
    with time_machine.travel(in_days(1, hour=17) + datetime.timedelta(minutes=1)), pytest.raises(DomainError) as error:
        services.registration_create(event=event, user=verified_user(), actor=None)
    assert error.value.message == services.REGISTRATION_CLOSED


def test_cancelled_event_cannot_be_cancelled_again():
    event = services.event_cancel(event=EventFactory(), actor=None)
    assert event.cancelled_at is not None
    with pytest.raises(DomainError):
        services.event_cancel(event=event, actor=None)


def test_guides_are_assigned_once_and_only_while_active():
    event = EventFactory()
    guide = GuideFactory()
    services.guide_assign(guide=guide, event=event, actor=None)
    with pytest.raises(DomainError) as error:
        services.guide_assign(guide=guide, event=event, actor=None)
    assert error.value.message == services.GUIDE_ALREADY_ASSIGNED
    services.guide_update(guide=guide, changes={"active": False}, actor=None)
    with pytest.raises(DomainError) as error:
        services.guide_assign(guide=guide, event=EventFactory(), actor=None)
    assert error.value.message == services.GUIDE_INACTIVE
    services.guide_unassign(guide=guide, event=event, actor=None)
    assert not guide.events.exists()


def test_guide_create_registers_languages_and_area():
    guide = services.guide_create(
        name="Samira", area=Area.objects.get(slug="hisingen"), languages="svenska, arabiska, engelska", actor=None
    )
    assert guide.language_list == ["svenska", "arabiska", "engelska"]
