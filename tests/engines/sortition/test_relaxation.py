"""LEXIMIN over the LP relaxation, and what ``select`` does when no lottery over panels reaches it."""

from __future__ import annotations

import numpy as np
import pytest

from delaktig.engines.sortition import select
from delaktig.engines.sortition.groups import build_instance
from delaktig.engines.sortition.relaxation import relaxed_leximin

from .conftest import assert_panels_meet_quotas, from_rows, shared


def odd_cycle():
    """Return a pool where the relaxation promises more than panels can give.

    x, y and z each pair up with another on one of three features, and each feature allows one
    "y" seat: a panel of two seats holds w and at most one of x, y, z (each 1/3 at best), but the
    relaxation seats half of each of x, y and z, giving everyone 1/2.
    """
    people = [["x", "yes", "yes", "no"], ["y", "no", "yes", "yes"], ["z", "yes", "no", "yes"], ["w", "no", "no", "no"]]
    quotas = [[f, value, 0, 1 if value == "yes" else 2] for f in ("f1", "f2", "f3") for value in ("yes", "no")]
    return (*from_rows(["f1", "f2", "f3"], people, quotas), 2)


@pytest.mark.parametrize("name", ["example_small_20", "sa_fixture"])
def test_relaxed_leximin_is_the_leximin_on_shared_instances(name):
    pool, quotas, size = shared(name)
    instance = build_instance(pool, quotas, size)
    exact = select(pool, quotas, size)
    relaxed = relaxed_leximin(instance)
    assert np.max(np.abs(relaxed - [exact.probabilities[pool.ids[group[0]]] for group in instance.members])) < 1e-9


def test_relaxation_promises_a_half_on_the_odd_cycle():
    pool, quotas, size = odd_cycle()
    assert relaxed_leximin(build_instance(pool, quotas, size)) == pytest.approx([0.5] * 4)


@pytest.mark.parametrize("algorithm", ["leximin", "maximin"])
def test_out_of_reach_relaxation_falls_back_to_exact_stages(algorithm):
    pool, quotas, size = odd_cycle()
    messages = []
    distribution = select(pool, quotas, size, algorithm=algorithm, progress=messages.append)
    assert_panels_meet_quotas(distribution)
    assert distribution.min_probability == pytest.approx(1 / 3)
    if algorithm == "leximin":
        assert distribution.probabilities == pytest.approx({"x": 1 / 3, "y": 1 / 3, "z": 1 / 3, "w": 1.0})
    assert any("stage by stage" in message for message in messages)
