"""The greedy method many organisers still use, kept to compare against (the Nature paper's LEGACY).

One run fills the panel seat by seat: take the feature value whose minimum is most urgent
(seats still needed over people left), draw a random person with it, remove their housemates,
and drop everyone whose value has reached its maximum. A run that gets stuck is retried. It is
the Sortition Foundation's ``legacy`` algorithm; its selection chances are whatever the greed
gives, so we estimate them from many seeded runs.
"""

from __future__ import annotations

import numpy as np

from delaktig.engines.sortition.groups import Instance

ATTEMPTS = 100


def legacy(instance: Instance, *, runs: int = 1000, seed: int = 0) -> tuple:
    """Return (panels, weights, group probabilities) of ``runs`` seeded greedy draws, as frequencies."""
    rng = np.random.default_rng(seed)
    people = _people(instance)
    found: dict[bytes, int] = {}
    compositions: dict[bytes, np.ndarray] = {}
    for _ in range(runs):
        panel = _draw_with_retries(instance, people, rng)
        key = panel.tobytes()
        found[key] = found.get(key, 0) + 1
        compositions[key] = panel
    panels = np.array([compositions[key] for key in found])
    weights = np.array(list(found.values()), dtype=float) / runs
    return panels, weights, weights @ (panels / instance.sizes)


def _people(instance: Instance) -> np.ndarray:
    """Return the group of each person, people listed group by group."""
    return np.repeat(np.arange(instance.group_count), instance.sizes.astype(int))


def _draw_with_retries(instance: Instance, people: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Return one greedy panel as seats per group, retrying a run that gets stuck."""
    for _ in range(ATTEMPTS):
        panel = _greedy(instance, people, rng)
        if panel is not None:
            return panel
    raise ValueError(f"the legacy method found no panel in {ATTEMPTS} attempts")


def _greedy(instance: Instance, people: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
    """Return one greedy panel, None when the run gets stuck or breaks a quota."""
    incidence = instance.incidence[:, people] > 0
    household = np.full(instance.group_count, -1)
    for row, groups in enumerate(instance.housemates):
        household[list(groups)] = row
    available = np.ones(len(people), dtype=bool) & (incidence[instance.upper == 0].sum(axis=0) == 0)
    chosen = np.zeros(len(instance.lower))
    panel = np.zeros(instance.group_count, dtype=np.int64)
    for _ in range(instance.size):
        remaining = incidence[:, available].sum(axis=1)
        needed = instance.lower - chosen
        if np.any(needed > remaining):
            return None
        ratio = np.where((remaining > 0) & (instance.upper > 0), needed / np.maximum(remaining, 1), -np.inf)
        if np.all(np.isinf(ratio)):
            return None
        candidates = np.flatnonzero(available & incidence[int(np.argmax(ratio))])
        person = candidates[rng.integers(len(candidates))]
        group = people[person]
        panel[group] += 1
        chosen += instance.incidence[:, group]
        available[person] = False
        if household[group] >= 0:
            available &= household[people] != household[group]
        full = chosen >= instance.upper
        available &= ~incidence[full].any(axis=0)
    counts = instance.incidence @ panel
    if np.any(counts < instance.lower) or np.any(counts > instance.upper):
        return None
    return panel
