"""LEXIMIN and maximin by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021).

LEXIMIN makes the smallest selection probability as large as possible, then the next smallest,
and so on. The fast path first computes the LEXIMIN probabilities over the LP relaxation
(``relaxed_leximin``: a few LPs, no panels), takes that point apart into panels (``decompose``)
and completes what the walk leaves over: a lottery over panels that gives every group at least
that much, found by column generation on the LP

    minimise   Σ_g n_g · s_g
    subject to Σ_c x_c · c_g / n_g + s_g ≥ f_g   for every group g (n_g members, c_g of them on panel c)
               Σ_c x_c ≤ 1,  x ≥ 0,  s ≥ 0,

which stops as soon as the shortfall s is zero: no proof of optimality is needed, because the
relaxation already bounds what any lottery can do. (Every panel has as many seats as the target
has in all, so a lottery that reaches the target in every group meets it exactly.) Its row
duals y_g (and ŷ for the last row) satisfy Σ_g y_g · c_g / n_g ≤ ŷ for every known panel; the
pricing problem (``Columns.price``: local search, the LP relaxation, then the MIP of
``PanelFinder``) looks for a panel that breaks this and adds it as a new column. If pricing
proves that no panel helps while some shortfall remains, the relaxation's LEXIMIN is out of
reach and the exact stages run instead.

Each exact stage solves, over the panels found so far, the LP

    maximise   z
    subject to Σ_c x_c · c_g / n_g ≥ z      for every unfixed group g
               Σ_c x_c · c_g / n_g ≥ f_g    for every fixed group g
               Σ_c x_c ≤ 1,  x ≥ 0,

priced the same way until no panel breaks its dual constraint, so the stage is optimal over all
panels. Groups whose dual y_g is positive cannot rise above z in any optimal solution
(complementary slackness), so they are fixed at z. (The simplex dual is a vertex: it may fix
fewer groups than could be fixed, which costs another stage at the same level but never
correctness.) A final LP finds weights over the panels that give every group its fixed
probability. Maximin is the first stage alone.
"""

from __future__ import annotations

import highspy
import numpy as np

from delaktig.engines.sortition.decompose import TIGHT, Walk, decompose
from delaktig.engines.sortition.groups import Instance
from delaktig.engines.sortition.relaxation import relaxed_leximin, stuck_groups
from delaktig.engines.sortition.solver import (
    INF,
    TOLERANCE,
    Columns,
    PanelFinder,
    Progress,
    add_rows,
    cover,
    quiet_highs,
)

# Pricing rounds between progress messages.
REPORT_EVERY = 25
# Panels taken back from the end of the walk at the first attempt to complete it; doubled after each failure.
TAKE_BACK = 40


def leximin(instance: Instance, *, progress: Progress | None = None, maximin: bool = False) -> tuple:
    """Return (panels, weights, group probabilities) of the LEXIMIN lottery, or of a maximin one.

    Maximin asks only that everyone who can sit on a panel gets the smallest LEXIMIN level, which
    the LEXIMIN lottery does; other lotteries are looked for only when that one is out of reach.
    """
    finder = PanelFinder(instance)
    relaxed = relaxed_leximin(instance)
    walk = decompose(finder, relaxed * instance.sizes, progress)
    lottery = _complete(instance, walk, progress)
    if lottery is None:
        panels, weights = _out_of_reach(finder, walk, relaxed, progress, maximin)
    else:
        panels, weights = lottery
    keep = weights > 1e-12
    panels, weights = panels[keep], weights[keep] / weights[keep].sum()
    return panels, weights, weights @ (panels / instance.sizes)


