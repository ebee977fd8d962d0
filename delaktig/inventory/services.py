"""Every write to the inventory: initiatives, their status and responsibility history, participants, imports."""

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, District
from delaktig.core.errors import DomainError
from delaktig.core.services import audit_event_record
from delaktig.inventory.imports import PlannedInitiative, former_district_committee, plan_import, read_rows
from delaktig.inventory.models import Initiative, Participation, ResponsibilityChange, StatusChange, TargetGroup

NAME_TAKEN = _("There is already an initiative called “%(name)s” in the inventory.")
AREA_REQUIRED = _("Choose at least one area.")
TARGET_GROUP_REQUIRED = _("Choose at least one target group.")
UNKNOWN_TARGET_GROUP = _("Choose target groups from the list.")
SAME_STATUS = _("The initiative already has the status “%(status)s”.")
SAME_COMMITTEE = _("The initiative is already the responsibility of %(committee)s.")
DATE_BEFORE_HISTORY = _("The date cannot be earlier than the latest change in the history (%(date)s).")
DATE_IN_FUTURE = _("The date cannot be in the future.")
PARTICIPATION_EXISTS = _("Participants are already recorded for %(date)s.")


def _clean(instance: models.Model) -> None:
    """Run full_clean and turn a broken rule into a DomainError with the model's own messages."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error


def _refuse_future(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise DomainError(DATE_IN_FUTURE, code="future_date")


def _refuse_taken_name(name: str, *, exclude_pk: int | None = None) -> None:
    if Initiative.objects.filter(name__iexact=name.strip()).exclude(pk=exclude_pk).exists():
        raise DomainError(NAME_TAKEN % {"name": name.strip()}, code="name_taken")


def _set_places_and_groups(
    initiative: Initiative, areas: Iterable[Area], districts: Iterable[District], target_groups: Iterable[str]
) -> None:
    """Store the areas (with the areas of the chosen districts added), districts and target groups."""
    districts = list(districts)
    area_ids = {area.pk for area in areas} | {district.area_id for district in districts}
    groups = sorted(set(target_groups))
    if not area_ids:
        raise DomainError(AREA_REQUIRED, code="area_required")
    if not groups:
        raise DomainError(TARGET_GROUP_REQUIRED, code="target_group_required")
    initiative.areas.set(area_ids)
    initiative.districts.set(districts)
    if not set(groups) <= set(TargetGroup.Group.values):
        raise DomainError(UNKNOWN_TARGET_GROUP, code="unknown_target_group")
    initiative.target_groups.exclude(group__in=groups).delete()
    TargetGroup.objects.bulk_create(
        [TargetGroup(initiative=initiative, group=group) for group in groups], ignore_conflicts=True
    )


def _link(initiative: Initiative, linked_object: models.Model | None) -> None:
    initiative.linked_type = ContentType.objects.get_for_model(linked_object) if linked_object else None
    initiative.linked_id = linked_object.pk if linked_object else None


def _first_day(day: datetime.date | None) -> datetime.date:
    """Return the date a first history row starts: the given day, but never later than today."""
    today = timezone.localdate()
    return min(day, today) if day else today


@transaction.atomic
def initiative_create(
    *,
    name: str,
    kind: str,
    responsible_committee: Committee,
    areas: Iterable[Area],
    target_groups: Iterable[str],
    districts: Iterable[District] = (),
    status: str = Initiative.Status.PLANNED,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    frequency: str = "",
    contact: str = "",
    description: str = "",
    linked_object: models.Model | None = None,
    published: bool = False,
    responsible_since: datetime.date | None = None,
    decision_reference: str = "",
    actor,
) -> Initiative:
    """Add an initiative with the first rows of its status and responsibility history."""
    _refuse_taken_name(name)
    initiative = Initiative(
        name=name.strip(),
        kind=kind,
        responsible_committee=responsible_committee,
        status=status,
        started_on=started_on,
        ended_on=ended_on,
        frequency=frequency,
        contact=contact,
        description=description,
        published=published,
    )
    _link(initiative, linked_object)
    _clean(initiative)
    initiative.save()
    _set_places_and_groups(initiative, areas, districts, target_groups)
    status_since = ended_on if status == Initiative.Status.ENDED and ended_on else started_on
    _history_row_save(
        StatusChange(initiative=initiative, to_status=status, effective_on=_first_day(status_since)), actor
    )
    _history_row_save(
        ResponsibilityChange(
            initiative=initiative,
            to_committee=responsible_committee,
            effective_on=_first_day(responsible_since or started_on),
            decision_reference=decision_reference,
        ),
        actor,
    )
    audit_event_record(
        actor=actor,
        verb="inventory.initiative.create",
        target=initiative,
        data={"committee": responsible_committee.slug},
    )
    return initiative


def _history_row_save(row: StatusChange | ResponsibilityChange, actor) -> None:
    row.recorded_by = actor if actor is not None and actor.is_authenticated else None
    _clean(row)
    row.save()


EDITABLE_FIELDS = ("name", "kind", "started_on", "ended_on", "frequency", "contact", "description", "published")


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    areas: Iterable[Area],
    target_groups: Iterable[str],
    districts: Iterable[District] = (),
    linked_object: models.Model | None = None,
    actor,
    **fields,
) -> Initiative:
    """Change an initiative's description; status and responsibility change only through their own services."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"initiative_update() cannot change {sorted(unknown)}")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        _refuse_taken_name(fields["name"], exclude_pk=initiative.pk)
    changed = sorted(field for field, value in fields.items() if getattr(initiative, field) != value)
    for field, value in fields.items():
        setattr(initiative, field, value)
    _link(initiative, linked_object)
    _clean(initiative)
    initiative.save()
    _set_places_and_groups(initiative, areas, districts, target_groups)
    audit_event_record(actor=actor, verb="inventory.initiative.update", target=initiative, data={"fields": changed})
    return initiative


