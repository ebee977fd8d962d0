"""Polis's weighted k-means with warm starts, its silhouette and its smoothing of the group count.

Polis clusters in two levels: about 100 "base clusters" of participants, then 2–5 opinion groups of
base-cluster centres weighted by their sizes. Each update starts from the previous update's
clusters (re-centred on the members' new positions, split at the most distant point when more
clusters are possible), which keeps groups and their numbers stable while a conversation grows.
"""

from dataclasses import dataclass

import numpy as np

SAME_CENTER_TOLERANCE = 0.01
CHUNK = 8192
BOUND_SLACK = 1e-9


@dataclass(frozen=True, eq=False)
class Clustering:
    """Clusters of points identified by id: cluster ``ids`` with their ``centers``, and a label per point."""

    ids: np.ndarray
    centers: np.ndarray
    point_ids: np.ndarray
    labels: np.ndarray

    def sizes(self) -> np.ndarray:
        """Count the points in each cluster, in the order of ``ids``."""
        return np.bincount(np.searchsorted(self.ids, self.labels), minlength=len(self.ids))


@dataclass(frozen=True)
class KSmoother:
    """Polis's memory of the group count: the best k of the last update, how often in a row, and the k used."""

    last_k: int
    last_k_count: int
    smoothed_k: int


def kmeans(
    point_ids: np.ndarray,
    points: np.ndarray,
    weights: np.ndarray,
    k: int,
    max_iters: int,
    previous: Clustering | None = None,
) -> Clustering:
    """Cluster the points into at most k clusters by weighted Lloyd iterations.

    Start from ``previous`` when given, otherwise from the first k distinct points (the points come
    in id order, so the start is deterministic). Stop when no centre moves 0.01 or after
    ``max_iters`` further steps; empty clusters disappear, as in Polis.
    """
    if previous is not None and len(previous.ids):
        ids, centers = _warm_start(point_ids, points, weights, k, previous)
    else:
        centers = _first_distinct(points, k)
        ids = np.arange(len(centers))
    bounds = _Bounds.exact(points, centers)
    for _ in range(max_iters + 1):
        counts = np.bincount(bounds.labels, minlength=len(centers))
        _, moved = _weighted_centers(points, weights, bounds.labels, len(centers))
        keep = counts > 0
        converged = _same_centers(centers, moved[keep])
        bounds = bounds.shifted(np.linalg.norm(moved - centers, axis=1), keep)
        ids, centers = ids[keep], moved[keep]
        if converged:
            break
        bounds = bounds.tightened(points, centers)
    labels = bounds.tightened(points, centers).labels
    return Clustering(ids=ids, centers=centers, point_ids=point_ids, labels=ids[labels])


def _first_distinct(points: np.ndarray, k: int) -> np.ndarray:
    """Return the first k distinct rows, in their order of appearance."""
    _, first = np.unique(points, axis=0, return_index=True)
    return points[np.sort(first)[:k]]


def _distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Return the squared distance of every point to every centre, computed exactly (no expansion)."""
    return (points[:, None, 0] - centers[None, :, 0]) ** 2 + (points[:, None, 1] - centers[None, :, 1]) ** 2


def _nearest_distance(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Return each point's distance to its nearest centre."""
    return np.sqrt(_distances(points, centers).min(axis=1))


@dataclass(frozen=True, eq=False)
class _Bounds:
    """Each point's nearest centre with Hamerly's bounds, so Lloyd steps skip points that cannot move.

    ``upper`` bounds the distance to the assigned centre from above, ``lower`` the distance to any
    other centre from below; while upper < lower the assignment is provably unchanged, so the result
    is exactly Lloyd's (ties are always recomputed: the first nearest centre wins).
    """

    labels: np.ndarray
    upper: np.ndarray
    lower: np.ndarray

    @classmethod
    def exact(cls, points: np.ndarray, centers: np.ndarray) -> "_Bounds":
        """Compute nearest and second-nearest distances for every point, in bounded memory."""
        labels = np.empty(len(points), dtype=np.int64)
        upper, lower = np.empty(len(points)), np.full(len(points), np.inf)
        for start in range(0, len(points), CHUNK):
            squared = _distances(points[start : start + CHUNK], centers)
            rows = np.arange(len(squared))
            nearest = squared.argmin(axis=1)
            labels[start : start + CHUNK] = nearest
            upper[start : start + CHUNK] = np.sqrt(squared[rows, nearest])
            if centers.shape[0] > 1:
                squared[rows, nearest] = np.inf
                lower[start : start + CHUNK] = np.sqrt(squared.min(axis=1))
        return cls(labels, upper, lower)

    def shifted(self, movement: np.ndarray, keep: np.ndarray) -> "_Bounds":
        """Loosen the bounds by how far the centres moved, and renumber after dropping empty clusters."""
        renumber = np.cumsum(keep) - 1
        largest = movement[keep].max() if keep.any() else 0.0
        return _Bounds(renumber[self.labels], self.upper + movement[self.labels], self.lower - largest)

    def tightened(self, points: np.ndarray, centers: np.ndarray) -> "_Bounds":
        """Recompute exactly the points whose bounds no longer prove their assignment."""
        slack = BOUND_SLACK * (1.0 + self.upper)
        unsure = np.flatnonzero(self.upper + slack >= self.lower)
        if not len(unsure):
            return self
        fresh = _Bounds.exact(points[unsure], centers)
        labels, upper, lower = self.labels.copy(), self.upper.copy(), self.lower.copy()
        labels[unsure], upper[unsure], lower[unsure] = fresh.labels, fresh.upper, fresh.lower
        return _Bounds(labels, upper, lower)


