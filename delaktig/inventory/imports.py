"""Read the city's spreadsheet inventory (CSV or XLSX) and check every row before anything is written.

The file has one header row with the column names in ``COLUMNS`` (Swedish, as in the spreadsheet the
city kept after 2021; case, spaces and å/ä/ö do not matter) and one initiative per row. Kinds, statuses,
target groups and frequencies are written as their Swedish or English names (or codes); lists (areas,
districts, target groups) are separated by semicolons. ``plan_import`` returns the rows ready to
create and every problem with its spreadsheet row number, so a dry run can show them all at once.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delaktig.city.models import Area, Committee, District
from delaktig.core.errors import DomainError
from delaktig.inventory.models import Initiative, TargetGroup

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

# Column name in the file -> field of a planned row.
COLUMNS = {
    "namn": "name",
    "typ": "kind",
    "ansvarig_namnd": "committee",
    "omraden": "areas",
    "stadsdelar": "districts",
    "malgrupper": "target_groups",
    "status": "status",
    "startdatum": "started_on",
    "slutdatum": "ended_on",
    "frekvens": "frequency",
    "kontakt": "contact",
    "beskrivning": "description",
    "publicerad": "published",
    "tidigare_namnd": "previous_committee",
    "overford_datum": "transferred_on",
    "beslut": "decision_reference",
}
REQUIRED_COLUMNS = ["namn", "typ", "ansvarig_namnd", "omraden", "malgrupper", "status"]
ALL_AREAS = {"alla", "hela staden", "all", "whole city"}
YES = {"ja", "j", "x", "yes", "y", "1", "true", "sant"}
NO = {"nej", "n", "no", "0", "false", "falskt", ""}

NOT_A_SPREADSHEET = gettext_lazy("The file must be a CSV file (.csv) or an Excel file (.xlsx).")
FILE_TOO_LARGE = gettext_lazy("The file is too large: at most %(limit)s MB.")
FILE_UNREADABLE = gettext_lazy("The file could not be read as %(kind)s. Save it again as %(kind)s and retry.")
FILE_EMPTY = gettext_lazy("The file is empty: it needs a header row and at least one initiative.")
TOO_MANY_ROWS = gettext_lazy("The file has more than %(limit)s rows. Split it into smaller files.")
MISSING_COLUMNS = gettext_lazy("The header row lacks the columns: %(columns)s.")
UNKNOWN_COLUMNS = gettext_lazy("The header row has columns we do not know: %(columns)s.")


@dataclass
class RowProblem:
    row: int
    message: str
    name: str = ""


@dataclass
class PlannedInitiative:
    """A checked row: everything ``initiative_create`` (and a transfer) needs."""

    row: int
    name: str
    kind: str
    committee: Committee
    areas: list[Area]
    districts: list[District]
    target_groups: list[str]
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    frequency: str
    contact: str
    description: str
    published: bool
    previous_committee: Committee | None
    transferred_on: datetime.date | None
    decision_reference: str


@dataclass
class ImportPlan:
    rows: list[PlannedInitiative] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _key(text) -> str:
    """Return a lookup key that ignores case, surrounding space and the kind of dash."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold().replace("–", "-").replace("—", "-")


def _column_key(text) -> str:
    """Return a header's column key: 'Ansvarig nämnd' and 'ansvarig_namnd' are the same column."""
    plain = _key(text).translate(str.maketrans("åäöé", "aaoe"))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


# Reading the file ------------------------------------------------------------------------------------


def read_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    """Return (spreadsheet row number, {column key: value}) for every non-empty row, or raise DomainError."""
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainError(FILE_TOO_LARGE % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}, code="too_large")
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "csv":
        table = _csv_table(content)
    elif suffix == "xlsx":
        table = _xlsx_table(content)
    else:
        raise DomainError(NOT_A_SPREADSHEET, code="not_a_spreadsheet")
    return _rows_under_header(table)


def _csv_table(content: bytes) -> list[list]:
    """Read CSV in UTF-8 (with or without BOM) or Windows-1252, separated by semicolons, commas or tabs."""
    if b"\x00" in content or content.startswith(b"PK\x03\x04"):
        raise DomainError(FILE_UNREADABLE % {"kind": "CSV"}, code="unreadable")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise DomainError(FILE_UNREADABLE % {"kind": "CSV"}, code="unreadable") from error


