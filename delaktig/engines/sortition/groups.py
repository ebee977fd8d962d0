"""Merge interchangeable people into groups, so the solvers work on counts instead of people.

Two people who have the same value on every feature and share no household with anyone are
interchangeable: swapping them maps every panel that meets the quotas to another one. The
LEXIMIN, maximin and Nash optima are unique in each person's probability (or can be chosen
symmetric), so members of a group get the same probability and a panel is described by how
many members of each group it takes. On the Nature paper's 2,000-person example this turns
2,000 people into 4 groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np

from delaktig.engines.sortition.model import Pool, Quotas


@dataclass(frozen=True)
class Instance:
    """The counting problem behind a selection.

    ``members[g]`` are the pool indexes in group ``g``; ``incidence[q, g]`` is 1 when group ``g``
    has the value of quota row ``q``; ``housemates`` lists groups of which at most one may be drawn.
    """

    members: tuple[tuple[int, ...], ...]
    sizes: np.ndarray
    incidence: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    housemates: tuple[tuple[int, ...], ...]
    size: int
    value_rows: np.ndarray

    @property
    def group_count(self) -> int:
        """Return the number of groups."""
        return len(self.members)

    def restrict(self, groups: np.ndarray) -> Instance:
        """Return the counting problem on ``groups`` alone, as if nobody else were in the pool (same quotas)."""
        position = {int(group): index for index, group in enumerate(groups)}
        kept = (tuple(position[g] for g in house if g in position) for house in self.housemates)
        return replace(
            self,
            members=tuple(self.members[group] for group in groups),
            sizes=self.sizes[groups],
            incidence=self.incidence[:, groups],
            housemates=tuple(house for house in kept if len(house) > 1),
            value_rows=self.value_rows[groups],
        )


def build_instance(pool: Pool, quotas: Quotas, size: int, *, households: bool = True) -> Instance:
    """Return the grouped counting problem for drawing ``size`` people from ``pool``."""
    shared = _shared_households(pool) if households else {}
    keys: dict[tuple, list[int]] = defaultdict(list)
    for index, profile in enumerate(pool.values):
        household = pool.household_of(index) if households else None
        key = (profile, index) if household in shared else (profile, None)
        keys[key].append(index)
    members = tuple(tuple(group) for group in keys.values())
    column = {feature: position for position, feature in enumerate(pool.features)}
    incidence = np.array(
        [[pool.values[group[0]][column[row.feature]] == row.value for group in members] for row in quotas.rows],
        dtype=float,
    ).reshape(len(quotas.rows), len(members))
    group_of = {person: g for g, group in enumerate(members) for person in group}
    housemates = tuple(tuple(group_of[p] for p in people) for people in shared.values())
    return Instance(
        members=members,
        sizes=np.array([len(group) for group in members], dtype=float),
        incidence=incidence,
        lower=np.array([row.min for row in quotas.rows], dtype=float),
        upper=np.array([row.max for row in quotas.rows], dtype=float),
        housemates=housemates,
        size=size,
        value_rows=_value_rows(quotas, incidence),
    )


def _value_rows(quotas: Quotas, incidence: np.ndarray) -> np.ndarray:
    """Return, per group and feature, the quota row of the group's value (groups × features)."""
    rows = [[i for i, row in enumerate(quotas.rows) if row.feature == f] for f in quotas.features]
    return np.stack([np.array(r)[np.argmax(incidence[r], axis=0)] for r in rows], axis=1)


def _shared_households(pool: Pool) -> dict[str, list[int]]:
    """Return the households with more than one person in the pool, each with its members."""
    by_household: dict[str, list[int]] = defaultdict(list)
    for index in range(len(pool)):
        household = pool.household_of(index)
        if household is not None:
            by_household[household].append(index)
    return {key: people for key, people in by_household.items() if len(people) > 1}


def person_probabilities(instance: Instance, group_probabilities: np.ndarray) -> np.ndarray:
    """Return each pool member's probability from the probability of each group's members."""
    result = np.zeros(int(instance.sizes.sum()))
    for group, probability in zip(instance.members, group_probabilities, strict=True):
        result[list(group)] = probability
    return result
