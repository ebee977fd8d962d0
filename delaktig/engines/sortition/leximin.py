"""LEXIMIN and maximin by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021).

LEXIMIN makes the smallest selection probability as large as possible, then the next smallest,
and so on. Each stage solves, over the panels found so far, the LP

    maximise   z
    subject to Σ_c x_c · c_g / n_g ≥ z      for every unfixed group g (n_g members, c_g of them on panel c)
               Σ_c x_c · c_g / n_g ≥ f_g    for every fixed group g
               Σ_c x_c ≤ 1,  x ≥ 0,

whose row duals y_g (and ŷ for the last row) satisfy Σ_g y_g · c_g / n_g ≤ ŷ for every known
panel. The pricing problem (``Columns.price``: local search, the LP relaxation, then the MIP of
``PanelFinder``) looks for a panel that breaks this; if there is one it becomes a new column and
the LP is re-solved from its basis, otherwise the stage is optimal over all panels. Groups whose
dual y_g is positive cannot rise above z in any optimal solution (complementary slackness), so
they are fixed at z. (The simplex dual is a vertex: it may fix fewer groups than could be fixed,
which costs another stage at the same level but never correctness.) A final LP finds weights over
the panels that give every group its fixed probability. Maximin is the first stage alone.
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
# Pricing rounds between progress messages inside a stage.
REPORT_EVERY = 25


def leximin(instance: Instance, *, progress: Progress | None = None, stages: int | None = None) -> tuple:
    """Return (panels, weights, group probabilities) of the LEXIMIN lottery; with ``stages=1``, maximin."""
    finder = PanelFinder(instance)
    columns = Columns(instance)
    fixed = np.where(cover(finder, columns), np.nan, 0.0)
    highs, level_column = _master_lp(columns.shares, fixed)
    stage = 0
    while np.isnan(fixed).any() and (stages is None or stage < stages):
        stage += 1
        report = (lambda message, stage=stage: progress(f"stage {stage}: {message}")) if progress else None
        level, stuck = _stage(finder, columns, highs, fixed, report)
        fixed[stuck] = level
        for group in np.flatnonzero(stuck):
            highs.changeCoeff(int(group), level_column, 0.0)
            highs.changeRowBounds(int(group), level, INF)
        if progress:
            fixed_count = int(instance.sizes[~np.isnan(fixed)].sum())
            progress(f"stage {stage}: {fixed_count} of {int(instance.sizes.sum())} people fixed at ≥ {level:.6f}")
    if stages is not None:
        fixed[np.isnan(fixed)] = level
    weights = _final_weights(columns.shares, fixed)
    keep = weights > 1e-12
    panels, weights = columns.counts[keep], weights[keep] / weights[keep].sum()
    return panels, weights, weights @ (panels / instance.sizes)


def _stage(
    finder: PanelFinder, columns: Columns, highs: highspy.Highs, fixed: np.ndarray, report: Progress | None
) -> tuple[float, np.ndarray]:
    """Return the best level for the unfixed groups and the groups stuck at that level."""
    count = len(fixed)
    rounds = 0
    while True:
        rounds += 1
        highs.run()
        row_duals = np.asarray(highs.getSolution().row_dual)
        duals, cap = np.maximum(-row_duals[:count], 0.0), row_duals[count]
        if not _price(finder, columns, highs, duals, cap):
            return max(0.0, highs.getInfo().objective_function_value), _stuck_groups(fixed, duals)
        if report and rounds % REPORT_EVERY == 0:
            level = highs.getInfo().objective_function_value
            report(f"{len(columns.counts)} panels considered, level so far {level:.6f}")


def _price(finder: PanelFinder, columns: Columns, highs: highspy.Highs, duals: np.ndarray, cap: float) -> bool:
    """Add the panels that violate the dual constraint ``y·c/n ≤ ŷ`` to the LP; return whether there were any."""
    sizes = finder.instance.sizes
    new = columns.price(finder, duals / sizes, cap + TOLERANCE * max(1.0, cap))
    for composition in new:
        rows = np.append(np.flatnonzero(composition), len(sizes)).astype(np.int32)
        values = np.append(composition[composition > 0] / sizes[composition > 0], 1.0)
        highs.addCol(0.0, 0.0, INF, len(rows), rows, values)
    return bool(new)


def _master_lp(shares: np.ndarray, fixed: np.ndarray) -> tuple[highspy.Highs, int]:
    """Return the LP over the known panels (maximise z, every unfixed group at least z) and z's column.

    Variables: one weight per panel, then z. Rows: one per group (probability ≥ z, or ≥ its fixed
    value), then Σ weights ≤ 1. Its row duals are the y and ŷ of the dual LP above. New panels
    become new columns and fixing a group changes its row, so every solve restarts from the
    previous basis.
    """
    panels, count = shares.shape
    free = np.isnan(fixed)
    highs = quiet_highs()
    highs.addVars(panels + 1, np.append(np.zeros(panels), -INF), np.full(panels + 1, INF))
    highs.changeColCost(panels, 1.0)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    rows = np.hstack([shares.T, -free[:, None].astype(float)])
    add_rows(highs, rows, np.where(free, 0.0, np.nan_to_num(fixed)), np.full(count, INF))
    add_rows(highs, np.append(np.ones(panels), 0.0)[None, :], [-INF], [1.0])
    return highs, panels


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
