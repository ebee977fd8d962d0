"""The panel finder's local search and pricing: whatever the weights, panels keep quotas and households."""

from __future__ import annotations

import io

import highspy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delaktig.engines.sortition import read_people, read_quotas
from delaktig.engines.sortition import solver as solver_module
from delaktig.engines.sortition.groups import build_instance
from delaktig.engines.sortition.leximin import leximin
from delaktig.engines.sortition.solver import Columns, PanelFinder, quiet_highs

from .conftest import csv_text, shared


def household_instance(size: int = 4):
    """Return the counting problem of 12 people in 6 two-person homes, quotas on one feature."""
    people = [[f"p{i}", "a" if i % 3 else "b", f"street {i // 2}"] for i in range(12)]
    quota_rows = [["g", "a", 2, 3], ["g", "b", 1, 2]]
    quotas = read_quotas(io.StringIO(csv_text([["feature", "value", "min", "max"], *quota_rows])))
    pool = read_people(io.StringIO(csv_text([["id", "g", "street"], *people])), quotas, address_columns=["street"])
    return build_instance(pool, quotas, size)


def assert_valid(instance, panel):
    counts = instance.incidence @ panel
    assert panel.sum() == instance.size
    assert np.all((panel >= 0) & (panel <= instance.sizes))
    assert np.all((instance.lower <= counts) & (counts <= instance.upper))
    for groups in instance.housemates:
        assert panel[list(groups)].sum() <= 1


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_local_search_keeps_quotas_and_households_for_any_weights(seed):
    rng = np.random.default_rng(seed)
    for instance in (household_instance(), build_instance(*shared("sa_fixture"))):
        finder, columns = PanelFinder(instance), Columns(instance)
        for _ in range(3):
            columns.add(finder.best(rng.random(instance.group_count)).composition)
        weights = rng.random(instance.group_count) * (rng.random(instance.group_count) < 0.5)
        climbed = finder.climb(weights, columns.counts)
        for start, panel in zip(columns.counts, climbed, strict=True):
            assert_valid(instance, panel)
            assert weights @ panel >= weights @ start


def test_pricing_returns_only_new_panels_above_the_limit_and_none_when_the_limit_is_out_of_reach():
    instance = build_instance(*shared("sa_fixture"))
    finder, columns = PanelFinder(instance), Columns(instance)
    weights = np.linspace(0.0, 1.0, instance.group_count)
    best = finder.best(weights).value
    found = columns.price(finder, weights, best - 1.0)
    assert found and all(weights @ panel > best - 1.0 for panel in found)
    for panel in found:
        assert_valid(instance, panel)
    assert columns.price(finder, weights, best + 1e-6) == []
    assert len(columns.counts) == len({panel.tobytes() for panel in columns.counts})


def default_threads_solve() -> highspy.HighsModelStatus:
    """Solve a tiny LP the way a library keeping HiGHS's default thread count does (the test oracle)."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.addVars(2, np.zeros(2), np.ones(2))
    highs.changeColsCost(2, np.arange(2, dtype=np.int32), np.array([-1.0, -1.0]))
    highs.addRow(-highspy.kHighsInf, 1.5, 2, np.arange(2, dtype=np.int32), np.ones(2))
    highs.run()
    return highs.getModelStatus()


def test_the_engine_solves_single_threaded_after_and_before_a_library_with_default_threads():
    # A process where another library sized HiGHS's scheduler first, as in the peer comparisons.
    highspy.Highs.resetGlobalScheduler(True)
    solver_module._scheduler_sized_for_one_thread.cache_clear()
    assert default_threads_solve() == highspy.HighsModelStatus.kOptimal
    _panels, _weights, probabilities = leximin(build_instance(*shared("sa_fixture")))
    assert quiet_highs().getOptionValue("threads")[1] == 1
    assert probabilities.min() == pytest.approx(1 / 11, abs=1e-6)
    assert default_threads_solve() == highspy.HighsModelStatus.kOptimal
