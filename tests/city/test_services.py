import datetime

import pytest
from django.core.exceptions import ValidationError

from delaktig.city.models import Committee, Seat
from delaktig.city.services import seat_create
from delaktig.core.errors import DomainError
from delaktig.core.models import AuditEvent

TERM = {"term_start": datetime.date(2023, 1, 1), "term_end": datetime.date(2027, 1, 1)}


def _seat(committee, kind, n, position=""):
    return seat_create(
        committee=committee,
        holder_name=f"Politiker {kind} {n}",
        party="Partiet",
        kind=kind,
        position=position,
        actor=None,
        **TERM,
    )


@pytest.fixture
def democracy_committee(gothenburg):
    return Committee.objects.get(slug="demokrati-och-medborgarservice")


def test_democracy_committee_holds_eleven_members_and_eleven_substitutes(democracy_committee):
    for n in range(11):
        _seat(democracy_committee, Seat.Kind.MEMBER, n, position=Seat.Position.CHAIR if n == 0 else "")
        _seat(democracy_committee, Seat.Kind.SUBSTITUTE, n)
    assert democracy_committee.seats.filter(kind="member").count() == 11
    assert democracy_committee.seats.filter(kind="substitute").count() == 11
    assert AuditEvent.objects.filter(verb="city.seat.create").count() == 22


def test_twelfth_member_is_refused_and_nothing_is_saved(democracy_committee):
    for n in range(11):
        _seat(democracy_committee, Seat.Kind.MEMBER, n)
    with pytest.raises(DomainError) as error:
        _seat(democracy_committee, Seat.Kind.MEMBER, 12)
    assert error.value.code == "seats_full"
    assert democracy_committee.seats.count() == 11


def test_a_seat_in_the_next_term_does_not_count_against_this_term(democracy_committee):
    for n in range(11):
        _seat(democracy_committee, Seat.Kind.MEMBER, n)
    seat_create(
        committee=democracy_committee,
        holder_name="Ny ledamot",
        party="",
        kind=Seat.Kind.MEMBER,
        term_start=datetime.date(2027, 1, 1),
        term_end=datetime.date(2031, 1, 1),
        actor=None,
    )


def test_second_chair_for_the_same_term_is_refused(democracy_committee):
    _seat(democracy_committee, Seat.Kind.MEMBER, 1, position=Seat.Position.CHAIR)
    with pytest.raises(DomainError):
        _seat(democracy_committee, Seat.Kind.MEMBER, 2, position=Seat.Position.CHAIR)


def test_term_ending_before_it_starts_is_refused(democracy_committee):
    with pytest.raises(ValidationError):
        seat_create(
            committee=democracy_committee,
            holder_name="X",
            party="",
            kind=Seat.Kind.MEMBER,
            term_start=datetime.date(2027, 1, 1),
            term_end=datetime.date(2023, 1, 1),
            actor=None,
        )


def test_a_substitute_cannot_chair(democracy_committee):
    with pytest.raises(ValidationError):
        _seat(democracy_committee, Seat.Kind.SUBSTITUTE, 1, position=Seat.Position.CHAIR)
