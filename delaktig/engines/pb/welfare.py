"""The exact utilitarian optimum: the affordable set of projects with the highest total score.

This is a 0/1 knapsack (score = approvals, points or Borda score; weight = cost), solved exactly by
depth-first branch and bound in integer and ``Fraction`` arithmetic, with the linear-relaxation bound
(Horowitz and Sahni). Among optimal sets the first one found, taking projects in order of score per
cost and then tie-breaking order, is returned, so the answer is deterministic.
"""

from __future__ import annotations

from fractions import Fraction

from delaktig.engines.pb.model import Money, RuleRun
from delaktig.engines.pb.profile import Profile


def _bound(items: list[tuple[int, Money, int]], start: int, capacity: Money) -> Fraction:
    """Return the best score the remaining items could add if they could be split (the LP bound)."""
    bound = Fraction(0)
    for _, cost, score in items[start:]:
        if cost <= capacity:
            bound += score
            capacity -= cost
        else:
            return bound + Fraction(score) * Fraction(capacity) / Fraction(cost)
    return bound


def max_welfare(profile: Profile, ranks: tuple[int, ...]) -> tuple[RuleRun, int]:
    """Return an optimal selection and its total score."""
    free = [q for q in range(profile.num_projects) if profile.costs[q] == 0 and profile.scores[q] > 0]
    items = sorted(
        (
            (q, profile.costs[q], profile.scores[q])
            for q in range(profile.num_projects)
            if 0 < profile.costs[q] <= profile.budget and profile.scores[q] > 0
        ),
        key=lambda item: (-Fraction(item[2]) / Fraction(item[1]), ranks[item[0]]),
    )
    best_value, best_set = -1, []
    stack: list[tuple[int, Money, int, list[int]]] = [(0, profile.budget, 0, [])]
    while stack:
        start, capacity, value, chosen = stack.pop()
        if start == len(items) or value + _bound(items, start, capacity) <= best_value:
            if value > best_value:
                best_value, best_set = value, chosen
            continue
        q, cost, score = items[start]
        stack.append((start + 1, capacity, value, chosen))
        if cost <= capacity:
            stack.append((start + 1, capacity - cost, value + score, [*chosen, q]))
    base = sum(profile.scores[q] for q in free)
    return RuleRun(order=free + best_set), base + best_value
