"""Återrapportering: what a committee's democracy initiatives did in a period, as tables a page and files share.

An initiative belongs to a committee's report when the committee was responsible for it on at least one
day of the period (read from the responsibility history, so a transfer in the middle of a year puts the
initiative in both committees' reports), and it had not ended before the period began.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from delaktig.city.models import Committee
from delaktig.core.charts import Bar, bar_chart_svg
from delaktig.core.exports import Table
from delaktig.inventory.models import Initiative, ResponsibilityChange, StatusChange


@dataclass
class Report:
    committee: Committee | None
    start: datetime.date
    end: datetime.date
    by_kind: Table
    status_changes: Table
    participation: Table
    responsibility: Table
    chart: SafeString
    initiative_count: int
    participant_count: int

    @property
    def tables(self) -> list[Table]:
        return [self.by_kind, self.status_changes, self.participation, self.responsibility]


def _responsible_during(committee: Committee | None, start: datetime.date, end: datetime.date) -> set[int]:
    """Return the ids of initiatives the committee (or any committee) answered for on some day of the period."""
    rows = ResponsibilityChange.objects.order_by("initiative_id", "effective_on", "id").values_list(
        "initiative_id", "to_committee_id", "effective_on"
    )
    history: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    for initiative_id, committee_id, effective_on in rows:
        history[initiative_id].append((committee_id, effective_on))
    found = set()
    for initiative_id, changes in history.items():
        for index, (committee_id, since) in enumerate(changes):
            until = changes[index + 1][1] - datetime.timedelta(days=1) if index + 1 < len(changes) else None
            overlaps = since <= end and (until is None or until >= start)
            if overlaps and (committee is None or committee_id == committee.pk):
                found.add(initiative_id)
    return found


def inventory_report(*, committee: Committee | None, start: datetime.date, end: datetime.date) -> Report:
    """Build the report for a committee (or the whole city) and a period, in four queries."""
    in_scope = Initiative.objects.filter(pk__in=_responsible_during(committee, start, end)).exclude(ended_on__lt=start)
    in_period = Q(participations__occurred_on__gte=start, participations__occurred_on__lte=end)
    initiatives = list(
        in_scope.annotate(
            occasions=Count("participations", filter=in_period),
            participants=Sum("participations__participants", filter=in_period, default=0),
        ).order_by("name")
    )
    by_kind = _by_kind_table(initiatives)
    bars = [Bar(str(row[0]), row[1]) for row in by_kind.rows[:-1]]
    return Report(
        committee=committee,
        start=start,
        end=end,
        by_kind=by_kind,
        status_changes=_status_table(initiatives, start, end),
        participation=_participation_table(initiatives),
        responsibility=_responsibility_table(committee, start, end),
        chart=bar_chart_svg(bars, title=by_kind.title, description=_("Number of initiatives of each kind.")),
        initiative_count=len(initiatives),
        participant_count=sum(initiative.participants for initiative in initiatives),
    )


def _by_kind_table(initiatives: list[Initiative]) -> Table:
    """Count initiatives, occasions and participants per kind, every kind listed, with a total row."""
    totals = {kind: [0, 0, 0] for kind in Initiative.Kind.values}
    for initiative in initiatives:
        counts = totals[initiative.kind]
        counts[0] += 1
        counts[1] += initiative.occasions
        counts[2] += initiative.participants
    rows = [[str(label), *totals[kind]] for kind, label in Initiative.Kind.choices]
    rows.append([_("Total"), *(sum(row[column] for row in rows) for column in (1, 2, 3))])
    return Table(
        title=_("Initiatives by kind"),
        columns=[_("Kind"), _("Initiatives"), _("Occasions"), _("Participants")],
        rows=rows,
    )


def _status_table(initiatives: list[Initiative], start: datetime.date, end: datetime.date) -> Table:
    """List the status changes in the period; a first row (no earlier status) is a newly registered initiative."""
    changes = (
        StatusChange.objects.filter(initiative__in=[i.pk for i in initiatives], effective_on__range=(start, end))
        .select_related("initiative")
        .order_by("effective_on", "initiative__name", "id")
    )
    return Table(
        title=_("Status changes"),
        columns=[_("Date"), _("Initiative"), _("From"), _("To"), _("Note")],
        rows=[
            [
                change.effective_on,
                change.initiative.name,
                change.get_from_status_display() if change.from_status else _("(new)"),
                change.get_to_status_display(),
                change.note,
            ]
            for change in changes
        ],
    )


def _participation_table(initiatives: list[Initiative]) -> Table:
    return Table(
        title=_("Participants"),
        columns=[_("Initiative"), _("Kind"), _("Occasions"), _("Participants")],
        rows=[
            [initiative.name, initiative.get_kind_display(), initiative.occasions, initiative.participants]
            for initiative in initiatives
            if initiative.occasions
        ],
    )


def _responsibility_table(committee: Committee | None, start: datetime.date, end: datetime.date) -> Table:
    """List the transfers in the period to or from the committee (every transfer for the whole city)."""
    transfers = ResponsibilityChange.objects.filter(from_committee__isnull=False, effective_on__range=(start, end))
    if committee is not None:
        transfers = transfers.filter(Q(from_committee=committee) | Q(to_committee=committee))
    transfers = transfers.select_related("initiative", "from_committee", "to_committee").order_by(
        "effective_on", "initiative__name", "id"
    )
    return Table(
        title=_("Responsibility changes"),
        columns=[_("Date"), _("Initiative"), _("From"), _("To"), _("Decision")],
        rows=[
            [
                change.effective_on,
                change.initiative.name,
                change.from_committee.localized_name,
                change.to_committee.localized_name,
                change.decision_reference,
            ]
            for change in transfers
        ],
    )


REPORT_TABLE_KEYS = ("kinds", "status", "participants", "responsibility")


def report_table(report: Report, key: str) -> Table:
    """Return one of the report's tables by its key in download links."""
    return dict(zip(REPORT_TABLE_KEYS, report.tables, strict=True))[key]
