"""The public draw: the documented procedure, re-implemented here from the docstring, gives the same panel."""

from __future__ import annotations

import functools
import hashlib

import numpy as np
import pytest

from delaktig import __version__
from delaktig.engines.sortition import Distribution, draw, select
from delaktig.engines.sortition.lottery import inputs_sha256

from .conftest import from_rows, shared

SEED = "Lotto 2026-11-28: 3 9 14 21 27 33 35"


@functools.cache
def sa_fixture_lottery(algorithm: str = "leximin") -> Distribution:
    """Return the lottery for sa_fixture once per test run (several tests draw from it)."""
    pool, quotas, size = shared("sa_fixture")
    return select(pool, quotas, size, algorithm=algorithm)


def documented_draw(distribution: Distribution, seed: str) -> tuple[str, ...]:
    """Follow the five steps of the package docstring literally."""
    ids = distribution.pool.ids
    names = [min(ids[i] for i in group) for group in distribution.groups]
    panel_types = sorted(
        (sorted((names[g], int(s)) for g, s in enumerate(counts) if s), float(w))
        for counts, w in zip(distribution.compositions, distribution.weights, strict=True)
    )
    u = int(hashlib.sha256(("panel:" + seed).encode("utf-8")).hexdigest()[:13], 16) / 16**13
    running, chosen = 0.0, panel_types[-1][0]
    for seats, weight in panel_types:
        running += weight
        if u < running:
            chosen = seats
            break
    members = {names[g]: group for g, group in enumerate(distribution.groups)}
    drawn = []
    for name, count in chosen:
        tickets = sorted((hashlib.sha256(f"{seed}:{ids[i]}".encode()).hexdigest(), i) for i in members[name])
        drawn += [i for _, i in tickets[:count]]
    return tuple(ids[i] for i in sorted(drawn))


@pytest.mark.parametrize("seed", [SEED, "", "ÅÄÖ 42", "1"])
def test_the_draw_follows_the_documented_procedure(seed):
    distribution = sa_fixture_lottery()
    result = draw(distribution, seed)
    assert result.panel == documented_draw(distribution, seed)
    assert result == draw(distribution, seed)


def test_a_fixed_distribution_draws_the_same_panel_on_every_machine():
    pool, quotas = from_rows(
        ["g"], [[f"p{i}", "a" if i < 3 else "b"] for i in range(6)], [["g", "a", 1, 2], ["g", "b", 1, 2]]
    )
    groups = ((0, 1, 2), (3, 4, 5))
    distribution = Distribution(
        "leximin", pool, quotas, 3, groups, np.array([[1, 2], [2, 1]]), np.array([0.5, 0.5]), {}
    )
    # By hand: SHA-256("panel:demo") starts bccf212c994ff, u ≈ 0.7375, past the first type
    # [(p0, 1), (p3, 2)] (running total 0.5) into [(p0, 2), (p3, 1)]. Tickets SHA-256("demo:p…"):
    # p1 80d1… < p0 8a1f… < p2 8de1… seat p1 and p0; p4 134f… < p5 3409… < p3 d603… seats p4.
    assert draw(distribution, "demo").audit.uniform == 0xBCCF212C994FF / 16**13
    assert draw(distribution, "demo").panel == ("p0", "p1", "p4")


def test_every_person_is_drawn_about_as_often_as_promised():
    pool, quotas, size = shared("example_small_20")
    distribution = select(pool, quotas, size)
    counts = dict.fromkeys(pool.ids, 0)
    for number in range(2000):
        for person in draw(distribution, f"seed {number}", alternates=0).panel:
            counts[person] += 1
    rates = np.array(list(counts.values())) / 2000
    assert rates.mean() == pytest.approx(0.1)
    assert np.all(np.abs(rates - 0.1) < 0.06)


def test_the_audit_record_names_inputs_seed_algorithm_version_and_result():
    pool, quotas, size = shared("sa_fixture")
    distribution = sa_fixture_lottery("maximin")
    result = draw(distribution, SEED)
    audit = result.audit
    assert audit.seed == SEED
    assert audit.algorithm == "maximin"
    assert audit.engine_version == __version__
    assert audit.panel == result.panel
    assert audit.inputs_sha256 == inputs_sha256(pool, quotas, size, True)
    assert len(audit.distribution_sha256) == 64
    assert 0 <= audit.uniform < 1


def test_alternates_are_exactly_the_people_who_keep_every_quota():
    pool, quotas, size = shared("sa_fixture")
    distribution = sa_fixture_lottery()
    result = draw(distribution, SEED)
    index = {person: i for i, person in enumerate(pool.ids)}
    column = {feature: i for i, feature in enumerate(pool.features)}

    def keeps_quotas(panel):
        return all(
            quota.min <= sum(pool.values[i][column[quota.feature]] == quota.value for i in panel) <= quota.max
            for quota in quotas.rows
        )

    assert set(result.alternates) == set(result.panel)
    for member, alternates in result.alternates.items():
        rest = [index[p] for p in result.panel if p != member]
        valid = [p for p in pool.ids if p not in result.panel and keeps_quotas([*rest, index[p]])]
        assert set(alternates) <= set(valid)
        assert len(alternates) == min(3, len(valid))
        same = [p for p in valid if pool.values[index[p]] == pool.values[index[member]]]
        assert (
            list(alternates[: len(same)])
            == sorted(same, key=lambda p: hashlib.sha256(f"{SEED}:{p}".encode()).hexdigest())[:3]
        )
    assert sum(bool(a) for a in result.alternates.values()) >= size // 2
