import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from delaktig.core.errors import DomainError
from delaktig.core.models import AuditEvent
from delaktig.councils import services
from delaktig.councils.models import Matter, Meeting, Member, Minutes
from delaktig.councils.selectors import overdue_matters, split_members
from delaktig.events.models import Event
from tests.councils.factories import TERM, island, o_dialogen
from tests.factories import user_with_role, verified_user

pytestmark = pytest.mark.usefixtures("gothenburg")
TODAY = datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC)


def at(day: int, hour: int, month: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=timezone.get_current_timezone())


def _add(council, name, place="Vrångö", **overrides):
    fields = {"role": Member.Role.REPRESENTATIVE, "constituency": island(council, place), **TERM}
    return services.member_add(council=council, name=name, **{**fields, **overrides}, actor=None)


def test_rulebook_versions_are_numbered_and_kept():
    council = o_dialogen()
    services.rulebook_adopt(
        council=council, text="Ny lydelse", adopted_on=datetime.date(2025, 1, 1), decision_reference="§ 3", actor=None
    )
    assert list(council.rulebooks.values_list("version", "text")) == [
        (2, "Ny lydelse"),
        (1, "§ 1 Ö-dialogen är ett rådgivande organ."),
    ]
    assert services.current_rulebook(council).version == 2


def test_fourth_representative_of_an_island_is_refused_with_nothing_written():
    council = o_dialogen()
    for name in ["Anna", "Bertil", "Cecilia"]:
        _add(council, name)
    with pytest.raises(DomainError) as error:
        _add(council, "David")
    assert error.value.code == "member_limit"
    assert "Vrångö har redan 3 representanter" in str(error.value.message)
    assert council.members.count() == 3
    assert AuditEvent.objects.filter(verb="councils.member.add").count() == 3
    _add(council, "David", place="Donsö")


def test_a_member_who_left_frees_the_seat_for_the_rest_of_the_term():
    council = o_dialogen()
    members = [_add(council, name) for name in ["Anna", "Bertil", "Cecilia"]]
    services.member_end(member=members[0], left_on=datetime.date(2026, 6, 30), actor=None)
    with pytest.raises(DomainError):
        _add(council, "David", term_start=datetime.date(2026, 6, 1))
    _add(council, "David", term_start=datetime.date(2026, 7, 1))
    with time_machine.travel(TODAY):
        current, former = split_members(council)
    assert "Anna" in [member.name for member in former]
    assert "David" in [member.name for member in current]


def test_member_rules():
    council = o_dialogen()
    with pytest.raises(DomainError) as error:
        _add(council, "Utan ö", constituency=None)
    assert error.value.message == services.CONSTITUENCY_REQUIRED
    with pytest.raises(DomainError) as error:
        _add(council, "Baklänges", term_end=datetime.date(2025, 1, 1))
    assert error.value.message == services.TERM_ENDS_BEFORE_START
    _add(council, "Ordförande", role=Member.Role.CHAIR)
    with pytest.raises(DomainError) as error:
        _add(council, "Andra ordföranden", place="Styrsö", role=Member.Role.CHAIR)
    assert error.value.message == services.CHAIR_TAKEN
    other = o_dialogen(slug="annat-rad")
    with pytest.raises(DomainError) as error:
        _add(council, "Fel råd", constituency=island(other, "Styrsö"))
    assert error.value.message == services.CONSTITUENCY_OF_OTHER_COUNCIL
    committee_rep = _add(council, "Politiker", constituency=None, role=Member.Role.COMMITTEE_REPRESENTATIVE)
    assert committee_rep.pk


def test_member_end_is_kept_as_history_and_checked():
    council = o_dialogen()
    member = _add(council, "Anna")
    with pytest.raises(DomainError) as error:
        services.member_end(member=member, left_on=datetime.date(2030, 1, 1), actor=None)
    assert error.value.message == services.LEFT_OUTSIDE_TERM
    services.member_end(member=member, left_on=datetime.date(2026, 3, 1), actor=None)
    with pytest.raises(DomainError):
        services.member_end(member=member, left_on=datetime.date(2026, 4, 1), actor=None)
    assert Member.objects.filter(pk=member.pk, left_on=datetime.date(2026, 3, 1)).exists()


