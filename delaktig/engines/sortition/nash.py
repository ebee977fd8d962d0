"""Maximum Nash welfare: the lottery that maximises the product of everyone's selection probability.

Column generation as for LEXIMIN (Flanigan et al., Nature 2021): over the panels found so far,
maximise Σ_g n_g·log p_g (n_g people in group g, each with probability p_g); then ask for the
panel c with the largest Σ_g c_g / p_g, the gradient of the objective along c. At the optimum no
panel beats the number of people N who can be drawn, so ``max − N`` bounds the remaining gap.
The search stops when that gap is below 0.1 % of N or after ``ROUNDS`` rounds, so the result is
a close approximation (as is the reference implementation's), not an exact optimum.
"""

from __future__ import annotations

import numpy as np

from delaktig.engines.sortition.groups import Instance
from delaktig.engines.sortition.leximin import Progress
from delaktig.engines.sortition.solver import Columns, PanelFinder, cover

GAP = 1e-3
ROUNDS = 40
EM_STEPS = 3000


def nash(instance: Instance, *, progress: Progress | None = None) -> tuple:
    """Return (panels, weights, group probabilities) of the maximum Nash welfare lottery."""
    finder = PanelFinder(instance)
    columns = Columns(instance)
    possible = cover(finder, columns)
    people = instance.sizes[possible].sum()
    weights = np.full(len(columns.counts), 1.0 / len(columns.counts))
    for round_number in range(ROUNDS):
        weights = _master(columns.shares[:, possible], instance.sizes[possible], _extend(weights, columns))
        probabilities = weights @ columns.shares
        gradient = np.where(possible, 1.0 / np.maximum(probabilities, 1e-300), 0.0)
        if progress:
            progress(f"round {round_number + 1}: {len(columns.counts)} panels")
        if not columns.price(finder, gradient, people * (1 + GAP)):
            break
    keep = np.flatnonzero(weights > 1e-12)
    panels, weights = columns.counts[keep], weights[keep] / weights[keep].sum()
    return panels, weights, weights @ (panels / instance.sizes)


def _extend(weights: np.ndarray, columns: Columns) -> np.ndarray:
    """Return the previous weights padded for new panels, each new panel getting a small share."""
    new = len(columns.counts) - len(weights)
    start = np.concatenate([weights * (1 - 0.1 * bool(new)), np.full(new, 0.1 / max(new, 1))])
    return start / start.sum()


def _master(shares: np.ndarray, sizes: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Return the weights over known panels that maximise Σ n_g log p_g.

    This is the maximum-likelihood mixture problem, so the EM update
    x_c ← x_c · Σ_g n_g·share_cg / p_g / N climbs monotonically; it stops when the largest
    gradient exceeds N by less than the tolerance (the duality gap bound).
    """
    weights = start
    people = sizes.sum()
    for _ in range(EM_STEPS):
        gradient = shares @ (sizes / np.maximum(weights @ shares, 1e-300))
        if gradient.max() <= people * (1 + GAP / 10):
            break
        weights = weights * gradient / people
    return weights / weights.sum()
