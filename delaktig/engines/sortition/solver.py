"""HiGHS models the algorithms share: the panel finder (a MIP) and small LP helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import highspy
import numpy as np

from delaktig.engines.sortition.groups import Instance

Progress = Callable[[str], None]
INF = highspy.kHighsInf
TOLERANCE = 1e-9
# Local searches per pricing round, each from one of the heaviest known panels.
CLIMBS = 10
CANDIDATES = 256


def quiet_highs() -> highspy.Highs:
    """Return a silent, single-threaded HiGHS instance with a fixed random seed (HiGHS is deterministic given it).

    One thread, because HiGHS's multi-threaded task scheduler can deadlock now and then
    (ERGO-Code/HiGHS#1670, #1886): here a solve of the 5,000 pool hung 3 times in about 200 runs under
    heavy load. The engine's LPs and MIPs are small and gain little from threads.
    """
    _scheduler_sized_for_one_thread()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("threads", 1)
    return highs


@cache
def _scheduler_sized_for_one_thread() -> None:
    """Restart HiGHS's task scheduler once per process, before the engine's first model.

    HiGHS sizes its scheduler process-wide at the first solve and refuses a solve that asks for
    another size. A library that ran HiGHS earlier in the process (the test oracle, for one) may
    have sized it; after the restart the engine's first solve sizes it to one thread, and solvers
    that keep HiGHS's default thread count run on that unchanged.
    """
    highspy.Highs.resetGlobalScheduler(True)


def add_rows(highs: highspy.Highs, matrix: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
    """Add the dense rows ``lower <= matrix @ x <= upper`` to a model."""
    if matrix.shape[0] == 0:
        return
    starts, indices, values = [], [], []
    for row in matrix:
        starts.append(len(indices))
        nonzero = np.flatnonzero(row)
        indices.extend(nonzero.tolist())
        values.extend(row[nonzero].tolist())
    highs.addRows(
        matrix.shape[0],
        np.asarray(lower, dtype=float),
        np.asarray(upper, dtype=float),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )


@dataclass
class Found:
    """A panel composition the finder returned, its weight and a proven upper bound on any panel's weight."""

    composition: np.ndarray
    value: float
    bound: float
    others: list[np.ndarray]


class PanelFinder:
    """Find the panel (counts per group) that meets the quotas and has the largest total weight.

    This is the pricing problem of the column generation: one integer variable per group
    (how many of its members sit on the panel), the panel size, the quota rows and at most one
    person per shared household. The model is built once and re-solved with new weights.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        count = instance.group_count
        self.highs = quiet_highs()
        self.highs.setOptionValue("mip_rel_gap", 1e-9)
        self.highs.setOptionValue("mip_abs_gap", 1e-11)
        self.highs.setOptionValue("mip_improving_solution_save", True)
        self.highs.addVars(count, np.zeros(count), instance.sizes.astype(float))
        self.highs.changeColsIntegrality(
            count, np.arange(count, dtype=np.int32), [highspy.HighsVarType.kInteger] * count
        )
        house = np.zeros((len(instance.housemates), count))
        for row, groups in enumerate(instance.housemates):
            house[row, list(groups)] = 1.0
        self.rows = np.vstack([np.ones((1, count)), instance.incidence, house])
        self.row_lower = np.concatenate([[instance.size], instance.lower, np.full(len(house), -INF)])
        self.row_upper = np.concatenate([[instance.size], instance.upper, np.ones(len(house))])
        add_rows(self.highs, self.rows, self.row_lower, self.row_upper)
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.relaxation = quiet_highs()
        self.relaxation.passModel(self.highs.getLp())
        self.relaxation.changeColsIntegrality(
            count, np.arange(count, dtype=np.int32), [highspy.HighsVarType.kContinuous] * count
        )
        self.household = np.full(count, -1)
        for row, groups in enumerate(instance.housemates):
            self.household[list(groups)] = row

    def best(self, weights: np.ndarray) -> Found | None:
        """Return the heaviest feasible panel for ``weights`` (per member of each group), None if none exists."""
        count = self.instance.group_count
        self.highs.changeColsCost(count, np.arange(count, dtype=np.int32), np.asarray(weights, dtype=float))
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not solve the panel problem: {self.highs.modelStatusToString(status)}")
        composition = np.rint(np.asarray(self.highs.getSolution().col_value)).astype(np.int64)
        value = float(weights @ composition)
        bound = max(value, float(self.highs.getInfo().mip_dual_bound))
        others = [np.rint(np.asarray(saved.col_value)).astype(np.int64) for saved in self.highs.getSavedMipSolutions()]
        return Found(composition, value, bound, others)

    def bound(self, weights: np.ndarray) -> float:
        """Return an upper bound on any feasible panel's weight from the LP relaxation (fast, no search)."""
        count = self.instance.group_count
        self.relaxation.changeColsCost(count, np.arange(count, dtype=np.int32), np.asarray(weights, dtype=float))
        self.relaxation.run()
        if self.relaxation.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return INF
        return float(self.relaxation.getInfo().objective_function_value)

    def climb(self, weights: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Return each start panel (a row of counts per group) improved by best one-for-one swaps until none helps.

        Cheap local search that often finds panels the LP needs without calling the MIP: a swap
        of a member of group a for one of group b keeps the quotas unless it pushes a quota row
        already at its minimum (or maximum) below (or above) it. Only the ``CANDIDATES``
        heaviest groups are tried as newcomers, which keeps each step small in large pools.
        All starts climb together, one swap each per step, so that numpy works on one array of
        starts × seats × newcomers instead of on many small ones.
        """
        instance = self.instance
        panels = np.array(starts, dtype=np.int64)
        # Seat s of panel i holds a member of group seats[i, s]; a swap replaces one seat's group.
        every = np.arange(instance.group_count)
        seats = np.array([np.repeat(every, panel) for panel in panels], dtype=np.int64)
        seats = seats.reshape(len(panels), instance.size)
        heavy = np.argsort(-weights, kind="stable")[:CANDIDATES]
        active = np.arange(len(panels))
        for _ in range(instance.size):
            if not len(active):
                break
            gain = self._swap_gains(weights, heavy, panels[active], seats[active])
            seat, into = np.unravel_index(gain.reshape(len(active), -1).argmax(axis=1), gain.shape[1:])
            moving = gain[np.arange(len(active)), seat, into] > 0
            active, seat, into = active[moving], seat[moving], into[moving]
            np.subtract.at(panels, (active, seats[active, seat]), 1)
            np.add.at(panels, (active, heavy[into]), 1)
            seats[active, seat] = heavy[into]
        return panels

    def _swap_gains(self, weights: np.ndarray, heavy: np.ndarray, panels: np.ndarray, seats: np.ndarray) -> np.ndarray:
        """Return the weight each swap (panel, seat out, heavy group in) adds, -inf where it breaks a rule."""
        instance = self.instance
        gain = weights[heavy][None, None, :] - weights[seats][:, :, None]
        counts = panels @ instance.incidence.T
        at_min, at_max = counts <= instance.lower, counts >= instance.upper
        blocked = (gain <= 1e-12) | (panels[:, heavy] >= instance.sizes[heavy])[:, None, :]
        which = np.arange(len(panels))[:, None]
        rows_out, rows_in = instance.value_rows[seats].transpose(2, 0, 1), instance.value_rows[heavy].T
        for out_rows, into_rows in zip(rows_out, rows_in, strict=True):
            moves = out_rows[:, :, None] != into_rows[None, None, :]
            blocked |= moves & (at_min[which, out_rows][:, :, None] | at_max[:, into_rows][:, None, :])
        if instance.housemates:
            blocked |= self._household_clash(panels, seats, heavy)
        return np.where(blocked, -np.inf, gain)

    def _household_clash(self, panels: np.ndarray, seats: np.ndarray, heavy: np.ndarray) -> np.ndarray:
        """Return which swaps would seat two people of one household (panel × seat out × heavy group in)."""
        household = self.household[heavy]
        sharing = household >= 0
        housed = np.flatnonzero(self.household >= 0)
        taken = np.stack(
            [np.bincount(self.household[housed], panel[housed], len(self.instance.housemates)) for panel in panels]
        )
        clash = sharing[None, :] & (taken[:, np.maximum(household, 0)] > 0)
        leaving = (self.household[seats][:, :, None] == household[None, None, :]) & sharing[None, None, :]
        return clash[:, None, :] & ~leaving


class Columns:
    """The panels found so far: ``counts`` (panels × groups) and per-person probabilities ``shares``."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        # Rows beyond ``self.found`` are spare room, doubled when full, so adding a panel is not a full copy.
        self.buffer = np.zeros((16, instance.group_count), dtype=np.int64)
        self.found = 0
        self.known: set[bytes] = set()

    @property
    def counts(self) -> np.ndarray:
        """Return the panels found so far as seats per group (panels × groups)."""
        return self.buffer[: self.found]

    @property
    def shares(self) -> np.ndarray:
        """Return the probability each panel gives each member of each group (panels × groups)."""
        return self.counts / self.instance.sizes

    def add(self, composition: np.ndarray) -> bool:
        """Add a panel unless it is already known; return whether it was new."""
        key = composition.astype(np.int64).tobytes()
        if key in self.known:
            return False
        self.known.add(key)
        if self.found == len(self.buffer):
            self.buffer = np.vstack([self.buffer, np.zeros_like(self.buffer)])
        self.buffer[self.found] = composition
        self.found += 1
        return True

    def price(self, finder: PanelFinder, weights: np.ndarray, limit: float) -> list[np.ndarray]:
        """Return new panels heavier than ``limit`` under ``weights``; none means no such panel exists.

        Local searches from the heaviest known panels come first; the LP relaxation then often
        proves that no panel is heavy enough, and only otherwise is the MIP solved.
        """
        starts = self.counts[np.argsort(self.counts @ weights, kind="stable")[-CLIMBS:]]
        new = [panel for panel in finder.climb(weights, starts) if weights @ panel > limit and self.add(panel)]
        if not new and finder.bound(weights) > limit:
            found = finder.best(weights)
            new = [c for c in [found.composition, *found.others] if weights @ c > limit and self.add(c)]
        return new


def cover(finder: PanelFinder, columns: Columns) -> np.ndarray:
    """Find panels until every group that can sit on some panel is on one; return which groups can.

    Local search swaps covered groups for uncovered ones; the MIP is asked only when it stalls,
    and when even the MIP cannot seat an uncovered group, none of them can ever be drawn.
    """
    instance = finder.instance
    covered = np.zeros(instance.group_count, dtype=bool)
    panel = np.zeros(instance.group_count, dtype=np.int64)
    while not covered.all():
        weights = np.where(covered, 0.0, 1.0 / instance.sizes)
        climbed = finder.climb(weights, panel[None, :])[0] if panel.any() else panel
        if weights @ climbed > weights @ panel:
            panel = climbed
        else:
            found = finder.best(weights)
            if found is None:
                raise ValueError("no panel meets the quotas")
            if found.bound <= TOLERANCE:
                break
            panel = found.composition
        columns.add(panel)
        covered |= panel > 0
    return covered
