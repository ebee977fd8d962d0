"""Reads of the inventory: lists, one initiative with its history, the hub section and the area map."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from delaktig.city.models import Area, Committee
from delaktig.inventory.models import Initiative, ResponsibilityChange, TargetGroup

HUB_LIMIT = 12

# Columns that are not gaps when empty: "other" is no kind to miss, "everyone" no group to miss.
NOT_A_GAP = {Initiative.Kind.OTHER, TargetGroup.Group.EVERYONE}


def _search_filter(text: str) -> Q:
    """Return a filter matching initiatives whose name or description holds every word (at most eight)."""
    query = Q()
    for word in text.split()[:8]:
        query &= Q(name__icontains=word) | Q(description__icontains=word)
    return query


def initiative_list(
    *,
    include_unpublished: bool = False,
    area: Area | None = None,
    committee: Committee | None = None,
    kind: str = "",
    group: str = "",
    status: str = "",
    text: str = "",
) -> QuerySet[Initiative]:
    """Return initiatives with committee, areas and target groups in three queries, filtered as asked."""
    initiatives = Initiative.objects.select_related("responsible_committee").prefetch_related("areas", "target_groups")
    if not include_unpublished:
        initiatives = initiatives.filter(published=True)
    if area:
        initiatives = initiatives.filter(areas=area)
    if committee:
        initiatives = initiatives.filter(responsible_committee=committee)
    if kind:
        initiatives = initiatives.filter(kind=kind)
    if group:
        initiatives = initiatives.filter(target_groups__group=group)
    if status:
        initiatives = initiatives.filter(status=status)
    if text:
        initiatives = initiatives.filter(_search_filter(text))
    return initiatives.order_by("name")


def initiative_detail(*, pk: int) -> Initiative:
    """Return one initiative with its places, groups, histories, participants and linked object."""
    changes = ResponsibilityChange.objects.select_related("from_committee", "to_committee")
    return (
        Initiative.objects.select_related("responsible_committee", "linked_type")
        .prefetch_related(
            "areas",
            "districts",
            "target_groups",
            "status_changes",
            Prefetch("responsibility_changes", queryset=changes),
            "participations",
        )
        .get(pk=pk)
    )


def initiatives_for_hub(area: Area) -> list[Initiative]:
    """Return the area's published initiatives that have not ended, in one query."""
    initiatives = (
        Initiative.objects.filter(areas=area, published=True)
        .exclude(status=Initiative.Status.ENDED)
        .select_related("responsible_committee")
        .order_by("name")
    )
    return list(initiatives[:HUB_LIMIT])


def committees_with_initiatives() -> QuerySet[Committee]:
    """Return the committees that answer for at least one initiative now, for filter menus."""
    return Committee.objects.filter(initiatives__isnull=False).distinct().order_by("name")


@dataclass(frozen=True)
class Cell:
    count: int
    is_gap: bool


@dataclass(frozen=True)
class MatrixRow:
    area: Area
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    """Counts of current initiatives per area and column (a kind or a target group), with the gaps named."""

    columns: list[tuple[str, str]]
    rows: list[MatrixRow]

    @property
    def gaps(self) -> list[tuple[Area, list[str]]]:
        """Return each area with the column labels it lacks, skipping areas without gaps."""
        labels = [label for _code, label in self.columns]
        found = [(row.area, [labels[i] for i, cell in enumerate(row.cells) if cell.is_gap]) for row in self.rows]
        return [(area, missing) for area, missing in found if missing]


@dataclass(frozen=True)
class Mapping:
    by_kind: Matrix
    by_group: Matrix


def _matrix(areas: list[Area], choices, counts: dict[tuple[int, str], int]) -> Matrix:
    columns = [(code, str(label)) for code, label in choices]
    rows = [
        MatrixRow(
            area=area,
            cells=[
                Cell(
                    count=counts.get((area.pk, code), 0),
                    is_gap=not counts.get((area.pk, code)) and code not in NOT_A_GAP,
                )
                for code, _label in columns
            ],
        )
        for area in areas
    ]
    return Matrix(columns=columns, rows=rows)


def inventory_mapping(*, committee: Committee | None = None, include_unpublished: bool = False) -> Mapping:
    """Count the initiatives that have not ended per area × kind and area × target group, in three queries."""
    current = Initiative.objects.exclude(status=Initiative.Status.ENDED)
    if not include_unpublished:
        current = current.filter(published=True)
    if committee:
        current = current.filter(responsible_committee=committee)
    kind_counts = current.values_list("areas", "kind").annotate(count=Count("pk", distinct=True)).order_by()
    group_counts = (
        TargetGroup.objects.filter(initiative__in=current)
        .values_list("initiative__areas", "group")
        .annotate(count=Count("initiative", distinct=True))
        .order_by()
    )
    areas = list(Area.objects.all())
    return Mapping(
        by_kind=_matrix(areas, Initiative.Kind.choices, {(a, k): n for a, k, n in kind_counts}),
        by_group=_matrix(areas, TargetGroup.Group.choices, {(a, g): n for a, g, n in group_counts}),
    )
