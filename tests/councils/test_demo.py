"""The demo loads through the services, twice without change, and shows what the issue asks for."""

from django.utils import timezone

from delaktig.accounts.models import RoleAssignment
from delaktig.councils import demo as councils_demo
from delaktig.councils.models import Council, Matter, Minutes
from delaktig.councils.selectors import overdue_matters
from delaktig.events import demo as events_demo
from delaktig.events.models import Event, Guide
from tests.factories import user_with_role


def test_demo_loads_councils_and_events_once(gothenburg):
    user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR, email="radsadmin@demo.delaktig.se")
    for _run in range(2):
        assert events_demo.load() == []
        assert councils_demo.load() == []
    o_dialogen = Council.objects.get(slug="o-dialogen")
    assert sorted(o_dialogen.constituencies.values_list("name", flat=True)) == sorted(councils_demo.ISLANDS)
    assert o_dialogen.rulebooks.count() == 2
    assert Council.objects.filter(kind=Council.Kind.YOUTH).count() == 4
    assert Council.objects.filter(kind=Council.Kind.PENSIONERS).count() == 4
    assert Minutes.objects.filter(status=Minutes.Status.PUBLISHED).count() == 2 + 8
    assert Matter.objects.filter(status=Matter.Status.ANSWERED).count() >= 9
    assert overdue_matters(councils=Council.objects.all()).count() == 1
    assert all(
        council.administrators.filter(email="radsadmin@demo.delaktig.se").exists() for council in Council.objects.all()
    )
    upcoming = Event.objects.filter(starts_at__gt=timezone.now())
    for kind in [Event.Kind.DEMOCRACY_DAY, Event.Kind.BUS_STOP, Event.Kind.OPEN_HOUSE, Event.Kind.COUNCIL_MEETING]:
        assert upcoming.filter(kind=kind).exists(), kind
    assert Guide.objects.count() == len(events_demo.GUIDES)
    assert Guide.objects.filter(events__isnull=False).exists()
