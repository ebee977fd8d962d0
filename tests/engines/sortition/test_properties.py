"""Invariants on random pools with households: quotas and household rules hold, probabilities add up."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from delaktig.engines.sortition import diagnose, draw, read_people, read_quotas, select

from .conftest import assert_panels_meet_quotas, csv_text


@st.composite
def pools(draw_value):
    """Draw a small pool (2 features, some shared addresses), quotas around the shares, and a size."""
    people = draw_value(st.integers(6, 14))
    genders = draw_value(st.lists(st.sampled_from("fm"), min_size=people, max_size=people))
    ages = draw_value(st.lists(st.sampled_from("yo"), min_size=people, max_size=people))
    homes = draw_value(st.lists(st.integers(0, people - 1), min_size=people, max_size=people))
    size = draw_value(st.integers(2, max(2, people // 2)))
    slack = draw_value(st.integers(0, 2))
    rows = [[f"p{i}", genders[i], ages[i], f"home {homes[i]}"] for i in range(people)]
    quota_rows = []
    for feature, values in (("gender", genders), ("age", ages)):
        for value in sorted(set(values)):
            share = values.count(value) * size / people
            quota_rows.append([feature, value, max(0, int(share) - slack), min(size, int(share) + 1 + slack)])
    quotas = read_quotas(io.StringIO(csv_text([["feature", "value", "min", "max"], *quota_rows])))
    pool = read_people(
        io.StringIO(csv_text([["id", "gender", "age", "home"], *rows])), quotas, address_columns=["home"]
    )
    return pool, quotas, size


@pytest.mark.parametrize("algorithm", ["leximin", "maximin", "legacy"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(instance=pools(), seed=st.text(max_size=20))
def test_every_panel_keeps_quotas_and_households(algorithm, instance, seed):
    pool, quotas, size = instance
    assume(not diagnose(pool, quotas, size))
    distribution = select(pool, quotas, size, algorithm=algorithm, legacy_runs=20)
    assert_panels_meet_quotas(distribution)
    assert sum(distribution.probabilities.values()) == pytest.approx(size, abs=1e-7)
    assert all(-1e-9 <= p <= 1 + 1e-9 for p in distribution.probabilities.values())
    result = draw(distribution, seed)
    assert len(result.panel) == size
    homes = [pool.household_of(pool.ids.index(person)) for person in result.panel]
    assert len(homes) == len(set(homes))
    assert draw(distribution, seed) == result
