"""LEXIMIN over the LP relaxation of the panels: an upper bound that is usually the answer.

A lottery gives group g an expected number of seats π_g. Every lottery's π lies in the polytope

    Q = {π : 0 ≤ π ≤ n, Σ π = k, lower ≤ A π ≤ upper, at most 1 per shared household},

the LP relaxation of the panel problem (n_g members in group g, k seats, A the quota rows). LEXIMIN
over Q needs no column generation: each stage is one LP in π and z, re-solved from the previous
basis after fixing the groups whose dual is positive (complementary slackness: no optimum lifts
them above z). When some lottery over real panels reaches Q's LEXIMIN vector, that vector is the
LEXIMIN over panels too, since no lottery can do better than Q allows; ``leximin`` then only has
to find that lottery. With two features the quota matrix is totally unimodular and Q is exactly
the hull of the panels; with more it is usually reachable as well, and ``leximin`` finds out.
"""

from __future__ import annotations

import highspy
import numpy as np

from delaktig.engines.sortition.groups import Instance
from delaktig.engines.sortition.solver import INF, add_rows, quiet_highs

# A dual value this large (relative to the unfixed duals, which sum to 1) marks a group as stuck.
STUCK = 1e-7


def relaxed_leximin(instance: Instance) -> np.ndarray:
    """Return each group's LEXIMIN probability over Q (groups Q cannot seat at all get 0)."""
    count = instance.group_count
    highs = _stage_lp(instance)
    fixed = np.full(count, np.nan)
    while np.isnan(fixed).any():
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            status = highs.modelStatusToString(highs.getModelStatus())
            raise RuntimeError(f"HiGHS could not solve the relaxed stage: {status}")
        level = max(0.0, highs.getInfo().objective_function_value)
        stuck = stuck_groups(fixed, -np.asarray(highs.getSolution().row_dual)[:count])
        fixed[stuck] = level
        for group in np.flatnonzero(stuck):
            highs.changeCoeff(int(group), count, 0.0)
            highs.changeRowBounds(int(group), level, INF)
    return fixed


def stuck_groups(fixed: np.ndarray, duals: np.ndarray) -> np.ndarray:
    """Return the unfixed groups with a positive dual (at least one: the unfixed duals sum to 1)."""
    free = np.isnan(fixed)
    stuck = free & (duals > STUCK)
    if not stuck.any():
        stuck[np.flatnonzero(free)[np.argmax(duals[free])]] = True
    return stuck


def _stage_lp(instance: Instance) -> highspy.Highs:
    """Return the first stage's LP over Q: maximise z with every group's probability π_g / n_g ≥ z.

    Variables: π (one per group), then z. Rows: one per group (π_g / n_g − z ≥ 0, so its dual is
    in the same units as the master LP's in ``leximin``), then the panel size, the quota rows and
    the shared households.
    """
    count = instance.group_count
    highs = quiet_highs()
    highs.addVars(count + 1, np.append(np.zeros(count), -INF), np.append(instance.sizes, INF))
    highs.changeColCost(count, 1.0)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    groups = np.arange(count)
    highs.addRows(
        count,
        np.zeros(count),
        np.full(count, INF),
        2 * count,
        (2 * groups).astype(np.int32),
        np.column_stack([groups, np.full(count, count)]).ravel().astype(np.int32),
        np.column_stack([1.0 / instance.sizes, -np.ones(count)]).ravel(),
    )
    add_rows(highs, np.append(np.ones(count), 0.0)[None, :], [instance.size], [instance.size])
    add_rows(highs, np.hstack([instance.incidence, np.zeros((len(instance.lower), 1))]), instance.lower, instance.upper)
    house = np.zeros((len(instance.housemates), count + 1))
    for row, groups in enumerate(instance.housemates):
        house[row, list(groups)] = 1.0
    add_rows(highs, house, np.full(len(house), -INF), np.ones(len(house)))
    return highs