@transaction.atomic
def initiative_link(*, initiative: Initiative, linked_object: models.Model | None, actor) -> Initiative:
    """Point the initiative at the platform object it lives as (a council, a dialogue), or remove the link."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _link(initiative, linked_object)
    _clean(initiative)
    initiative.save(update_fields=["linked_type", "linked_id", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="inventory.initiative.link",
        target=initiative,
        data={"type": initiative.linked_type.model if initiative.linked_type else "", "id": initiative.linked_id},
    )
    return initiative


def _refuse_out_of_order(day: datetime.date, history: models.QuerySet) -> None:
    """Refuse a change dated before the latest row, so the history reads in order and is never rewritten."""
    _refuse_future(day)
    latest = history.order_by("-effective_on", "-id").values_list("effective_on", flat=True).first()
    if latest is not None and day < latest:
        raise DomainError(DATE_BEFORE_HISTORY % {"date": date_format(latest)}, code="date_out_of_order")


@transaction.atomic
def initiative_status_change(
    *, initiative: Initiative, status: str, effective_on: datetime.date, note: str = "", actor
) -> StatusChange:
    """Record a new status from a date; ending sets the end date, restarting clears it."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if status == initiative.status:
        raise DomainError(SAME_STATUS % {"status": initiative.get_status_display()}, code="same_status")
    _refuse_out_of_order(effective_on, initiative.status_changes.all())
    change = StatusChange(
        initiative=initiative, from_status=initiative.status, to_status=status, effective_on=effective_on, note=note
    )
    _history_row_save(change, actor)
    initiative.status = status
    if status == Initiative.Status.ENDED:
        initiative.ended_on = initiative.ended_on or effective_on
    elif change.from_status == Initiative.Status.ENDED:
        initiative.ended_on = None
    _clean(initiative)
    initiative.save(update_fields=["status", "ended_on", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="inventory.initiative.status",
        target=initiative,
        data={"from": change.from_status, "to": status, "on": effective_on.isoformat()},
    )
    return change


@transaction.atomic
def initiative_transfer(
    *,
    initiative: Initiative,
    to_committee: Committee,
    effective_on: datetime.date,
    decision_reference: str,
    note: str = "",
    actor,
) -> ResponsibilityChange:
    """Move the responsibility to another committee from a date, keeping every earlier committee in the history."""
    # Lock the initiative alone: with a join, PostgreSQL re-checks the join against the committee a concurrent
    # transfer just replaced and finds no row.
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if to_committee.pk == initiative.responsible_committee_id:
        raise DomainError(SAME_COMMITTEE % {"committee": to_committee.localized_name}, code="same_committee")
    _refuse_out_of_order(effective_on, initiative.responsibility_changes.all())
    change = ResponsibilityChange(
        initiative=initiative,
        from_committee=initiative.responsible_committee,
        to_committee=to_committee,
        effective_on=effective_on,
        decision_reference=decision_reference,
        note=note,
    )
    _history_row_save(change, actor)
    initiative.responsible_committee = to_committee
    initiative.save(update_fields=["responsible_committee", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="inventory.initiative.transfer",
        target=initiative,
        data={
            "from": change.from_committee.slug,
            "to": to_committee.slug,
            "on": effective_on.isoformat(),
            "decision": decision_reference,
        },
    )
    return change


@transaction.atomic
def participation_record(
    *, initiative: Initiative, occurred_on: datetime.date, participants: int, note: str = "", actor
) -> Participation:
    """Record how many took part in one occasion; one count per initiative and day."""
    _refuse_future(occurred_on)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.participations.filter(occurred_on=occurred_on).exists():
        raise DomainError(PARTICIPATION_EXISTS % {"date": date_format(occurred_on)}, code="participation_exists")
    participation = Participation(
        initiative=initiative,
        occurred_on=occurred_on,
        participants=participants,
        note=note,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _clean(participation)
    participation.save()
    audit_event_record(
        actor=actor,
        verb="inventory.participation.record",
        target=initiative,
        data={"on": occurred_on.isoformat(), "participants": participants},
    )
    return participation


@transaction.atomic
def former_district_committees_ensure(*, actor) -> list[Committee]:
    """Create the ten former district committees (stadsdelsnämnder, closed 2020) the inventory's history names."""
    committees = []
    for district in District.objects.select_related("area"):
        spec = former_district_committee(district)
        committee = Committee.objects.filter(slug=spec.slug).first()
        if committee is None:
            committee = spec
            _clean(committee)
            committee.save()
            audit_event_record(actor=actor, verb="inventory.former_district.create", target=committee)
        committees.append(committee)
    return committees


IMPORT_HAS_PROBLEMS = _("Nothing was imported: %(count)s rows have problems. Correct them and import the file again.")


@transaction.atomic
def inventory_import(*, content: bytes, filename: str, actor) -> list[Initiative]:
    """Create every initiative of a spreadsheet, or none: one problem anywhere and nothing is written."""
    rows = read_rows(content, filename)
    former_district_committees_ensure(actor=actor)
    plan = plan_import(rows)
    if not plan.ok:
        rows_with_problems = len({problem.row for problem in plan.problems})
        raise DomainError(IMPORT_HAS_PROBLEMS % {"count": rows_with_problems}, code="import_has_problems")
    initiatives = [_initiative_create_planned(planned, actor) for planned in plan.rows]
    audit_event_record(
        actor=actor, verb="inventory.import", data={"filename": filename[:200], "initiatives": len(initiatives)}
    )
    return initiatives


def _initiative_create_planned(planned: PlannedInitiative, actor) -> Initiative:
    """Create one checked row, first under its previous committee when the row records a transfer."""
    initiative = initiative_create(
        name=planned.name,
        kind=planned.kind,
        responsible_committee=planned.previous_committee or planned.committee,
        areas=planned.areas,
        districts=planned.districts,
        target_groups=planned.target_groups,
        status=planned.status,
        started_on=planned.started_on,
        ended_on=planned.ended_on,
        frequency=planned.frequency,
        contact=planned.contact,
        description=planned.description,
        published=planned.published,
        responsible_since=planned.started_on or planned.transferred_on,
        decision_reference="" if planned.previous_committee else planned.decision_reference,
        actor=actor,
    )
    if planned.previous_committee:
        initiative_transfer(
            initiative=initiative,
            to_committee=planned.committee,
            effective_on=planned.transferred_on,
            decision_reference=planned.decision_reference,
            actor=actor,
        )
    return initiative
