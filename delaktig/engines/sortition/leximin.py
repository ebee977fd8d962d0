"""LEXIMIN and maximin by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021).

LEXIMIN makes the smallest selection probability as large as possible, then the next smallest,
and so on. Each stage solves, over the panels found so far, the dual LP

    minimise   ŷ − Σ_{g fixed} f_g · y_g
    subject to Σ_g y_g · c_g / n_g ≤ ŷ      for every known panel c (c_g members of group g, size n_g)
               Σ_{g not fixed} y_g = 1,  y ≥ 0,

whose optimum is the largest z such that every unfixed group can get probability z while fixed
groups keep f_g. The pricing MIP (``PanelFinder``) looks for a panel that violates a constraint;
if there is one it is added and the LP re-solved, otherwise the stage is optimal. Groups whose
dual y_g is positive cannot rise above z in any optimal solution (complementary slackness), so
they are fixed at z. (The dual comes from the simplex method, a vertex: it may fix fewer groups
than could be fixed, which costs another stage at the same level but never correctness.) A final
LP finds weights over the panels that give every group its fixed probability. Maximin is the
first stage alone.
"""

from __future__ import annotations

from collections.abc import Callable

import highspy
import numpy as np

from delaktig.engines.sortition.groups import Instance
from delaktig.engines.sortition.solver import INF, TOLERANCE, Columns, PanelFinder, add_rows, cover, quiet_highs

Progress = Callable[[str], None]
# A dual value this large (relative to the unfixed duals, which sum to 1) marks a group as stuck.
STUCK = 1e-7


def leximin(instance: Instance, *, progress: Progress | None = None, stages: int | None = None) -> tuple:
    """Return (panels, weights, group probabilities) of the LEXIMIN lottery; with ``stages=1``, maximin."""
    finder = PanelFinder(instance)
    columns = Columns(instance)
    fixed = np.where(cover(finder, columns), np.nan, 0.0)
    stage = 0
    while np.isnan(fixed).any() and (stages is None or stage < stages):
        stage += 1
        level, stuck = _stage(finder, columns, fixed)
        fixed[stuck] = level
        if progress:
            fixed_count = int(instance.sizes[~np.isnan(fixed)].sum())
            progress(f"stage {stage}: {fixed_count} of {int(instance.sizes.sum())} people fixed at ≥ {level:.6f}")
    if stages is not None:
        fixed[np.isnan(fixed)] = level
    weights = _final_weights(columns.shares, fixed)
    keep = weights > 1e-12
    panels, weights = columns.counts[keep], weights[keep] / weights[keep].sum()
    return panels, weights, weights @ (panels / instance.sizes)


def _stage(finder: PanelFinder, columns: Columns, fixed: np.ndarray) -> tuple[float, np.ndarray]:
    """Return the best level for the unfixed groups and the groups stuck at that level."""
    highs, count = _dual_lp(columns.shares, fixed)
    while True:
        highs.run()
        duals, cap = _dual_solution(highs, count)
        if not _price(finder, columns, highs, duals, cap):
            return max(0.0, highs.getInfo().objective_function_value), _stuck_groups(fixed, duals)


def _dual_solution(highs: highspy.Highs, count: int) -> tuple[np.ndarray, float]:
    """Return the dual LP's solution: the weights y per group and the cap ŷ."""
    solution = highs.getSolution().col_value
    return np.asarray(solution[:count]), solution[count]


def _price(finder: PanelFinder, columns: Columns, highs: highspy.Highs, duals: np.ndarray, cap: float) -> bool:
    """Add the panels that violate the dual constraint ``y·c/n ≤ ŷ`` to the LP; return whether there were any."""
    new = columns.price(finder, duals / finder.instance.sizes, cap + TOLERANCE * max(1.0, cap))
    if new:
        rows = np.hstack([np.array(new) / finder.instance.sizes, -np.ones((len(new), 1))])
        add_rows(highs, rows, np.full(len(new), -INF), np.zeros(len(new)))
    return bool(new)


def _dual_lp(shares: np.ndarray, fixed: np.ndarray) -> tuple[highspy.Highs, int]:
    """Return the stage's dual LP over the known panels (variables y per group, then ŷ)."""
    count = len(fixed)
    free = np.isnan(fixed)
    highs = quiet_highs()
    highs.addVars(count + 1, np.zeros(count + 1), np.full(count + 1, INF))
    costs = np.append(np.where(free, 0.0, -np.nan_to_num(fixed)), 1.0)
    highs.changeColsCost(count + 1, np.arange(count + 1, dtype=np.int32), costs)
    add_rows(highs, np.append(free.astype(float), 0.0)[None, :], [1.0], [1.0])
    rows = np.hstack([shares, -np.ones((len(shares), 1))])
    add_rows(highs, rows, np.full(len(rows), -INF), np.zeros(len(rows)))
    return highs, count


def _stuck_groups(fixed: np.ndarray, duals: np.ndarray) -> np.ndarray:
    """Return the unfixed groups with a positive dual (at least one: the unfixed duals sum to 1)."""
    free = np.isnan(fixed)
    stuck = free & (duals > STUCK)
    if not stuck.any():
        stuck[np.flatnonzero(free)[np.argmax(duals[free])]] = True
    return stuck


def _final_weights(shares: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Return weights over the panels that give each group (nearly) its fixed probability.

    To absorb rounding, the LP minimises the largest shortfall ε below the fixed probabilities;
    the simplex method returns a vertex, so few panels get positive weight.
    """
    panels, count = shares.shape
    highs = quiet_highs()
    highs.addVars(panels + 1, np.zeros(panels + 1), np.full(panels + 1, INF))
    highs.changeColsCost(panels + 1, np.arange(panels + 1, dtype=np.int32), np.append(np.zeros(panels), 1.0))
    add_rows(highs, np.append(np.ones(panels), 0.0)[None, :], [1.0], [1.0])
    rows = np.hstack([shares.T, np.ones((count, 1))])
    add_rows(highs, rows, fixed, np.full(count, INF))
    highs.run()
    return np.clip(np.asarray(highs.getSolution().col_value[:panels]), 0.0, None)
