"""Shared data, recorded oracle answers and small helpers for the sortition tests."""

from __future__ import annotations

import io
import json

import numpy as np

from delaktig.engines.sortition import Distribution, Pool, Quotas, read_people, read_quotas
from tests.engines import shared_data

SHARED_DATA = shared_data.SHARED_DATA / "sortition"
ORACLE = shared_data.REPO_ROOT / "tests" / "fixtures" / "sortition" / "oracle.json"

# (quota file, people file, id column, panel size) of the shared instances.
SHARED = {
    "example_small_20": ("converted/example_small_20/features.csv", "converted/example_small_20/people.csv", "id", 20),
    "example_large_200": (
        "converted/example_large_200/features.csv",
        "converted/example_large_200/people.csv",
        "id",
        200,
    ),
    "sa_fixture": ("sa_fixture/features.csv", "sa_fixture/candidates.csv", "nationbuilder_id", 22),
}


def shared(name: str) -> tuple[Pool, Quotas, int]:
    """Return (pool, quotas, size) of a shared instance, skipping the test when the data is absent."""
    shared_data.shared_path("sortition")
    quota_file, people_file, id_column, size = SHARED[name]
    quotas = read_quotas(SHARED_DATA / quota_file)
    return read_people(SHARED_DATA / people_file, quotas, id_column=id_column), quotas, size


def oracle() -> dict:
    """Return the recorded answers of sortition-algorithms (see record_oracle.py)."""
    return json.loads(ORACLE.read_text())


def from_rows(features: list[str], people: list[list[str]], quota_rows: list[list]) -> tuple[Pool, Quotas]:
    """Return (pool, quotas) from in-memory rows, read through the CSV readers."""
    quotas = read_quotas(io.StringIO(csv_text([["feature", "value", "min", "max"], *quota_rows])))
    return read_people(io.StringIO(csv_text([["id", *features], *people])), quotas), quotas


def csv_text(rows: list[list]) -> str:
    """Return rows as CSV text."""
    return "".join(",".join(map(str, row)) + "\n" for row in rows)


def panel_members(distribution: Distribution, composition: np.ndarray) -> list[list[int]]:
    """Return every group's members with seats in a composition, as lists of pool indexes."""
    return [list(group) for group, seats in zip(distribution.groups, composition, strict=True) if seats]


def assert_panels_meet_quotas(distribution: Distribution) -> None:
    """Check every panel type: size, quotas, seats within group sizes, one person per household."""
    pool, quotas = distribution.pool, distribution.quotas
    column = {feature: i for i, feature in enumerate(pool.features)}
    for composition in distribution.compositions:
        assert composition.sum() == distribution.size
        assert all(0 <= s <= len(g) for s, g in zip(composition, distribution.groups, strict=True))
        for quota in quotas.rows:
            seats = sum(
                s
                for s, g in zip(composition, distribution.groups, strict=True)
                if pool.values[g[0]][column[quota.feature]] == quota.value
            )
            assert quota.min <= seats <= quota.max, (quota, seats)
        if distribution.households and pool.households:
            seated_households = [
                pool.household_of(g[0]) for s, g in zip(composition, distribution.groups, strict=True) if s
            ]
            shared_seats = [
                h
                for h in seated_households
                if h is not None and sum(pool.household_of(i) == h for i in range(len(pool))) > 1
            ]
            assert len(shared_seats) == len(set(shared_seats))
