"""Sequential Phragmén for approval ballots, exact, as pabutools' ``sequential_phragmen`` counts it.

Voters earn money continuously; a project is bought as soon as its supporters together hold its cost,
which spreads the load: after a purchase every supporter's load equals the project's new maximum load
(their loads plus the cost, divided by the number of supporters). The rule stops as soon as a project
it would buy next no longer fits in the budget.

Arithmetic. Every load is an exact ``Fraction``; a voter's load is always one of the purchase loads,
so voters are tracked by which purchase set their load. Floats screen the candidates each round and
only those within a rigorous error margin of the best are compared exactly.
"""

from __future__ import annotations

import sys
from fractions import Fraction

import numpy as np

from delaktig.engines.pb.model import Money, RuleRun
from delaktig.engines.pb.profile import Profile

EPS = sys.float_info.epsilon
MARGIN_FACTOR = 64.0


class _Loads:
    """Voters' loads: the exact value of each purchase and, per voter, which purchase set its load."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.values: list[Fraction] = [Fraction(0)]
        self.which = np.zeros(profile.num_voters, dtype=np.int64)
        self.floats = np.zeros(profile.num_voters)

    def float_new_max(self, projects: list[int]) -> np.ndarray:
        """Return each project's new maximum load in floats (inf for projects without supporters)."""
        p = self.profile
        result = np.full(len(projects), np.inf)
        for n, q in enumerate(projects):
            voters, _ = p.supporters(q)
            if len(voters):
                result[n] = (self.floats[voters].sum() + float(p.costs[q])) / len(voters)
        return result

    def margin(self, project: int) -> float:
        """Return a bound on the float new maximum load's error for a project."""
        p = self.profile
        voters, _ = p.supporters(project)
        largest = float(self.values[-1])
        return MARGIN_FACTOR * EPS * (len(voters) * largest + float(p.costs[project])) / max(len(voters), 1)

    def exact_new_max(self, project: int) -> Fraction:
        """Return a project's new maximum load exactly, counting supporters per purchase load."""
        voters, _ = self.profile.supporters(project)
        counts = np.bincount(self.which[voters], minlength=len(self.values))
        total = sum((self.values[r] * int(c) for r, c in enumerate(counts.tolist()) if c), Fraction(0))
        return (total + self.profile.costs[project]) / len(voters)

    def buy(self, project: int, load: Fraction) -> None:
        """Set every supporter's load to the purchase's load."""
        voters, _ = self.profile.supporters(project)
        self.values.append(load)
        self.which[voters] = len(self.values) - 1
        self.floats[voters] = float(load)


def _tied_best(loads: _Loads, remaining: list[int]) -> tuple[list[int], Fraction | None]:
    """Return the projects with the exact smallest new maximum load (None: nobody supports any of them)."""
    estimates = loads.float_new_max(remaining)
    if not np.isfinite(estimates).any():
        return list(remaining), None
    margins = np.array([loads.margin(q) if np.isfinite(e) else 0.0 for q, e in zip(remaining, estimates, strict=True)])
    best_high = float(np.min(estimates + margins))
    candidates = [q for q, e, m in zip(remaining, estimates, margins, strict=True) if e - m <= best_high]
    exact = {q: loads.exact_new_max(q) for q in candidates}
    best = min(exact.values())
    return [q for q in candidates if exact[q] == best], best


def phragmen(profile: Profile, ranks: tuple[int, ...]) -> RuleRun:
    """Count with sequential Phragmén and return the purchases in order, with each one's load."""
    loads = _Loads(profile)
    remaining = [q for q in range(profile.num_projects) if profile.costs[q] <= profile.budget]
    spent: Money = 0
    run = RuleRun(order=[])
    while remaining:
        tied, load = _tied_best(loads, remaining)
        blocked = [q for q in tied if spent + profile.costs[q] > profile.budget]
        if blocked:
            for q in blocked:
                run.facts[q] = {"reason": "stopped-here", "remaining": profile.budget - spent, "load": load}
            break
        winner = min(tied, key=lambda q: ranks[q])
        run.facts[winner] = {"reason": "bought", "load": load}
        run.order.append(winner)
        spent += profile.costs[winner]
        remaining.remove(winner)
        if load is not None:
            loads.buy(winner, load)
    for q in remaining:
        run.facts.setdefault(q, {"reason": "not-reached", "remaining": profile.budget - spent})
    return run
