"""The annual report to the city council (kommunfullmäktige) on Göteborgsförslaget, for one year.

Counts only, never a person: how many proposals were submitted, published, refused (by rule), reached
the threshold and were decided (by outcome), and the median days from threshold to decision, for the
whole city, per area and per committee. Each step is counted in the year it happened (Swedish time),
so a proposal submitted in December and published in January counts in both years' reports.
The report is built once as ``Table``s; the page, CSV, XLSX and PDF all show those same tables.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delaktig.city.models import Area, Committee
from delaktig.core.charts import Bar
from delaktig.core.exports import Table
from delaktig.proposals.models import Outcome, Proposal, RefusalRule

Status = Proposal.Status
NO_AREA = gettext_lazy("No area (whole city)")
NO_COMMITTEE = gettext_lazy("No committee yet")
FIRST_YEAR = 2017  # Göteborgsförslaget opened in 2017.
REPORT_FIELDS = (
    "area_id",
    "committee_id",
    "status",
    "submitted_at",
    "published_at",
    "status_changed_at",
    "refusal_rule",
    "threshold_reached_at",
    "decision_date",
    "outcome",
)


@dataclass
class Tally:
    """What happened to proposals in one group (the city, an area or a committee) during the year."""

    submitted: int = 0
    published: int = 0
    refused: Counter = field(default_factory=Counter)
    reached_threshold: int = 0
    decisions: Counter = field(default_factory=Counter)
    days_to_decision: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_decision) if self.days_to_decision else None


@dataclass
class AnnualReport:
    year: int
    city: Tally
    areas: dict[str, Tally]
    committees: dict[str, Tally]
    chart: list[Bar]
    tables: list[Table]


def report_years() -> list[int]:
    """Return the years a report can be made for: from the first submission (or 2017) to this year."""
    first = Proposal.objects.aggregate(first=Min("submitted_at"))["first"]
    first_year = min(timezone.localtime(first).year, FIRST_YEAR) if first else FIRST_YEAR
    return list(range(timezone.localdate().year, first_year - 1, -1))


def annual_report(year: int) -> AnnualReport:
    """Count the year's proposals for the city, per area and per committee, and lay them out as tables."""
    start, end = _year_bounds(year)
    areas = {area.pk: area.name for area in Area.objects.all()}
    committees = {committee.pk: committee.localized_name for committee in Committee.objects.all()}
    city, by_area, by_committee = Tally(), _groups(areas.values()), _groups([])
    for row in _rows_touching(start, end):
        area = areas.get(row["area_id"], str(NO_AREA))
        committee = committees.get(row["committee_id"], str(NO_COMMITTEE))
        for tally in (city, by_area.setdefault(area, Tally()), by_committee.setdefault(committee, Tally())):
            _count(tally, row, start, end)
    by_committee = {name: tally for name, tally in sorted(by_committee.items()) if _any(tally)}
    return AnnualReport(
        year=year,
        city=city,
        areas=by_area,
        committees=by_committee,
        chart=_chart(city),
        tables=_tables(year, city, by_area, by_committee),
    )


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Return the year's first instant and the next year's, in the city's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime(year, 1, 1, tzinfo=zone), datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def _groups(names) -> dict[str, Tally]:
    return {name: Tally() for name in names}


def _rows_touching(start: datetime.datetime, end: datetime.datetime):
    """Yield every proposal with a counted step in [start, end), as plain values (one query)."""
    in_year = (
        Q(submitted_at__gte=start, submitted_at__lt=end)
        | Q(published_at__gte=start, published_at__lt=end)
        | Q(status=Status.REFUSED, status_changed_at__gte=start, status_changed_at__lt=end)
        | Q(threshold_reached_at__gte=start, threshold_reached_at__lt=end)
        | Q(decision_date__year=start.year, status=Status.DECIDED)
    )
    return Proposal.objects.filter(in_year).values(*REPORT_FIELDS).order_by().iterator(chunk_size=2000)