def _complete(instance: Instance, walk: Walk, progress: Progress | None) -> tuple[np.ndarray, np.ndarray] | None:
    """Return panels and weights whose lottery gives the walk's target exactly, None when no lottery can.

    The walk stops on a face of Q that holds no panel (or with a sliver of probability left), and
    its last panels lie on the small faces where it went astray. Taken back, they and the rest
    make a point of a larger face on which few groups have seats; column generation over those
    groups alone (a small LP, a small pricing MIP: a panel in a lottery for that point seats
    nobody else) writes the point as a lottery, and the walk's other panels keep their weights.
    If even that point is out of reach, twice as many panels are taken back, up to the whole
    walk, whose target is then out of reach.
    """
    back = TAKE_BACK
    while True:
        kept = max(0, len(walk.weights) - back)
        residual = walk.residual + walk.weights[kept:] @ walk.panels[kept:]
        mass = walk.mass + walk.weights[kept:].sum()
        groups = np.flatnonzero(residual > TIGHT * mass)
        part = instance.restrict(groups)
        columns = Columns(part)
        for panel in walk.panels[kept:, groups]:
            columns.add(panel)
        if progress:
            progress(f"completing the lottery on {len(groups)} groups from the last {len(walk.weights) - kept} panels")
        weights = _reach(PanelFinder(part), columns, residual[groups] / mass / part.sizes, progress)
        if weights is not None:
            panels = np.zeros((len(columns.counts), instance.group_count), dtype=np.int64)
            panels[:, groups] = columns.counts
            return np.vstack([walk.panels[:kept], panels]), np.concatenate([walk.weights[:kept], weights * mass])
        if kept == 0:
            return None
        back *= 2


def _out_of_reach(
    finder: PanelFinder, walk: Walk, relaxed: np.ndarray, progress: Progress | None, maximin: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Return panels and weights of the lottery when no lottery reaches the relaxation's LEXIMIN."""
    instance = finder.instance
    columns = Columns(instance)
    for panel in walk.panels:
        columns.add(panel)
    weights = None
    if maximin:
        weights = _reach(finder, columns, np.minimum(relaxed, relaxed[relaxed > TOLERANCE].min()), progress)
    if weights is None:
        if progress:
            progress("the relaxation's lottery is out of reach; solving stage by stage")
        # The stages add panels, so the shares are read once they are done.
        levels = _exact_levels(finder, columns, progress, 1 if maximin else None)
        weights = _final_weights(columns.shares, levels)
    return columns.counts, weights


def _reach(finder: PanelFinder, columns: Columns, target: np.ndarray, progress: Progress | None) -> np.ndarray | None:
    """Return weights over ``columns`` that give every group at least ``target``, None when no lottery can."""
    sizes = finder.instance.sizes
    highs = _shortfall_lp(columns.shares, target, sizes)
    rounds = 0
    while True:
        rounds += 1
        highs.run()
        shortfall = -highs.getInfo().objective_function_value
        solution = highs.getSolution()
        if shortfall <= TOLERANCE * finder.instance.size:
            return np.clip(np.asarray(solution.col_value[len(sizes) :]), 0.0, None)
        row_duals = np.asarray(solution.row_dual)
        if not _price(finder, columns, highs, np.maximum(-row_duals[: len(sizes)], 0.0), row_duals[len(sizes)]):
            return None
        if progress and rounds % REPORT_EVERY == 0:
            progress(f"{len(columns.counts)} panels considered, {shortfall:.6f} seats short of the target")


def _shortfall_lp(shares: np.ndarray, target: np.ndarray, sizes: np.ndarray) -> highspy.Highs:
    """Return the LP over the known panels that minimises the seats short of ``target`` (maximises minus them).

    Variables: one shortfall per group (costing its members), then one weight per panel. Rows:
    one per group (probability + shortfall ≥ target), then Σ weights ≤ 1, laid out as in
    ``_master_lp`` so that ``_price`` adds panels to either.
    """
    panels, count = shares.shape
    highs = quiet_highs()
    highs.addVars(count + panels, np.zeros(count + panels), np.full(count + panels, INF))
    highs.changeColsCost(count, np.arange(count, dtype=np.int32), -sizes)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    add_rows(highs, np.hstack([np.eye(count), shares.T]), target, np.full(count, INF))
    add_rows(highs, np.append(np.zeros(count), np.ones(panels))[None, :], [-INF], [1.0])
    return highs


def _exact_levels(finder: PanelFinder, columns: Columns, progress: Progress | None, stages: int | None) -> np.ndarray:
    """Return each group's LEXIMIN probability (or maximin level), stage by stage with full pricing."""
    instance = finder.instance
    fixed = np.where(cover(finder, columns), np.nan, 0.0)
    highs, level_column = _master_lp(columns.shares, fixed)
    stage, level = 0, 0.0
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
    fixed[np.isnan(fixed)] = level
    return fixed


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
            return max(0.0, highs.getInfo().objective_function_value), stuck_groups(fixed, duals)
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
