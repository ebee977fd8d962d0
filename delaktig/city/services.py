import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from delaktig.city import gothenburg
from delaktig.city.models import Area, Committee, District, Office, OpeningHours, Seat
from delaktig.core.errors import DomainError
from delaktig.core.services import audit_event_record

SEATS_FULL = _("The committee already has %(limit)s %(kind)s for an overlapping term.")
PRESIDING_TAKEN = _("The committee already has a %(position)s for an overlapping term.")


def _overlapping_seats(committee: Committee, term_start: datetime.date, term_end: datetime.date):
    return Seat.objects.filter(committee=committee, term_start__lt=term_end, term_end__gt=term_start)


@transaction.atomic
def seat_create(
    *,
    committee: Committee,
    holder_name: str,
    party: str,
    kind: str,
    position: str = "",
    term_start: datetime.date,
    term_end: datetime.date,
    actor,
) -> Seat:
    """Give a politician a seat, refusing more seats of a kind than the committee has, or two chairs."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    seat = Seat(
        committee=committee,
        holder_name=holder_name,
        party=party,
        kind=kind,
        position=position,
        term_start=term_start,
        term_end=term_end,
    )
    seat.full_clean()
    overlapping = _overlapping_seats(committee, term_start, term_end)
    limit = committee.max_members if kind == Seat.Kind.MEMBER else committee.max_substitutes
    if limit is not None and overlapping.filter(kind=kind).count() >= limit:
        raise DomainError(SEATS_FULL % {"limit": limit, "kind": seat.get_kind_display().lower()}, code="seats_full")
    if position and overlapping.filter(position=position).exists():
        raise DomainError(PRESIDING_TAKEN % {"position": seat.get_position_display().lower()}, code="position_taken")
    seat.save()
    audit_event_record(actor=actor, verb="city.seat.create", target=seat, data={"committee": committee.slug})
    return seat


@transaction.atomic
def gothenburg_load() -> dict[str, int]:
    """Create or update Gothenburg's areas, districts, committees and offices; safe to run again."""
    areas = _load_areas()
    _load_committees(areas)
    _load_offices(areas)
    return {
        "areas": Area.objects.count(),
        "districts": District.objects.count(),
        "committees": Committee.objects.count(),
        "offices": Office.objects.count(),
    }


def _load_areas() -> dict[str, Area]:
    areas = {}
    for position, spec in enumerate(gothenburg.AREAS):
        area, _created = Area.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "description_en": spec["description_en"],
                "position": position,
            },
        )
        for slug, name in spec["districts"]:
            District.objects.update_or_create(slug=slug, defaults={"name": name, "area": area})
        areas[area.slug] = area
    return areas


def _load_committees(areas: dict[str, Area]) -> None:
    for slug, name, name_en, kind, area_slug, members, substitutes in gothenburg.COMMITTEES:
        Committee.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "area": areas.get(area_slug),
                "serves_all_areas": area_slug is None,
                "max_members": members,
                "max_substitutes": substitutes,
            },
        )


def _load_offices(areas: dict[str, Area]) -> None:
    for spec in gothenburg.OFFICES:
        office, _created = Office.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "area": areas[spec["area"]],
                "street_address": spec["street_address"],
                "postal_code": spec["postal_code"],
                "phone": spec["phone"],
                "accessibility": spec["accessibility"],
            },
        )
        office.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(office=office, weekday=day, opens=opens, closes=closes) for day, opens, closes in spec["hours"]
        )