def _count(tally: Tally, row: dict, start: datetime.datetime, end: datetime.datetime) -> None:
    """Add one proposal's steps that fall in the year to the tally."""

    def within(moment) -> bool:
        return moment is not None and start <= moment < end

    tally.submitted += within(row["submitted_at"])
    tally.published += within(row["published_at"])
    if row["status"] == Status.REFUSED and within(row["status_changed_at"]):
        tally.refused[row["refusal_rule"]] += 1
    tally.reached_threshold += within(row["threshold_reached_at"])
    decided_on = row["decision_date"]
    if row["status"] == Status.DECIDED and decided_on is not None and decided_on.year == start.year:
        tally.decisions[row["outcome"]] += 1
        if row["threshold_reached_at"] is not None:
            reached_on = timezone.localtime(row["threshold_reached_at"]).date()
            tally.days_to_decision.append((decided_on - reached_on).days)


def _any(tally: Tally) -> bool:
    return bool(tally.submitted or tally.published or tally.refused or tally.reached_threshold or tally.decisions)


def _chart(city: Tally) -> list[Bar]:
    return [
        Bar(_("Submitted"), city.submitted),
        Bar(_("Published"), city.published),
        Bar(_("Refused"), city.refused.total()),
        Bar(_("Reached the threshold"), city.reached_threshold),
        Bar(_("Decided"), city.decisions.total()),
    ]


def _median_cell(tally: Tally):
    return round(tally.median_days, 1) if tally.median_days is not None else "–"


def _tables(year: int, city: Tally, areas: dict[str, Tally], committees: dict[str, Tally]) -> list[Table]:
    return [
        _summary_table(year, city),
        _group_table(_("Per area"), _("Area"), areas),
        _group_table(_("Per committee"), _("Committee"), committees),
        _refusal_table(areas, city),
    ]


def _summary_table(year: int, city: Tally) -> Table:
    rows = [[bar.label, bar.value] for bar in _chart(city)]
    rows += [
        [_("Decided: %(outcome)s") % {"outcome": str(outcome.label)}, city.decisions[outcome.value]]
        for outcome in Outcome
    ]
    rows.append([_("Median days from threshold to decision"), _median_cell(city)])
    return Table(title=_("The whole city %(year)s") % {"year": year}, columns=[_("Measure"), _("Number")], rows=rows)


def _group_table(title: str, label: str, groups: dict[str, Tally]) -> Table:
    columns = [
        label,
        _("Submitted"),
        _("Published"),
        _("Refused"),
        _("Reached the threshold"),
        *[str(outcome.label) for outcome in Outcome],
        _("Median days to decision"),
    ]
    rows = [
        [
            name,
            tally.submitted,
            tally.published,
            tally.refused.total(),
            tally.reached_threshold,
            *[tally.decisions[outcome.value] for outcome in Outcome],
            _median_cell(tally),
        ]
        for name, tally in groups.items()
    ]
    return Table(title=title, columns=columns, rows=rows)


def _refusal_table(areas: dict[str, Tally], city: Tally) -> Table:
    """Refusals by rule per area (a refused proposal was never published, so no committee had it)."""
    columns = [_("Rule"), *areas.keys(), _("Whole city")]
    rows = [
        [str(rule.label), *[tally.refused[rule.value] for tally in areas.values()], city.refused[rule.value]]
        for rule in RefusalRule
    ]
    return Table(title=_("Refusals by rule"), columns=columns, rows=rows)


def long_table(report: AnnualReport) -> Table:
    """Return every number of the report as one long table (table, row, column, value) for CSV."""
    rows = [
        [table.title, row[0], column, value]
        for table in report.tables
        for row in table.rows
        for column, value in zip(table.columns[1:], row[1:], strict=True)
    ]
    return Table(
        title=_("Annual report %(year)s") % {"year": report.year},
        columns=[_("Table"), _("Row"), _("Column"), _("Value")],
        rows=rows,
    )
