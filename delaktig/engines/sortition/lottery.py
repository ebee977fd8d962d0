"""The public draw: pick one panel from a distribution with a seed anyone can re-run.

See the package docstring (``delaktig.engines.sortition``) for the procedure in words.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np

from delaktig import __version__
from delaktig.engines.sortition.model import Audit, Distribution, Draw, Pool, Quotas

DRAW_VERSION = "delaktig-sortition-draw-1"
UNIFORM_HEX_DIGITS = 13  # 52 bits: every such fraction is exact in a double


def uniform(seed: str) -> float:
    """Return the number in [0, 1) that the seed picks: the first 13 hex digits of SHA-256("panel:" + seed)."""
    digest = hashlib.sha256(f"panel:{seed}".encode()).hexdigest()
    return int(digest[:UNIFORM_HEX_DIGITS], 16) / 16**UNIFORM_HEX_DIGITS


def ticket(seed: str, person: str) -> str:
    """Return a person's lottery ticket: SHA-256 of seed + ":" + id, in hex; lower tickets are drawn first."""
    return hashlib.sha256(f"{seed}:{person}".encode()).hexdigest()


def canonical_panels(distribution: Distribution) -> list[tuple[tuple[tuple[str, int], ...], float]]:
    """Return the distribution's panel types in canonical order with their probabilities.

    A panel type is written as (smallest id of a group, seats for that group) pairs for every group
    with seats, in order of those ids; the types are sorted by that list.
    """
    ids = distribution.pool.ids
    keys = [min(ids[i] for i in group) for group in distribution.groups]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    panels = [
        (tuple((keys[g], int(counts[g])) for g in order if counts[g] > 0), float(weight))
        for counts, weight in zip(distribution.compositions, distribution.weights, strict=True)
    ]
    return sorted(panels)


def draw(distribution: Distribution, seed: str, *, alternates: int = 3) -> Draw:
    """Draw the panel that ``seed`` picks from ``distribution``, with alternates and an audit record."""
    panels = canonical_panels(distribution)
    point = uniform(seed)
    chosen, total = len(panels) - 1, 0.0
    for index, (_, weight) in enumerate(panels):
        total += weight
        if point < total:
            chosen = index
            break
    seats = dict(panels[chosen][0])
    group_of_key = {min(distribution.pool.ids[i] for i in g): g for g in distribution.groups}
    selected: list[int] = []
    for key, count in seats.items():
        members = sorted(group_of_key[key], key=lambda i: (ticket(seed, distribution.pool.ids[i]), i))
        selected.extend(members[:count])
    selected.sort()
    panel = tuple(distribution.pool.ids[i] for i in selected)
    audit = Audit(
        inputs_sha256=inputs_sha256(distribution.pool, distribution.quotas, distribution.size, distribution.households),
        distribution_sha256=distribution_sha256(distribution),
        seed=seed,
        algorithm=distribution.algorithm,
        engine_version=__version__,
        size=distribution.size,
        uniform=point,
        composition_index=chosen,
        panel=panel,
    )
    return Draw(panel, replacement_lists(distribution, selected, seed, alternates), audit)


def replacement_lists(distribution: Distribution, selected: list[int], seed: str, limit: int) -> dict[str, tuple]:
    """Return, for each panel member, up to ``limit`` people who can take their seat and keep the quotas.

    A candidate keeps every quota when swapped in alone and shares no household with the rest of
    the panel. Candidates with the same profile come first (they change no count), then the
    others; within each, in ticket order.
    """
    pool, quotas = distribution.pool, distribution.quotas
    if limit <= 0:
        return {pool.ids[member]: () for member in selected}
    rows = _person_rows(pool, quotas)
    counts = np.bincount(rows[selected].ravel(), minlength=len(quotas.rows))
    can_leave = counts - 1 >= np.array([q.min for q in quotas.rows])
    can_join = counts + 1 <= np.array([q.max for q in quotas.rows])
    seated = set(selected)
    outside = np.array(sorted(set(range(len(pool))) - seated, key=lambda i: (ticket(seed, pool.ids[i]), i)), dtype=int)
    result = {}
    for member in selected:
        agree = rows[outside] == rows[member]
        same = agree.all(axis=1)
        fits = np.all(agree | (can_leave[rows[member]][None, :] & can_join[rows[outside]]), axis=1)
        fits &= _household_free(distribution, outside, seated - {member})
        ranked = np.concatenate([outside[fits & same], outside[fits & ~same]])
        result[pool.ids[member]] = tuple(pool.ids[c] for c in ranked[:limit])
    return result


def _household_free(distribution: Distribution, candidates: np.ndarray, seated: set[int]) -> np.ndarray:
    """Return which candidates share no household with anyone in ``seated``."""
    pool = distribution.pool
    if not (distribution.households and pool.households):
        return np.ones(len(candidates), dtype=bool)
    taken = {pool.household_of(i) for i in seated} - {None}
    return np.array([pool.household_of(c) not in taken for c in candidates], dtype=bool)


def _person_rows(pool: Pool, quotas: Quotas) -> np.ndarray:
    """Return, per person and feature, the quota row of the person's value (people × features)."""
    index = {(q.feature, q.value): r for r, q in enumerate(quotas.rows)}
    return np.array([[index[(f, v)] for f, v in zip(pool.features, profile, strict=True)] for profile in pool.values])


def inputs_sha256(pool: Pool, quotas: Quotas, size: int, households: bool) -> str:
    """Return the SHA-256 of the inputs in canonical JSON (pool in file order, quotas, size, household rule)."""
    document = {
        "people": [
            [person, *profile, pool.household_of(i)]
            for i, (person, profile) in enumerate(zip(pool.ids, pool.values, strict=True))
        ],
        "features": list(pool.features),
        "quotas": [[q.feature, q.value, q.min, q.max] for q in quotas.rows],
        "size": size,
        "households": households,
    }
    return _sha256_json(document)


def distribution_sha256(distribution: Distribution) -> str:
    """Return the SHA-256 of the canonical panel list (``canonical_panels``) with weights as decimal text."""
    return _sha256_json([[list(map(list, key)), repr(weight)] for key, weight in canonical_panels(distribution)])


def _sha256_json(document: object) -> str:
    """Return the SHA-256 of a document as compact JSON with sorted keys and UTF-8 text."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
