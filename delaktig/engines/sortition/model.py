"""The plain data the sortition engine takes and returns: pool, quotas, distribution, draw."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ALGORITHMS = ("leximin", "maximin", "nash", "legacy")


@dataclass(frozen=True)
class Quota:
    """How many panel members may have ``value`` for ``feature``: between ``min`` and ``max`` inclusive.

    ``min_flex`` and ``max_flex`` bound how far a suggested relaxation may move the quota
    (``max_flex`` None means no upper bound), as in the Sortition Foundation's format.
    """

    feature: str
    value: str
    min: int
    max: int
    min_flex: int = 0
    max_flex: int | None = None


@dataclass(frozen=True)
class Quotas:
    """The quota table: one row per (feature, value), features in the order they were first named."""

    rows: tuple[Quota, ...]

    @property
    def features(self) -> tuple[str, ...]:
        """Return the feature names in first-seen order."""
        return tuple(dict.fromkeys(row.feature for row in self.rows))

    def values(self, feature: str) -> tuple[str, ...]:
        """Return the values of one feature in file order."""
        return tuple(row.value for row in self.rows if row.feature == feature)


@dataclass(frozen=True)
class Pool:
    """The people who can be drawn.

    ``values[i][f]`` is person ``ids[i]``'s value for ``features[f]``, spelled as in the quota table.
    ``households[i]`` is a household key (people with the same key may not sit on the same panel),
    or None when no address is known for that person.
    """

    ids: tuple[str, ...]
    features: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    households: tuple[str | None, ...] = ()

    def __len__(self) -> int:
        return len(self.ids)

    def household_of(self, index: int) -> str | None:
        """Return person ``index``'s household key, None when the pool has no addresses."""
        return self.households[index] if self.households else None


@dataclass(frozen=True)
class Problem:
    """One reason the quotas cannot be met, in plain words, with the relaxation that fixes it.

    ``code`` is stable for programs (and translations); ``params`` fills the message;
    ``relaxation`` lists the quota rows to change, each as the new ``Quota``.
    """

    code: str
    message: str
    params: dict[str, object] = field(default_factory=dict)
    relaxation: tuple[Quota, ...] = ()


@dataclass(frozen=True)
class ValueSummary:
    """How one (feature, value) fares: its quota, its share of the pool and its expected panel seats."""

    feature: str
    value: str
    min: int
    max: int
    in_pool: int
    expected_on_panel: float


@dataclass(frozen=True)
class Distribution:
    """A lottery over panels that meets the quotas, and what it means for each person.

    People are merged into ``groups`` of interchangeable members (same value on every feature,
    no shared household). Row ``j`` of ``compositions`` says how many members of each group
    panel type ``j`` takes; the lottery picks row ``j`` with probability ``weights[j]`` and then
    that many members of each group uniformly at random (see the module docstring of
    ``delaktig.engines.sortition`` for the exact, re-runnable procedure).
    """

    algorithm: str
    pool: Pool
    quotas: Quotas
    size: int
    groups: tuple[tuple[int, ...], ...]
    compositions: np.ndarray
    weights: np.ndarray
    probabilities: dict[str, float]
    households: bool = True

    @property
    def min_probability(self) -> float:
        """Return the smallest selection probability of anyone in the pool."""
        return min(self.probabilities.values())

    @property
    def panel_count(self) -> int:
        """Return how many panel compositions have positive probability."""
        return len(self.weights)


@dataclass(frozen=True)
class Audit:
    """Everything needed to check a draw afterwards: what went in, how, and what came out."""

    inputs_sha256: str
    distribution_sha256: str
    seed: str
    algorithm: str
    engine_version: str
    size: int
    uniform: float
    composition_index: int
    panel: tuple[str, ...]


@dataclass(frozen=True)
class Draw:
    """The drawn panel (ids in pool order), replacement candidates per member, and the audit record."""

    panel: tuple[str, ...]
    alternates: dict[str, tuple[str, ...]]
    audit: Audit
