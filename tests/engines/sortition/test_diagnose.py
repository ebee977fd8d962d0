"""Infeasible quotas: the reason in plain words and the smallest relaxation, checked against the reference."""

from __future__ import annotations

import dataclasses

import pytest

from delaktig.engines.sortition import InfeasibleQuotasError, Quotas, diagnose, select

from .conftest import from_rows, shared

PEOPLE = [[f"p{i}", "a" if i < 3 else "b", "x" if i % 2 else "y"] for i in range(10)]


def quota_rows(**changes):
    rows = {"ga": ["g", "a", 1, 3], "gb": ["g", "b", 1, 4], "hx": ["h", "x", 1, 4], "hy": ["h", "y", 1, 4]}
    rows.update(changes)
    return list(rows.values())


def test_feasible_quotas_have_no_problems():
    pool, quotas = from_rows(["g", "h"], PEOPLE, quota_rows())
    assert diagnose(pool, quotas, 5) == []


@pytest.mark.parametrize(
    ("changes", "size", "code", "words"),
    [
        ({"ga": ["g", "a", 3, 3], "gb": ["g", "b", 4, 4]}, 5, "min_sum_above_size", "add up to 7, more than"),
        ({"ga": ["g", "a", 0, 1], "gb": ["g", "b", 0, 2]}, 5, "max_sum_below_size", "add up to 3, less than"),
        ({"ga": ["g", "a", 4, 5]}, 5, "too_few_people", "Only 3 people in the pool have g = a"),
        ({}, 11, "pool_too_small", "room for only 10 panel members"),
    ],
)
def test_simple_problems_are_named_in_plain_words(changes, size, code, words):
    pool, quotas = from_rows(["g", "h"], PEOPLE, quota_rows(**changes))
    problems = diagnose(pool, quotas, size)
    assert problems[0].code == code
    assert words in problems[0].message


def test_a_combination_that_cannot_be_met_is_found_and_relaxed():
    # Everyone with g = a has h = y or x; demand 3 of a and 0 of y among them is impossible together.
    people = [["p0", "a", "y"], ["p1", "a", "y"], ["p2", "a", "x"], ["p3", "b", "x"], ["p4", "b", "x"]]
    pool, quotas = from_rows(
        ["g", "h"], people, [["g", "a", 3, 3], ["g", "b", 0, 2], ["h", "x", 3, 3], ["h", "y", 0, 0]]
    )
    problems = diagnose(pool, quotas, 3)
    assert [p.code for p in problems] == ["no_panel"]
    assert "Smallest fix" in problems[0].message
    relaxed = {(q.feature, q.value): q for q in problems[0].relaxation}
    fixed = Quotas(tuple(relaxed.get((q.feature, q.value), q) for q in quotas.rows))
    assert diagnose(pool, fixed, 3) == []


def test_select_refuses_infeasible_quotas_with_the_problems():
    pool, quotas = from_rows(["g", "h"], PEOPLE, quota_rows(ga=["g", "a", 4, 5]))
    with pytest.raises(InfeasibleQuotasError) as error:
        select(pool, quotas, 5)
    assert error.value.problems[0].code == "too_few_people"
    assert error.value.problems[0].relaxation[0].min == 3


def test_flex_bounds_can_forbid_any_relaxation():
    pool, quotas = from_rows(["g", "h"], PEOPLE, quota_rows(ga=["g", "a", 4, 5]))
    stiff = Quotas(tuple(dataclasses.replace(q, min_flex=q.min) for q in quotas.rows))
    assert diagnose(pool, stiff, 5)[-1].code == "cannot_relax"


def test_relaxation_costs_the_same_as_the_references_on_sa_fixture():
    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation.common import _relax_infeasible_quotas

    pool, quotas, size = shared("sa_fixture")
    # Nobody in the pool is non-binary, and the gender minimums add up to more than the panel.
    demands = {"Female": (12, 12), "Male": (11, 11), "Non-binary or other": (1, 1)}
    tight = Quotas(
        tuple(
            dataclasses.replace(q, min=demands[q.value][0], max=demands[q.value][1]) if q.value in demands else q
            for q in quotas.rows
        )
    )
    problems = diagnose(pool, tight, size)
    assert problems
    ours = {(q.feature, q.value): q for p in problems for q in p.relaxation}
    features, _, _ = read_in_features(
        ["feature", "value", "min", "max"],
        [{"feature": q.feature, "value": q.value, "min": str(q.min), "max": str(q.max)} for q in tight.rows],
    )
    settings = Settings(id_column="id", columns_to_keep=[])
    header = ["id", *pool.features]
    people, _ = read_in_people(
        header,
        [dict(zip(header, [i, *v], strict=True)) for i, v in zip(pool.ids, pool.values, strict=True)],
        features,
        settings,
    )
    relaxed, _ = _relax_infeasible_quotas(features, people, size, [])

    def cost(rows):
        total = 0.0
        for quota in tight.rows:
            new = rows.get((quota.feature, quota.value), quota)
            drop_weight = 1 + 2 / quota.min if quota.min else 0.0
            total += drop_weight * (quota.min - new.min) + (new.max - quota.max)
        return total

    theirs = {(f, v): relaxed[f][v] for f in relaxed for v in relaxed[f]}
    assert cost(ours) == pytest.approx(cost(theirs))
