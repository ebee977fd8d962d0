import datetime
import itertools
import threading

import pytest
import time_machine
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction

from delaktig.city.models import Area, Committee, District
from delaktig.core.errors import DomainError
from delaktig.core.models import AppendOnlyError, AuditEvent
from delaktig.inventory import services
from delaktig.inventory.models import Initiative, ResponsibilityChange, StatusChange

pytestmark = pytest.mark.django_db

D = datetime.date


def committee(slug: str) -> Committee:
    return Committee.objects.get(slug=slug)


def test_create_writes_the_first_history_rows_and_an_audit_event(make_initiative):
    initiative = make_initiative(started_on=D(2015, 3, 1), decision_reference="Dnr 12/15")
    assert [(row.from_status, row.to_status, row.effective_on) for row in initiative.status_changes.all()] == [
        ("", "active", D(2015, 3, 1))
    ]
    first = initiative.responsibility_changes.get()
    assert (first.from_committee, first.to_committee.slug, first.decision_reference) == (
        None,
        "socialnamnd-nordost",
        "Dnr 12/15",
    )
    assert AuditEvent.objects.filter(verb="inventory.initiative.create", target_id=str(initiative.pk)).exists()


def test_a_name_is_taken_whatever_its_case(make_initiative):
    make_initiative(name="Ungdomsrådet Nordost")
    with pytest.raises(DomainError) as error:
        make_initiative(name="ungdomsrådet nordost ")
    assert error.value.code == "name_taken"
    assert Initiative.objects.count() == 1


def test_a_district_brings_its_area(make_initiative):
    initiative = make_initiative(areas=[], districts=[District.objects.get(slug="lundby")])
    assert [area.slug for area in initiative.areas.all()] == ["hisingen"]


def test_an_initiative_needs_an_area_and_a_target_group(make_initiative):
    with pytest.raises(DomainError, match="område"):
        make_initiative(areas=[])
    with pytest.raises(DomainError, match="målgrupp"):
        make_initiative(target_groups=[])
    assert not Initiative.objects.exists()


def test_end_before_start_is_refused_by_the_service_and_the_database(make_initiative):
    with pytest.raises(DomainError, match="Slutdatumet"):
        make_initiative(started_on=D(2020, 5, 1), ended_on=D(2020, 4, 1))
    initiative = make_initiative()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(ended_on=D(2019, 1, 1))


def test_status_changes_are_appended_in_date_order(make_initiative):
    initiative = make_initiative(started_on=D(2019, 5, 1))
    services.initiative_status_change(initiative=initiative, status="paused", effective_on=D(2020, 3, 16), actor=None)
    services.initiative_status_change(initiative=initiative, status="ended", effective_on=D(2021, 6, 30), actor=None)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.ended_on) == ("ended", D(2021, 6, 30))
    assert list(initiative.status_changes.values_list("from_status", "to_status")) == [
        ("", "active"),
        ("active", "paused"),
        ("paused", "ended"),
    ]
    services.initiative_status_change(initiative=initiative, status="active", effective_on=D(2022, 1, 1), actor=None)
    initiative.refresh_from_db()
    assert initiative.ended_on is None


def test_status_change_refuses_the_same_status_an_earlier_date_and_the_future(make_initiative):
    initiative = make_initiative(started_on=D(2019, 5, 1))
    with pytest.raises(DomainError, match="redan statusen"):
        services.initiative_status_change(
            initiative=initiative, status="active", effective_on=D(2020, 1, 1), actor=None
        )
    with pytest.raises(DomainError, match="senaste ändringen"):
        services.initiative_status_change(
            initiative=initiative, status="paused", effective_on=D(2018, 1, 1), actor=None
        )
    with pytest.raises(DomainError, match="framtiden"):
        services.initiative_status_change(
            initiative=initiative, status="paused", effective_on=D(2999, 1, 1), actor=None
        )
    assert initiative.status_changes.count() == 1


def test_transfer_keeps_every_earlier_committee(make_initiative, former_districts):
    angered = committee("stadsdelsnamnd-angered")
    initiative = make_initiative(responsible_committee=angered, started_on=D(2012, 9, 1))
    change = services.initiative_transfer(
        initiative=initiative,
        to_committee=committee("socialnamnd-nordost"),
        effective_on=D(2021, 1, 1),
        decision_reference="KF 2020-06-11 § 14",
        actor=None,
    )
    initiative.refresh_from_db()
    assert initiative.responsible_committee.slug == "socialnamnd-nordost"
    assert (change.from_committee, change.to_committee.slug) == (angered, "socialnamnd-nordost")
    assert [row.to_committee.slug for row in initiative.responsibility_changes.all()] == [
        "stadsdelsnamnd-angered",
        "socialnamnd-nordost",
    ]
    event = AuditEvent.objects.get(verb="inventory.initiative.transfer")
    assert event.data["decision"] == "KF 2020-06-11 § 14"