def _weighted_centers(
    points: np.ndarray, weights: np.ndarray, labels: np.ndarray, n_clusters: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return each cluster's total weight and weighted mean (NaN for empty clusters)."""
    total = np.bincount(labels, weights=weights, minlength=n_clusters)
    sums = np.stack(
        [np.bincount(labels, weights=weights * points[:, axis], minlength=n_clusters) for axis in (0, 1)],
        axis=1,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return total, sums / total[:, None]


def _same_centers(old: np.ndarray, new: np.ndarray) -> bool:
    """Tell whether the sorted centres moved less than the tolerance (Polis's convergence test)."""
    n = min(len(old), len(new))
    old_sorted = old[np.lexsort(old.T[::-1])][:n]
    new_sorted = new[np.lexsort(new.T[::-1])][:n]
    return bool(np.all(np.linalg.norm(old_sorted - new_sorted, axis=1) < SAME_CENTER_TOLERANCE))


def _warm_start(
    point_ids: np.ndarray, points: np.ndarray, weights: np.ndarray, k: int, previous: Clustering
) -> tuple[np.ndarray, np.ndarray]:
    """Re-centre the previous clusters on their members' current positions, then split off outliers.

    While fewer clusters exist than k (and than distinct points), the point farthest from every
    centre becomes a cluster of its own: new opinions get room without disturbing the old groups.
    """
    labels = _previous_labels(point_ids, previous)
    if not np.any(labels >= 0):
        labels = np.full(len(points), previous.ids.max() + 1)
    ids, labels = _merge_identical(points, weights, np.unique(labels[labels >= 0]), labels)
    possible = min(k, len(np.unique(points, axis=0)))
    while True:
        index = np.searchsorted(ids, labels)
        member = labels >= 0
        _, centers = _weighted_centers(points[member], weights[member], index[member], len(ids))
        if len(ids) >= possible:
            return ids, centers
        distances = _nearest_distance(points, centers)
        outlier = int(np.argmax(distances))
        if distances[outlier] <= 0:
            return ids, centers
        labels[outlier] = ids.max() + 1
        ids = np.unique(labels[labels >= 0])


def _previous_labels(point_ids: np.ndarray, previous: Clustering) -> np.ndarray:
    """Return each point's cluster id in the previous clustering, or -1 for points new to it."""
    order = np.argsort(previous.point_ids, kind="stable")
    known = previous.point_ids[order]
    position = np.clip(np.searchsorted(known, point_ids), 0, max(len(known) - 1, 0))
    found = len(known) > 0
    matches = found & (known[position] == point_ids) if found else np.zeros(len(point_ids), dtype=bool)
    return np.where(matches, previous.labels[order][position], -1)


def _merge_identical(
    points: np.ndarray, weights: np.ndarray, ids: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Merge clusters whose re-centred centres coincide, keeping the id of the larger one."""
    index = np.searchsorted(ids, labels)
    member = labels >= 0
    _, centers = _weighted_centers(points[member], weights[member], index[member], len(ids))
    sizes = np.bincount(index[member], minlength=len(ids))
    _, groups = np.unique(centers, axis=0, return_inverse=True)
    survivor = np.full(groups.max() + 1, -1, dtype=ids.dtype)
    for position in np.argsort(-sizes, kind="stable"):
        if survivor[groups[position]] < 0:
            survivor[groups[position]] = ids[position]
    relabelled = np.where(member, survivor[groups][index.clip(0, len(ids) - 1)], -1)
    return np.unique(relabelled[member]), relabelled


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Return the mean silhouette of the points (Polis: a point alone in its cluster scores 0).

    Polis computes it on the base-cluster centres without weights, which is what we do.
    """
    distances = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return 0.0
    member = labels[:, None] == clusters[None, :]
    sums = distances @ member
    counts = member.sum(axis=0).astype(np.float64)
    own = member.argmax(axis=1)
    own_count = counts[own] - 1
    a = np.divide(sums[np.arange(len(points)), own], own_count, out=np.zeros(len(points)), where=own_count > 0)
    means = sums / counts[None, :]
    means[np.arange(len(points)), own] = np.inf
    b = means.min(axis=1)
    scale = np.maximum(a, b)
    scores = np.divide(b - a, scale, out=np.zeros(len(points)), where=(own_count > 0) & (scale > 0))
    return float(scores.mean())


def smooth_k(this_k: int, previous: KSmoother | None, buffer: int, available: set[int]) -> KSmoother:
    """Switch to a new group count only after it was the best ``buffer`` updates in a row."""
    same = previous is not None and previous.last_k == this_k
    count = previous.last_k_count + 1 if same and previous is not None else 1
    if count >= buffer or previous is None or previous.smoothed_k not in available:
        smoothed = this_k
    else:
        smoothed = previous.smoothed_k
    return KSmoother(last_k=this_k, last_k_count=count, smoothed_k=smoothed)