def _xlsx_table(content: bytes) -> list[list]:
    """Read the first sheet of an Excel workbook, values only (formulas as their last computed value)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 2)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError) as error:
        raise DomainError(FILE_UNREADABLE % {"kind": "Excel (.xlsx)"}, code="unreadable") from error
    return table


def _is_blank(row: Iterable) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


def _rows_under_header(table: list[list]) -> list[tuple[int, dict]]:
    """Check the header row and pair every later non-empty row with the column keys."""
    table = list(table)
    while table and _is_blank(table[-1]):
        table.pop()
    if len(table) < 2:
        raise DomainError(FILE_EMPTY, code="empty")
    if len(table) - 1 > MAX_IMPORT_ROWS:
        raise DomainError(TOO_MANY_ROWS % {"limit": MAX_IMPORT_ROWS}, code="too_many_rows")
    header = [_column_key(value) if value is not None else "" for value in table[0]]
    while header and header[-1] == "":
        header.pop()
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise DomainError(MISSING_COLUMNS % {"columns": ", ".join(missing)}, code="missing_columns")
    unknown = [column or "(tom)" for column in header if column not in COLUMNS]
    if unknown:
        raise DomainError(UNKNOWN_COLUMNS % {"columns": ", ".join(unknown)}, code="unknown_columns")
    return [
        (number, {column: _cell(row, index) for index, column in enumerate(header)})
        for number, row in enumerate(table[1:], start=2)
        if not _is_blank(row)
    ]


def _cell(row: list, index: int):
    value = row[index] if index < len(row) else None
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def former_district_committee(district: District) -> Committee:
    """Return the (unsaved) committee of a former district: closed in 2020, kept for the history."""
    return Committee(
        slug=f"stadsdelsnamnd-{district.slug}",
        name=f"Stadsdelsnämnden {district.name}",
        name_en=f"District Committee {district.name}",
        kind=Committee.Kind.FORMER_DISTRICT,
        area=district.area,
        serves_all_areas=False,
        active=False,
    )


# Checking the rows -----------------------------------------------------------------------------------


def _choice_lookup(choices: type[TextChoices]) -> dict[str, str]:
    """Map each choice's code and its Swedish and English names to the code."""
    lookup = {}
    for language in ("en", "sv"):
        with translation.override(language):
            lookup.update({_key(label): value for value, label in choices.choices if value})
    lookup.update({_key(value): value for value in choices.values if value})
    return lookup


class _Lookups:
    """Everything a row refers to, loaded once for the whole file (a constant number of queries)."""

    def __init__(self):
        self.areas = {_key(name): area for area in Area.objects.all() for name in (area.name, area.slug)}
        self.all_areas = list({area.pk: area for area in self.areas.values()}.values())
        districts = list(District.objects.select_related("area"))
        self.districts = {_key(name): district for district in districts for name in (district.name, district.slug)}
        # The import creates a missing former district committee, so a dry run already knows its name.
        self.committees: dict[str, Committee] = {}
        for committee in [*(former_district_committee(district) for district in districts), *Committee.objects.all()]:
            for name in (committee.name, committee.name_en, committee.slug):
                if name:
                    self.committees[_key(name)] = committee
        self.existing_names = {_key(name) for name in Initiative.objects.values_list("name", flat=True)}
        self.kinds = _choice_lookup(Initiative.Kind)
        self.statuses = _choice_lookup(Initiative.Status)
        self.frequencies = _choice_lookup(Initiative.Frequency)
        self.groups = _choice_lookup(TargetGroup.Group)


class _RowChecker:
    """Turn one row into a PlannedInitiative, collecting every problem instead of stopping at the first."""

    def __init__(self, number: int, values: dict, lookups: _Lookups):
        self.number, self.values, self.lookups = number, values, lookups
        self.problems: list[str] = []

    def text(self, column: str, max_length: int) -> str:
        value = str(self.values.get(column, "") or "").strip()
        if len(value) > max_length:
            self.problems.append(
                _("The column “%(column)s” is longer than %(limit)s characters.")
                % {"column": column, "limit": max_length}
            )
        return value

    def choice(self, column: str, lookup: dict[str, str], message: str, *, required: bool = True) -> str:
        raw = str(self.values.get(column, "") or "").strip()
        if not raw:
            if required:
                self.problems.append(_("The column “%(column)s” is empty.") % {"column": column})
            return ""
        if _key(raw) not in lookup:
            self.problems.append(message % {"value": raw})
            return ""
        return lookup[_key(raw)]

    def committee(self, column: str, *, required: bool) -> Committee | None:
        raw = str(self.values.get(column, "") or "").strip()
        if not raw:
            if required:
                self.problems.append(_("The column “%(column)s” is empty.") % {"column": column})
            return None
        committee = self.lookups.committees.get(_key(raw))
        if committee is None:
            self.problems.append(_("Unknown committee “%(value)s”.") % {"value": raw})
        return committee

    def listed(self, column: str) -> list[str]:
        return [part.strip() for part in re.split(r"[;,\n]", str(self.values.get(column, "") or "")) if part.strip()]

    def areas(self) -> list[Area]:
        names = self.listed("omraden")
        if any(_key(name) in ALL_AREAS for name in names):
            return self.lookups.all_areas
        if not names:
            self.problems.append(_("The column “%(column)s” is empty.") % {"column": "omraden"})
        return self._resolve(names, self.lookups.areas, _("Unknown area “%(value)s”."))

    def districts(self) -> list[District]:
        return self._resolve(self.listed("stadsdelar"), self.lookups.districts, _("Unknown district “%(value)s”."))

    def target_groups(self) -> list[str]:
        names = self.listed("malgrupper")
        if not names:
            self.problems.append(_("The column “%(column)s” is empty.") % {"column": "malgrupper"})
        return self._resolve(names, self.lookups.groups, _("Unknown target group “%(value)s”."))

    def _resolve(self, names: list[str], lookup: dict, message: str) -> list:
        found = []
        for name in names:
            if _key(name) in lookup:
                found.append(lookup[_key(name)])
            else:
                self.problems.append(message % {"value": name})
        return found

    def date(self, column: str) -> datetime.date | None:
        value = self.values.get(column, "")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        raw = str(value or "").strip()
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            self.problems.append(
                _("The date “%(value)s” in the column “%(column)s” is not a date. Write it as 2021-01-31.")
                % {"value": raw, "column": column}
            )
            return None

    def published(self) -> bool:
        raw = _key(self.values.get("publicerad", "") or "")
        if raw not in YES | NO:
            self.problems.append(_("Write “ja” or “nej” in the column “publicerad”, not “%(value)s”.") % {"value": raw})
        return raw in YES


