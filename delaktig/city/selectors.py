from django.db.models import F, Prefetch, Q, QuerySet

from delaktig.city.models import Area, Committee, Office, OpeningHours


def area_list() -> QuerySet[Area]:
    return Area.objects.all()


def area_list_with_districts() -> QuerySet[Area]:
    return Area.objects.prefetch_related("districts")


def area_for_hub(*, slug: str) -> Area:
    """Return the area with its districts and offices (with opening hours) in three queries."""
    offices = Office.objects.prefetch_related("opening_hours")
    return Area.objects.prefetch_related("districts", Prefetch("offices", queryset=offices)).get(slug=slug)


def committees_serving(area: Area) -> QuerySet[Committee]:
    """Return the area's own committees first, then those that serve the whole city."""
    return Committee.objects.filter(Q(area=area) | Q(area__isnull=True, serves_all_areas=True), active=True).order_by(
        F("area").asc(nulls_last=True), "name"
    )


def committee_list(*, active_only: bool = True) -> QuerySet[Committee]:
    committees = Committee.objects.select_related("area")
    return committees.filter(active=True) if active_only else committees


def committee_with_seats(*, slug: str) -> Committee:
    return Committee.objects.select_related("area").prefetch_related("seats").get(slug=slug)


def office_list() -> QuerySet[Office]:
    return Office.objects.select_related("area").prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )
