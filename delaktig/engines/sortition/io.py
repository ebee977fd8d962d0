"""Read the Sortition Foundation's quota and people CSV files (and the replication format).

Quota files have one row per (feature, value) with integer ``min`` and ``max``; the header is
``feature,value,min,max`` or ``category,name,min,max`` (either with optional ``min_flex,max_flex``),
or the Nature paper's replication format ``category,feature,min,max`` where ``feature`` is the value.
People files have an id column (the first column unless named) and one column per quota feature.
Headers and values are matched without regard to case or surrounding spaces, as the Sortition
Foundation's software does; other columns (names, contact details, "Current #") are ignored.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from delaktig.engines.errors import EngineInputError
from delaktig.engines.sortition.model import Pool, Quota, Quotas

Source = str | os.PathLike[str] | TextIO

# (feature column, value column) pairs in order of preference.
QUOTA_LAYOUTS = (("feature", "value"), ("category", "name"), ("category", "feature"))
VALUE_ALIASES = ("category value", "category_value", "category-value")


def read_quotas(source: Source, *, name: str | None = None) -> Quotas:
    """Return the quota table of a CSV file or stream, refusing rows a person must fix first."""
    label, rows = _read_csv(source, name)
    header = rows[0] if rows else []
    columns = _quota_columns(label, header)
    quotas: list[Quota] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in _body(rows):
        quota = _quota_row(label, line, row, columns)
        if quota is None:
            continue
        key = (quota.feature.casefold(), quota.value.casefold())
        if key in seen:
            raise EngineInputError(
                f"{label}, line {line}: {quota.feature}/{quota.value} is already given on line {seen[key]}"
            )
        seen[key] = line
        quotas.append(quota)
    if not quotas:
        raise EngineInputError(f"{label}: no quota rows")
    return Quotas(_merge_feature_spelling(quotas))


def read_people(
    source: Source,
    quotas: Quotas,
    *,
    id_column: str | None = None,
    address_columns: Sequence[str] = (),
    name: str | None = None,
) -> Pool:
    """Return the pool in a people CSV, with each value spelled as in ``quotas``.

    Every quota feature must be a column and every value must have a quota row, so that no one
    is silently dropped from the lottery. With ``address_columns``, people whose addresses agree
    on all of them (ignoring case) form one household; a person with no address is in none.
    """
    label, rows = _read_csv(source, name)
    if not rows:
        raise EngineInputError(f"{label}: the file is empty")
    header = [cell.strip() for cell in rows[0]]
    id_index = _column_index(label, header, id_column or header[0], "id column")
    feature_indexes = [_column_index(label, header, f, "quota feature") for f in quotas.features]
    address_indexes = [_column_index(label, header, a, "address column") for a in address_columns]
    spellings = {f: {v.casefold(): v for v in quotas.values(f)} for f in quotas.features}
    ids: list[str] = []
    values: list[tuple[str, ...]] = []
    households: list[str | None] = []
    first_line: dict[str, int] = {}
    for line, row in _body(rows):
        person = _cell(row, id_index)
        if not person:
            raise EngineInputError(f"{label}, line {line}: the id column '{header[id_index]}' is empty")
        if person in first_line:
            raise EngineInputError(f"{label}, line {line}: id '{person}' is already used on line {first_line[person]}")
        first_line[person] = line
        ids.append(person)
        values.append(tuple(_person_value(label, line, row, header, spellings, feature_indexes)))
        address = [_cell(row, i).casefold() for i in address_indexes]
        households.append("\x1f".join(address) if any(address) else None)
    return Pool(tuple(ids), quotas.features, tuple(values), tuple(households) if address_columns else ())


def _read_csv(source: Source, name: str | None) -> tuple[str, list[list[str]]]:
    """Return a label for messages and the rows of a CSV file or stream (a byte-order mark is dropped)."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        with path.open(newline="", encoding="utf-8-sig") as handle:
            label, rows = name or path.name, list(csv.reader(handle))
    else:
        label, rows = name or getattr(source, "name", "<input>"), list(csv.reader(source))
    if rows and rows[0]:
        rows[0][0] = rows[0][0].removeprefix("\ufeff")
    return label, rows


def _body(rows: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, row) for the non-blank rows after the header."""
    for line, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            yield line, row


def _cell(row: list[str], index: int) -> str:
    """Return a stripped cell, empty when the row is short."""
    return row[index].strip() if index < len(row) else ""


def _column_index(label: str, header: list[str], column: str, role: str) -> int:
    """Return the position of a column named ``column`` (ignoring case), or say that it is missing."""
    folded = [cell.casefold() for cell in header]
    matches = [i for i, cell in enumerate(folded) if cell == column.strip().casefold()]
    if not matches:
        raise EngineInputError(f"{label}, line 1: {role} '{column}' is not a column of this file")
    if len(matches) > 1:
        raise EngineInputError(f"{label}, line 1: {role} '{column}' appears {len(matches)} times in the header")
    return matches[0]


def _quota_columns(label: str, header: list[str]) -> dict[str, int | None]:
    """Return where the feature, value, min, max and flex columns are in a quota header."""
    folded = [cell.strip().casefold() for cell in header]
    for feature, value in QUOTA_LAYOUTS:
        if feature in folded and value in folded and feature != value:
            break
    else:
        feature = "feature" if "feature" in folded else "category"
        value = next((alias for alias in VALUE_ALIASES if alias in folded), "")
        if feature not in folded or not value:
            raise EngineInputError(
                f"{label}, line 1: expected columns feature,value,min,max (or category,name,min,max "
                f"or category,feature,min,max), found {','.join(header)}"
            )
    for required in ("min", "max"):
        if required not in folded:
            raise EngineInputError(f"{label}, line 1: the column '{required}' is missing")
    names = {"feature": feature, "value": value, "min": "min", "max": "max"}
    names |= {"min_flex": "min_flex", "max_flex": "max_flex"}
    return {role: folded.index(col) if col in folded else None for role, col in names.items()}


def _quota_row(label: str, line: int, row: list[str], columns: dict[str, int | None]) -> Quota | None:
    """Return the quota on one line, None for a row without a feature name."""
    feature = _cell(row, columns["feature"] or 0)
    if not feature:
        return None
    value = _cell(row, columns["value"] or 0)
    if not value:
        raise EngineInputError(f"{label}, line {line}: the value of feature '{feature}' is empty")
    where = f"{label}, line {line} ({feature}/{value})"
    low = _integer(where, row, columns["min"], "min")
    high = _integer(where, row, columns["max"], "max")
    if low is None or high is None:
        raise EngineInputError(f"{where}: min and max are required")
    if low > high:
        raise EngineInputError(f"{where}: min {low} is above max {high}")
    min_flex = _integer(where, row, columns["min_flex"], "min_flex")
    max_flex = _integer(where, row, columns["max_flex"], "max_flex")
    if min_flex is not None and min_flex > low:
        raise EngineInputError(f"{where}: min_flex {min_flex} is above min {low}")
    if max_flex is not None and max_flex < high:
        raise EngineInputError(f"{where}: max_flex {max_flex} is below max {high}")
    return Quota(feature, value, low, high, min_flex or 0, max_flex)


def _integer(where: str, row: list[str], index: int | None, column: str) -> int | None:
    """Return a non-negative whole number from a cell, None when the column or cell is absent."""
    text = _cell(row, index) if index is not None else ""
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise EngineInputError(f"{where}: {column} '{text}' is not a whole number") from None
    if number < 0:
        raise EngineInputError(f"{where}: {column} {number} is negative")
    return number


def _merge_feature_spelling(quotas: list[Quota]) -> tuple[Quota, ...]:
    """Spell each feature as on its first row, since rows may differ only in case."""
    first = {}
    for quota in quotas:
        first.setdefault(quota.feature.casefold(), quota.feature)
    return tuple(Quota(first[q.feature.casefold()], q.value, q.min, q.max, q.min_flex, q.max_flex) for q in quotas)


def _person_value(
    label: str,
    line: int,
    row: list[str],
    header: list[str],
    spellings: dict[str, dict[str, str]],
    feature_indexes: list[int],
) -> Iterator[str]:
    """Yield one person's values in feature order, refusing a value without a quota row."""
    for (feature, known), index in zip(spellings.items(), feature_indexes, strict=True):
        value = _cell(row, index)
        if value.casefold() not in known:
            shown = f"value '{value}'" if value else "an empty value"
            raise EngineInputError(
                f"{label}, line {line}: column '{header[index]}' has {shown}, which has no row for "
                f"feature '{feature}' in the quotas"
            )
        yield known[value.casefold()]