def _meeting(council, start, end, **extra):
    return services.meeting_create(
        council=council, starts_at=start, ends_at=end, place="Vrångö bygdegård", **extra, actor=None
    )


def test_meeting_is_an_event_in_the_calendar():
    council = o_dialogen()
    meeting = _meeting(council, at(3, 18), at(3, 20), hearing_loop=True)
    event = meeting.event
    assert event.kind == Event.Kind.COUNCIL_MEETING
    assert (event.starts_at, event.ends_at, event.area, event.organiser) == (
        at(3, 18),
        at(3, 20),
        council.area,
        council.committee,
    )
    assert event.hearing_loop


@pytest.mark.parametrize(
    ("start", "end"),
    [(at(3, 19), at(3, 21)), (at(3, 17), at(3, 19)), (at(3, 18), at(3, 20)), (at(3, 17), at(3, 22))],
    ids=["starts-inside", "ends-inside", "same-time", "around"],
)
def test_overlapping_meetings_of_one_council_are_refused(start, end):
    council = o_dialogen()
    _meeting(council, at(3, 18), at(3, 20))
    with pytest.raises(DomainError) as error:
        _meeting(council, start, end)
    assert error.value.code == "meeting_overlap"
    assert Meeting.objects.count() == 1
    assert Event.objects.count() == 1


def test_back_to_back_meetings_and_other_councils_may_share_a_time():
    council = o_dialogen()
    _meeting(council, at(3, 18), at(3, 20))
    _meeting(council, at(3, 20), at(3, 21))
    _meeting(o_dialogen(slug="annat-rad"), at(3, 18), at(3, 20))
    assert Meeting.objects.count() == 3


def test_meeting_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError) as error:
        _meeting(o_dialogen(), at(3, 18), at(3, 17))
    assert error.value.message == services.MEETING_ENDS_BEFORE_START


def test_reschedule_moves_the_event_and_refuses_overlaps():
    council = o_dialogen()
    first = _meeting(council, at(3, 18), at(3, 20))
    _meeting(council, at(10, 18), at(10, 20))
    with pytest.raises(DomainError):
        services.meeting_reschedule(meeting=first, starts_at=at(10, 19), ends_at=at(10, 21), actor=None)
    services.meeting_reschedule(meeting=first, starts_at=at(4, 18), ends_at=at(4, 20), actor=None)
    first.event.refresh_from_db()
    assert first.event.starts_at == at(4, 18)


def test_minutes_go_from_draft_to_approved_to_published_and_then_stay():
    meeting = _meeting(o_dialogen(), at(3, 18), at(3, 20))
    with pytest.raises(DomainError):
        services.minutes_approve(meeting=meeting, approved_by="Anna", actor=None)
    with pytest.raises(DomainError):
        services.minutes_publish(meeting=meeting, actor=None)
    services.minutes_save_draft(meeting=meeting, text="Utkast", actor=None)
    services.minutes_save_draft(meeting=meeting, text="§ 1 Mötet öppnas.", actor=None)
    with pytest.raises(DomainError):
        services.minutes_publish(meeting=meeting, actor=None)
    services.minutes_approve(meeting=meeting, approved_by="Anna Andersson, Bo Berg", actor=None)
    with pytest.raises(DomainError) as error:
        services.minutes_save_draft(meeting=meeting, text="Ändrat i efterhand", actor=None)
    assert error.value.message == services.MINUTES_LOCKED
    minutes = services.minutes_publish(meeting=meeting, actor=None)
    assert (minutes.status, minutes.text) == (Minutes.Status.PUBLISHED, "§ 1 Mötet öppnas.")
    assert minutes.published_at is not None


def test_agenda_items_are_numbered_in_order():
    meeting = _meeting(o_dialogen(), at(3, 18), at(3, 20))
    for title in ["Mötet öppnas", "Färjetrafiken", "Övriga frågor"]:
        services.agenda_item_add(meeting=meeting, title=title, actor=None)
    assert list(meeting.agenda_items.values_list("position", "title")) == [
        (1, "Mötet öppnas"),
        (2, "Färjetrafiken"),
        (3, "Övriga frågor"),
    ]


