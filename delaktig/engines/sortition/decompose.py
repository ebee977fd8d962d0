"""Write a point of the LP relaxation as a lottery over panels, one panel per step (Carathéodory).

Column generation needs thousands of pricing rounds to reach a target when there are thousands
of groups, because each round's duals say little about most groups. A target π (seats per
group) in the relaxation's polytope Q can instead be taken apart directly: find a panel c on the
smallest face of Q that holds π (every constraint tight at π also tight at c), move π away from c
as far as Q allows, π' = (π − λc) / (1 − λ), and repeat. Each step makes one more constraint
tight, so the face shrinks and the walk ends within about as many steps as there are groups.
Most steps close a group the last panel seats, and moving its seats to other groups gives a
panel on the new face at once; otherwise a warm-started LP looks for one: a vertex of the face is
a panel when it is integral; when it is not, other objectives are tried and then the MIP is asked
for any panel on the face.

The walk can leave the hull of real panels (Q is larger) or lose precision as the remaining mass
shrinks; it then stops and returns what it found with what is left, which ``leximin`` completes.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from delaktig.engines.sortition.solver import PanelFinder, Progress, quiet_highs

# Objectives tried for an integral vertex before the MIP is asked.
TRIES = 40
# Share of a fresh random objective mixed into the last one at each try: the next vertex is a
# different one but a few pivots away (a wholly new objective costs about twice the pivots, a
# smaller share finds an integral vertex less often and leaves more faces to the slow MIP).
MIX = 0.05
# Branch-and-bound nodes the MIP may spend looking for a panel on a face: the walk may have left the
# hull of real panels, and proving that can take long (a node count, unlike a time limit, is deterministic).
MIP_NODES = 500
# A constraint whose slack is below this (in seats) counts as tight.
TIGHT = 1e-9
# Below this much remaining probability the walk leaves the rest to column generation.
SMALLEST_MASS = 1e-6
# Steps between progress messages.
REPORT_EVERY = 250


@dataclass(frozen=True)
class Walk:
    """The panels (panels × groups) the walk found, their weights, and what it left: seats per group and probability."""

    panels: np.ndarray
    weights: np.ndarray
    residual: np.ndarray
    mass: float


def decompose(finder: PanelFinder, target: np.ndarray, progress: Progress | None = None) -> Walk:
    """Return panels and weights whose lottery gives ``target`` seats per group, less what the walk left over."""
    search = _FaceSearch(finder)
    residual, mass = np.asarray(target, dtype=float).copy(), 1.0
    panels: list[np.ndarray] = []
    weights: list[float] = []
    panel = None
    while mass > SMALLEST_MASS:
        panel = search.panel_on(_face(finder, residual / mass), panel)
        if panel is None:
            break
        step = _longest_step(finder, residual, mass, panel)
        if step <= TIGHT:
            break
        panels.append(panel)
        weights.append(step)
        residual -= step * panel
        mass -= step
        if progress and len(panels) % REPORT_EVERY == 0:
            progress(f"{len(panels)} panels take apart {1 - mass:.1%} of the relaxation's lottery")
    shape = (len(panels), finder.instance.group_count)
    return Walk(np.array(panels, dtype=np.int64).reshape(shape), np.array(weights), residual, mass)


def _face(finder: PanelFinder, point: np.ndarray) -> tuple[np.ndarray, ...]:
    """Return column and row bounds of the smallest face of Q holding ``point``: tight constraints become equalities."""
    sizes = finder.instance.sizes
    low, high = np.where(point >= sizes - TIGHT, sizes, 0.0), np.where(point <= TIGHT, 0.0, sizes)
    value = finder.rows @ point
    row_low = np.where(value >= finder.row_upper - TIGHT, finder.row_upper, finder.row_lower)
    row_high = np.where(value <= finder.row_lower + TIGHT, finder.row_lower, finder.row_upper)
    return low, high, row_low, row_high


class _FaceSearch:
    """Find panels on faces of Q: by moving seats of the last one, the LP for integral vertices, or the MIP."""

    def __init__(self, finder: PanelFinder) -> None:
        self.count = finder.instance.group_count
        self.rows = finder.rows
        self.lp, self.mip = quiet_highs(), quiet_highs()
        self.lp.passModel(finder.relaxation.getLp())
        self.mip.passModel(finder.highs.getLp())
        self.mip.setOptionValue("mip_max_improving_sols", 1)
        self.mip.setOptionValue("mip_max_nodes", MIP_NODES)
        self.rng = np.random.default_rng(0)
        self.columns = np.arange(self.count, dtype=np.int32)
        self.cost = self.rng.random(self.count)
        self.lp.changeColsCost(self.count, self.columns, self.cost)

    def panel_on(self, bounds: tuple, last: np.ndarray | None) -> np.ndarray | None:
        """Return a panel on the face: ``last`` with seats moved, an integral vertex, or any panel the MIP finds."""
        moved = None if last is None else self._moved(last, bounds)
        return moved if moved is not None else self._vertex(bounds)

    def _moved(self, panel: np.ndarray, bounds: tuple) -> np.ndarray | None:
        """Return ``panel`` with the seats of the groups the face closes moved to open groups; None if one cannot go.

        Each seat goes to a random group that can take one more with every row of the panel within
        the face's bounds, so a tight quota row only takes a newcomer with the leaver's value. This
        is a few numpy operations instead of an LP, and the panel serves the walk like any other.
        """
        low, high, row_low, row_high = bounds
        if np.any(panel < low) or not np.any(panel > high):
            return None
        panel = panel.copy()
        for group in np.flatnonzero(panel > high):
            while panel[group] > 0:
                panel[group] -= 1
                after = (self.rows @ panel)[:, None] + self.rows
                fits = np.all((after >= row_low[:, None]) & (after <= row_high[:, None]), axis=0) & (panel < high)
                if not fits.any():
                    return None
                panel[self.rng.choice(np.flatnonzero(fits))] += 1
        return panel

    def _vertex(self, bounds: tuple) -> np.ndarray | None:
        """Return an integral vertex of the face for some objective, else any panel on it the MIP finds."""
        rows = np.arange(len(bounds[2]), dtype=np.int32)
        for model in (self.lp, self.mip):
            model.changeColsBounds(self.count, self.columns, bounds[0], bounds[1])
            model.changeRowsBounds(len(rows), rows, bounds[2], bounds[3])
        for attempt in range(TRIES):
            if attempt:
                # The objective changes only after a fractional vertex: kept, it reaches the next face's in few pivots.
                self.cost = (1 - MIX) * self.cost + MIX * self.rng.random(self.count)
                self.lp.changeColsCost(self.count, self.columns, self.cost)
            self.lp.run()
            if self.lp.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            vertex = np.asarray(self.lp.getSolution().col_value)
            if np.abs(vertex - np.rint(vertex)).max() <= 1e-7:
                return np.rint(vertex).astype(np.int64)
        self.mip.run()
        if self.mip.getInfo().primal_solution_status != int(highspy.SolutionStatus.kSolutionStatusFeasible):
            return None
        return np.rint(np.asarray(self.mip.getSolution().col_value)).astype(np.int64)


def _longest_step(finder: PanelFinder, residual: np.ndarray, mass: float, panel: np.ndarray) -> float:
    """Return the largest weight λ ≤ mass for ``panel`` that keeps (residual − λ·panel) / (mass − λ) in Q.

    For a constraint a·x ≤ b that the panel leaves slack, λ·(b − a·panel) ≤ b·mass − a·residual
    (and the mirror image for a·x ≥ b); the tightest one is the step, and it becomes tight.
    """
    sizes = finder.instance.sizes
    values = np.concatenate([residual, finder.rows @ residual])
    at_panel = np.concatenate([panel, finder.rows @ panel]).astype(float)
    lower = np.concatenate([np.zeros_like(sizes), finder.row_lower])
    upper = np.concatenate([sizes, finder.row_upper])
    steps = [np.array([mass])]
    for bound, room in ((upper, upper - at_panel), (lower, at_panel - lower)):
        limited = np.isfinite(bound) & (room > TIGHT)
        steps.append(np.abs(bound[limited] * mass - values[limited]) / room[limited])
    return float(np.concatenate(steps).min())
