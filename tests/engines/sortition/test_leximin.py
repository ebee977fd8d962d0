"""Completing the walk: its panels keep their weights, and its last ones are taken back until the rest is a lottery."""

from __future__ import annotations

import numpy as np
import pytest

from delaktig.engines.sortition import leximin as module
from delaktig.engines.sortition.decompose import Walk, decompose
from delaktig.engines.sortition.groups import build_instance
from delaktig.engines.sortition.leximin import _complete
from delaktig.engines.sortition.relaxation import relaxed_leximin
from delaktig.engines.sortition.solver import PanelFinder

from .conftest import from_rows, shared
from .test_relaxation import odd_cycle
from .test_solver import assert_valid, household_instance


def cycle_with_spare():
    """Return the odd cycle of ``odd_cycle`` with a fifth person like w: w and u form one group of two.

    Groups x, y, z, wu. The panels are (0, 0, 0, 2) and one of x, y, z beside one of w, u, so a
    lottery gives x, y and z at most one seat in all and the group wu at least one; the point
    (1/2, 1/2, 1/2, 1/2) of the relaxation is no lottery.
    """
    people = [["x", "yes", "yes", "no"], ["y", "no", "yes", "yes"], ["z", "yes", "no", "yes"]]
    people += [["w", "no", "no", "no"], ["u", "no", "no", "no"]]
    quotas = [[f, value, 0, 1 if value == "yes" else 2] for f in ("f1", "f2", "f3") for value in ("yes", "no")]
    return build_instance(*from_rows(["f1", "f2", "f3"], people, quotas), 2)


def assert_lottery_gives(instance, lottery, target):
    panels, weights = lottery
    for panel in panels:
        assert_valid(instance, panel)
    assert np.all(weights >= 0)
    assert weights.sum() == pytest.approx(1.0, abs=1e-9)
    assert np.abs(weights @ panels - target).max() < 1e-9


def test_completion_takes_back_more_panels_until_the_rest_is_a_lottery(monkeypatch):
    instance = cycle_with_spare()
    assert instance.sizes.tolist() == [1, 1, 1, 2]
    # The walk left the panels' hull: its remainder 0.25 · (1/2, 1/2, 1/2, 1/2) is no lottery, and with
    # the last panel taken back the group wu would get less than one seat. With both, it is a lottery.
    walk = Walk(np.array([[0, 0, 0, 2], [1, 0, 0, 1]]), np.array([0.25, 0.5]), np.full(4, 0.125), 0.25)
    target = walk.weights @ walk.panels + walk.residual
    monkeypatch.setattr(module, "TAKE_BACK", 1)
    messages = []
    lottery = _complete(instance, walk, messages.append)
    assert_lottery_gives(instance, lottery, target)
    assert [m for m in messages if m.startswith("completing")] == [
        "completing the lottery on 4 groups from the last 1 panels",
        "completing the lottery on 4 groups from the last 2 panels",
    ]


@pytest.mark.parametrize("make", [lambda: build_instance(*shared("sa_fixture")), household_instance])
@pytest.mark.parametrize("cut", [1, 10, 40])
def test_completion_of_a_walk_cut_short_gives_the_relaxed_leximin_exactly(make, cut):
    instance = make()
    target = relaxed_leximin(instance) * instance.sizes
    walk = decompose(PanelFinder(instance), target)
    cut = min(cut, len(walk.weights))
    short = Walk(
        walk.panels[:-cut],
        walk.weights[:-cut],
        walk.residual + walk.weights[-cut:] @ walk.panels[-cut:],
        walk.mass + walk.weights[-cut:].sum(),
    )
    panels, weights = _complete(instance, short, None)
    assert_lottery_gives(instance, (panels, weights), target)
    # The first attempt takes back the last TAKE_BACK panels and reaches the target: the others keep their weights.
    kept = max(0, len(short.weights) - module.TAKE_BACK)
    np.testing.assert_array_equal(panels[:kept], short.panels[:kept])
    np.testing.assert_array_equal(weights[:kept], short.weights[:kept])


def test_completion_gives_up_when_no_lottery_reaches_the_target():
    instance = build_instance(*odd_cycle())
    target = relaxed_leximin(instance) * instance.sizes
    assert _complete(instance, decompose(PanelFinder(instance), target), None) is None
