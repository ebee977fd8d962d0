"""Choose the lottery: check the quotas, group the pool, run the chosen algorithm."""

from __future__ import annotations

import numpy as np

from delaktig.engines.errors import EngineInputError
from delaktig.engines.sortition.diagnose import diagnose, pool_counts
from delaktig.engines.sortition.groups import build_instance, person_probabilities
from delaktig.engines.sortition.legacy import legacy
from delaktig.engines.sortition.leximin import Progress, leximin
from delaktig.engines.sortition.model import ALGORITHMS, Distribution, Pool, Problem, Quotas, ValueSummary
from delaktig.engines.sortition.nash import nash


class InfeasibleQuotasError(EngineInputError):
    """No panel meets the quotas; ``problems`` say why and how to relax them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


def select(
    pool: Pool,
    quotas: Quotas,
    size: int,
    *,
    algorithm: str = "leximin",
    households: bool = True,
    progress: Progress | None = None,
    legacy_runs: int = 200,
) -> Distribution:
    """Return the lottery over panels of ``size`` that ``algorithm`` finds fairest.

    Raises ``InfeasibleQuotasError`` (with the problems and suggested relaxations) when no panel
    meets the quotas, and ``EngineInputError`` for an unknown algorithm or a bad size.
    """
    if algorithm not in ALGORITHMS:
        raise EngineInputError(f"unknown algorithm '{algorithm}'; choose one of {', '.join(ALGORITHMS)}")
    if size < 1:
        raise EngineInputError(f"the panel size must be at least 1, not {size}")
    problems = diagnose(pool, quotas, size, households=households)
    if problems:
        raise InfeasibleQuotasError(problems)
    instance = build_instance(pool, quotas, size, households=households)
    if algorithm == "legacy":
        panels, weights, group_probabilities = legacy(instance, runs=legacy_runs)
    elif algorithm == "nash":
        panels, weights, group_probabilities = nash(instance, progress=progress)
    else:
        panels, weights, group_probabilities = leximin(instance, progress=progress, maximin=algorithm == "maximin")
    probabilities = person_probabilities(instance, group_probabilities)
    return Distribution(
        algorithm=algorithm,
        pool=pool,
        quotas=quotas,
        size=size,
        groups=instance.members,
        compositions=panels,
        weights=weights,
        probabilities=dict(zip(pool.ids, probabilities.tolist(), strict=True)),
        households=households,
    )


def summarize(distribution: Distribution) -> list[ValueSummary]:
    """Return, per quota row, the pool count and the expected number of seats under the lottery."""
    quotas, pool = distribution.quotas, distribution.pool
    column = {feature: position for position, feature in enumerate(pool.features)}
    expected = np.zeros(len(quotas.rows))
    for row, quota in enumerate(quotas.rows):
        has_value = np.array([pool.values[g[0]][column[quota.feature]] == quota.value for g in distribution.groups])
        expected[row] = distribution.weights @ (distribution.compositions @ has_value)
    return [
        ValueSummary(q.feature, q.value, q.min, q.max, count, float(seats))
        for q, count, seats in zip(quotas.rows, pool_counts(pool, quotas), expected, strict=True)
    ]
