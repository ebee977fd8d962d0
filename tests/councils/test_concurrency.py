"""PostgreSQL: the council row lock keeps members within the rulebook, and the exclusion constraint
refuses overlapping meetings even when the service's check is bypassed."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from delaktig.core.errors import DomainError
from delaktig.councils import services
from delaktig.councils.models import Meeting, Member
from delaktig.events.models import Event
from tests.councils.factories import TERM, island, o_dialogen

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PEOPLE = 8


def test_parallel_members_for_one_island_stop_at_the_limit(gothenburg):
    council = o_dialogen()
    vrango = island(council, "Vrångö")
    barrier = threading.Barrier(PEOPLE)
    outcomes: list[str] = []

    def add(number):
        try:
            barrier.wait()
            services.member_add(
                council=council,
                name=f"Öbo {number}",
                role=Member.Role.REPRESENTATIVE,
                constituency=vrango,
                **TERM,
                actor=None,
            )
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3
    assert outcomes.count("member_limit") == PEOPLE - 3
    assert council.members.filter(constituency=vrango).count() == 3


def test_exclusion_constraint_refuses_overlapping_meetings_written_past_the_service(gothenburg):
    council = o_dialogen()
    zone = timezone.get_current_timezone()
    start = datetime.datetime(2026, 12, 3, 18, tzinfo=zone)
    meeting = services.meeting_create(
        council=council, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place="Styrsö", actor=None
    )
    other_event = Event.objects.create(
        title="X", kind=Event.Kind.COUNCIL_MEETING, place="Y", starts_at=start, ends_at=meeting.ends_at
    )
    with pytest.raises(IntegrityError, match="councils_meeting_no_overlap"), transaction.atomic():
        Meeting.objects.create(
            council=council,
            event=other_event,
            starts_at=start + datetime.timedelta(hours=1),
            ends_at=start + datetime.timedelta(hours=3),
        )
    Meeting.objects.create(
        council=council,
        event=other_event,
        starts_at=meeting.ends_at,
        ends_at=meeting.ends_at + datetime.timedelta(hours=1),
    )