def test_transfer_refuses_the_current_committee_and_an_earlier_date(make_initiative):
    initiative = make_initiative(started_on=D(2018, 1, 1))
    with pytest.raises(DomainError, match="redan"):
        services.initiative_transfer(
            initiative=initiative,
            to_committee=committee("socialnamnd-nordost"),
            effective_on=D(2021, 1, 1),
            decision_reference="x",
            actor=None,
        )
    with pytest.raises(DomainError, match="senaste ändringen"):
        services.initiative_transfer(
            initiative=initiative,
            to_committee=committee("funktionsstod"),
            effective_on=D(2017, 1, 1),
            decision_reference="x",
            actor=None,
        )
    assert initiative.responsibility_changes.count() == 1


def test_history_rows_cannot_be_changed_or_deleted(make_initiative):
    initiative = make_initiative()
    row = initiative.status_changes.get()
    row.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        initiative.responsibility_changes.get().delete()


def test_participants_are_recorded_once_per_day(make_initiative, editor):
    initiative = make_initiative()
    services.participation_record(initiative=initiative, occurred_on=D(2025, 3, 4), participants=17, actor=editor)
    with pytest.raises(DomainError, match="redan registrerade"):
        services.participation_record(initiative=initiative, occurred_on=D(2025, 3, 4), participants=3, actor=editor)
    assert initiative.participations.get().participants == 17
    assert AuditEvent.objects.filter(verb="inventory.participation.record", actor=editor).count() == 1


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
def test_a_future_start_date_does_not_date_the_first_rows_in_the_future(make_initiative):
    initiative = make_initiative(status="planned", started_on=D(2026, 1, 1))
    assert initiative.status_changes.get().effective_on == D(2025, 6, 1)


def test_update_changes_description_but_never_status_or_committee(make_initiative, editor):
    initiative = make_initiative()
    services.initiative_update(
        initiative=initiative,
        name="Nytt namn",
        areas=[Area.objects.get(slug="centrum")],
        target_groups=["youth", "elderly"],
        description="Ny beskrivning",
        actor=editor,
    )
    initiative.refresh_from_db()
    assert initiative.name == "Nytt namn"
    assert sorted(initiative.target_groups.values_list("group", flat=True)) == ["elderly", "youth"]
    with pytest.raises(TypeError):
        services.initiative_update(initiative=initiative, areas=[], target_groups=[], status="ended", actor=editor)
    event = AuditEvent.objects.get(verb="inventory.initiative.update")
    assert event.data["fields"] == ["description", "name"]


def test_former_district_committees_are_created_once(gothenburg):
    first = services.former_district_committees_ensure(actor=None)
    again = services.former_district_committees_ensure(actor=None)
    assert len(first) == 10
    assert [c.pk for c in first] == [c.pk for c in again]
    angered = Committee.objects.get(name="Stadsdelsnämnden Angered")
    assert (angered.kind, angered.active, angered.area.slug) == ("former_district", False, "nordost")
    assert AuditEvent.objects.filter(verb="inventory.former_district.create").count() == 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_transfers_leave_one_consistent_chain(make_initiative):
    """Two editors transfer at once: the row lock serialises them and no transfer starts from a stale committee."""
    initiative = make_initiative(started_on=D(2018, 1, 1))
    targets = [committee("funktionsstod"), committee("aldre-vard-och-omsorg")]
    barrier = threading.Barrier(len(targets))
    errors = []

    def transfer(target):
        barrier.wait()
        try:
            services.initiative_transfer(
                initiative=initiative,
                to_committee=target,
                effective_on=D(2021, 1, 1),
                decision_reference="x",
                actor=None,
            )
        except DomainError as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=transfer, args=(target,)) for target in targets]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    rows = list(ResponsibilityChange.objects.filter(initiative=initiative).order_by("id"))
    assert len(rows) == 3 and not errors
    for earlier, later in itertools.pairwise(rows):
        assert later.from_committee_id == earlier.to_committee_id
    initiative.refresh_from_db()
    assert initiative.responsible_committee_id == rows[-1].to_committee_id


def test_an_initiative_links_to_the_platform_object_it_lives_as(make_initiative, editor):
    initiative = make_initiative()
    area = Area.objects.get(slug="nordost")
    services.initiative_link(initiative=initiative, linked_object=area, actor=editor)
    initiative.refresh_from_db()
    assert initiative.linked_object == area
    services.initiative_link(initiative=initiative, linked_object=None, actor=editor)
    initiative.refresh_from_db()
    assert (initiative.linked_type, initiative.linked_id) == (None, None)
    assert AuditEvent.objects.filter(verb="inventory.initiative.link").count() == 2


def test_history_cannot_be_bulk_changed_through_the_orm(make_initiative):
    initiative = make_initiative()
    with pytest.raises(AppendOnlyError):
        StatusChange.objects.filter(initiative=initiative).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        ResponsibilityChange.objects.filter(initiative=initiative).delete()


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["inventory_statuschange", "inventory_responsibilitychange"])
def test_postgresql_refuses_changes_to_the_history_from_any_client(make_initiative, table):
    make_initiative()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET note = 'rewritten'")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


def test_an_ended_initiative_is_registered_as_ended_on_its_end_date(make_initiative):
    initiative = make_initiative(status="ended", started_on=D(2016, 2, 1), ended_on=D(2016, 12, 31))
    assert initiative.status_changes.get().effective_on == D(2016, 12, 31)
