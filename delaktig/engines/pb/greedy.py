"""Utilitarian greedy: fund projects by score (approvals, points or Borda score) while money lasts.

This is pabutools' ``greedy_utilitarian_welfare`` with utilities whose satisfaction per unit of cost
equals the score, and, with a threshold, the ``greedy-threshold`` rule Warsaw, Łódź and Katowice use.
"""

from __future__ import annotations

from collections.abc import Iterable

from delaktig.engines.pb.model import Money, RuleRun
from delaktig.engines.pb.profile import Profile


def greedy_order(profile: Profile, ranks: tuple[int, ...]) -> list[int]:
    """Return projects by falling score; free projects with support come first, as in pabutools."""

    def key(p: int) -> tuple[int, int, int]:
        free_and_wanted = profile.costs[p] == 0 and profile.scores[p] > 0
        return (0 if free_and_wanted else 1, -profile.scores[p], ranks[p])

    return sorted(range(profile.num_projects), key=key)


def greedy(
    profile: Profile, ranks: tuple[int, ...], threshold: int | None = None, initial: Iterable[int] = ()
) -> RuleRun:
    """Select projects in score order, skipping those that no longer fit or score below the threshold."""
    chosen = list(initial)
    remaining: Money = profile.budget - sum(profile.costs[p] for p in chosen)
    run = RuleRun(order=chosen)
    for project in greedy_order(profile, ranks):
        if project in chosen:
            continue
        cost, score = profile.costs[project], profile.scores[project]
        if threshold is not None and score < threshold:
            run.facts[project] = {"reason": "below-threshold", "threshold": threshold}
        elif cost <= remaining:
            run.facts[project] = {"reason": "fits", "remaining_before": remaining}
            run.order.append(project)
            remaining -= cost
        else:
            run.facts[project] = {"reason": "does-not-fit", "remaining": remaining}
    return run