def _check_row(number: int, values: dict, lookups: _Lookups) -> tuple[PlannedInitiative | None, list[str]]:
    """Check one row; return the planned initiative (None if anything is wrong) and the row's problems."""
    check = _RowChecker(number, values, lookups)
    name = check.text("namn", 200)
    if not name:
        check.problems.append(_("The initiative has no name (the column “namn” is empty)."))
    planned = PlannedInitiative(
        row=number,
        name=name,
        kind=check.choice("typ", lookups.kinds, _("Unknown kind “%(value)s”.")),
        committee=check.committee("ansvarig_namnd", required=True),
        areas=check.areas(),
        districts=check.districts(),
        target_groups=check.target_groups(),
        status=check.choice("status", lookups.statuses, _("Unknown status “%(value)s”.")),
        started_on=check.date("startdatum"),
        ended_on=check.date("slutdatum"),
        frequency=check.choice("frekvens", lookups.frequencies, _("Unknown frequency “%(value)s”."), required=False),
        contact=check.text("kontakt", 200),
        description=check.text("beskrivning", 4000),
        published=check.published(),
        previous_committee=check.committee("tidigare_namnd", required=False),
        transferred_on=check.date("overford_datum"),
        decision_reference=check.text("beslut", 200),
    )
    if bool(str(values.get("tidigare_namnd", "") or "").strip()) != bool(values.get("overford_datum")):
        check.problems.append(_("A transfer needs both “tidigare_namnd” and “overford_datum”."))
    check.problems += _date_problems(planned)
    return (None if check.problems else planned), check.problems


def _date_problems(planned: PlannedInitiative) -> list[str]:
    """Return what is wrong with the row's dates and its transfer from a previous committee."""
    problems = []
    if planned.started_on and planned.ended_on and planned.ended_on < planned.started_on:
        problems.append(_("The end date is before the start date."))
    if planned.transferred_on:
        if planned.transferred_on > timezone.localdate():
            problems.append(_("The transfer date cannot be in the future."))
        if planned.started_on and planned.transferred_on < planned.started_on:
            problems.append(_("The transfer date is before the start date."))
    if planned.previous_committee and planned.previous_committee == planned.committee:
        problems.append(_("The previous committee is the same as the responsible committee."))
    return problems


def plan_import(rows: list[tuple[int, dict]]) -> ImportPlan:
    """Check every row against the database and the other rows of the file; write nothing."""
    lookups = _Lookups()
    plan = ImportPlan()
    first_row_of_name: dict[str, int] = {}
    for number, values in rows:
        planned, problems = _check_row(number, values, lookups)
        name_key = _key(values.get("namn", "") or "")
        if name_key and name_key in first_row_of_name:
            problems.append(_("The name is also on row %(row)s.") % {"row": first_row_of_name[name_key]})
        elif name_key in lookups.existing_names:
            problems.append(_("There is already an initiative with this name in the inventory."))
        first_row_of_name.setdefault(name_key, number)
        name = str(values.get("namn", "") or "")[:200]
        plan.problems += [RowProblem(number, problem, name) for problem in problems]
        if planned and not problems:
            plan.rows.append(planned)
    return plan


def accepted_values() -> list[tuple[str, list[str]]]:
    """Return the accepted words per choice column, in the current language, for the upload page."""
    return [
        ("typ", [str(label) for _value, label in Initiative.Kind.choices]),
        ("status", [str(label) for _value, label in Initiative.Status.choices]),
        ("malgrupper", [str(label) for _value, label in TargetGroup.Group.choices]),
        ("frekvens", [str(label) for value, label in Initiative.Frequency.choices if value]),
    ]