def test_matter_is_forwarded_answered_and_listed_when_late():
    council = o_dialogen()
    meeting = _meeting(council, at(3, 18), at(3, 20))
    matter = services.matter_raise(council=council, meeting=meeting, title="Fler turer med färjan", actor=None)
    with pytest.raises(DomainError) as error:
        services.matter_forward(matter=matter, answer_due=datetime.date(2026, 12, 1), actor=None)
    assert error.value.message == services.MATTER_NEEDS_RECIPIENT
    with time_machine.travel(TODAY):
        services.matter_forward(
            matter=matter,
            committee=Committee.objects.get(slug="trafiknamnden"),
            answer_due=datetime.date(2026, 12, 15),
            actor=None,
        )
    councils = council.__class__.objects.filter(pk=council.pk)
    with time_machine.travel(datetime.datetime(2026, 12, 16, 9, tzinfo=datetime.UTC)):
        assert list(overdue_matters(councils=councils)) == [matter]
        matter.refresh_from_db()
        assert matter.is_overdue
        services.matter_answer(matter=matter, answer="Trafiknämnden utökar turlistan.", actor=None)
        assert not overdue_matters(councils=councils).exists()
    matter.refresh_from_db()
    assert matter.status == Matter.Status.ANSWERED
    with pytest.raises(DomainError):
        services.matter_answer(matter=matter, answer="Igen", actor=None)


def test_matter_meeting_must_be_the_councils_own():
    council = o_dialogen()
    other_meeting = _meeting(o_dialogen(slug="annat-rad"), at(3, 18), at(3, 20))
    with pytest.raises(DomainError):
        services.matter_raise(council=council, meeting=other_meeting, title="X", actor=None)


def test_administrators_need_the_role():
    council = o_dialogen()
    with pytest.raises(DomainError):
        services.council_administrator_add(council=council, user=verified_user(), actor=None)
    admin = user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=council, user=admin, actor=None)
    assert list(council.administrators.all()) == [admin]


def test_administrator_is_added_once_removed_once_and_each_change_audited():
    council = o_dialogen()
    admin, officer = (
        user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR),
        user_with_role(RoleAssignment.Role.ADMINISTRATOR),
    )
    services.council_administrator_add(council=council, user=admin, actor=officer)
    with pytest.raises(DomainError) as added_twice:
        services.council_administrator_add(council=council, user=admin, actor=officer)
    services.council_administrator_remove(council=council, user=admin, actor=officer)
    with pytest.raises(DomainError) as removed_twice:
        services.council_administrator_remove(council=council, user=admin, actor=officer)
    assert (added_twice.value.message, removed_twice.value.message) == (
        services.ALREADY_ADMINISTRATOR,
        services.NOT_AN_ADMINISTRATOR,
    )
    assert not council.administrators.exists()
    events = AuditEvent.objects.filter(verb__startswith="councils.administrator.").order_by("pk")
    assert [(event.verb, event.actor_id, event.data["user"]) for event in events] == [
        ("councils.administrator.add", officer.pk, admin.pk),
        ("councils.administrator.remove", officer.pk, admin.pk),
    ]


def test_reserved_slug_is_refused():
    with pytest.raises(DomainError):
        o_dialogen(slug="hantera")


def test_database_refuses_a_term_ending_before_it_starts():
    council = o_dialogen()
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            council=council, name="X", term_start=datetime.date(2026, 1, 1), term_end=datetime.date(2025, 1, 1)
        )


def test_meetings_beyond_the_rulebooks_number_per_year_are_refused():
    council = o_dialogen()
    for day in (3, 10, 17):
        _meeting(council, at(day, 18), at(day, 20))
    with pytest.raises(DomainError) as error:
        _meeting(council, at(24, 18), at(24, 20))
    assert error.value.code == "meetings_per_year"
    assert "3 möten per år" in str(error.value.message)
    _meeting(council, at(14, 18, month=1).replace(year=2027), at(14, 20, month=1).replace(year=2027))
