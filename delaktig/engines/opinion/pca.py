"""Two-component PCA of the vote matrix and Polis's sparsity-aware projection.

Polis imputes each missing vote with its statement's mean, so after centring a missing vote is 0:
the centred matrix has exactly the sparsity of the votes. We never densify it. For few statements
the exact eigenvectors of the (small, dense) Gram matrix are used; for many statements Lanczos
(ARPACK) runs on the implicit Gram matrix from a fixed start vector, so the result is deterministic
where Polis itself falls back to randomly sampled mini-batches.
"""

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, eigsh

from delaktig.engines.opinion.matrix import VoteMatrix

N_COMPONENTS = 2
DENSE_GRAM_LIMIT = 600
LANCZOS_TOLERANCE = 1e-12


@dataclass(frozen=True, eq=False)
class Pca:
    """Statement means (the imputation values) and the two principal axes, one row per axis."""

    center: np.ndarray
    components: np.ndarray


def centred_votes(matrix: VoteMatrix, zeroed: np.ndarray) -> tuple[sp.csr_array, np.ndarray]:
    """Return the mean-centred votes (zeroed statements set to 0) and the statement means.

    Zeroing a moderated-out statement gives it mean 0 and no variance: it cannot shape the map.
    """
    votes = matrix.votes
    n_statements = matrix.shape[1]
    counts = np.bincount(votes.indices, minlength=n_statements)
    sums = np.bincount(votes.indices, weights=votes.data, minlength=n_statements)
    center = np.divide(sums, counts, out=np.zeros(n_statements), where=counts > 0)
    center[zeroed] = 0.0
    data = votes.data - center[votes.indices]
    data[zeroed[votes.indices]] = 0.0
    centred = sp.csr_array((data, votes.indices, votes.indptr), shape=votes.shape)
    return centred, center


def fit_pca(matrix: VoteMatrix, zeroed: np.ndarray, previous: Pca | None = None) -> Pca:
    """Find the two principal axes of the mean-imputed vote matrix.

    Signs are fixed so the same input gives the same map: aligned with ``previous`` when given
    (the map does not flip between updates), otherwise the largest loading of each axis is positive.
    """
    centred, center = centred_votes(matrix, zeroed)
    n_participants, n_statements = matrix.shape
    n_components = min(N_COMPONENTS, n_participants, n_statements)
    axes = _top_eigenvectors(centred, n_components)
    components = np.zeros((N_COMPONENTS, n_statements))
    components[:n_components] = axes
    return Pca(center=center, components=_fix_signs(components, previous))


def _top_eigenvectors(centred: sp.csr_array, n_components: int) -> np.ndarray:
    """Return the leading eigenvectors of centredᵀ·centred as rows, largest eigenvalue first."""
    n_statements = centred.shape[1]
    if n_components == 0:
        return np.zeros((0, n_statements))
    if n_statements <= DENSE_GRAM_LIMIT:
        gram = (centred.T @ centred).toarray()
        _, vectors = scipy.linalg.eigh(gram, subset_by_index=[n_statements - n_components, n_statements - 1])
        return vectors[:, ::-1].T
    transposed = centred.T.tocsr()
    gram = LinearOperator((n_statements, n_statements), matvec=lambda x: transposed @ (centred @ x), dtype=np.float64)
    start = np.full(n_statements, 1.0 / np.sqrt(n_statements))
    values, vectors = eigsh(gram, k=n_components, v0=start, tol=LANCZOS_TOLERANCE)
    return vectors[:, np.argsort(values)[::-1]].T


def _fix_signs(components: np.ndarray, previous: Pca | None) -> np.ndarray:
    """Flip each axis to agree with the previous map, or to make its largest loading positive."""
    fixed = components.copy()
    for axis, component in enumerate(components):
        if previous is not None and len(previous.components[axis]) == len(component):
            reference = float(previous.components[axis] @ component)
        else:
            reference = float(component[np.argmax(np.abs(component))]) if len(component) else 0.0
        if reference < 0:
            fixed[axis] = -component
    return fixed


def project_participants(matrix: VoteMatrix, zeroed: np.ndarray, pca: Pca) -> np.ndarray:
    """Place each participant on the map, scaled by sqrt(statements / votes) as Polis does.

    Without the scaling, people who voted on few statements would bunch up in the middle because
    their missing votes are imputed with the mean. Zeroed statements count as voted, as in Polis.
    """
    centred, _ = centred_votes(matrix, zeroed)
    n_participants, n_statements = matrix.shape
    rows = np.repeat(np.arange(n_participants), np.diff(centred.indptr))
    own_votes = np.bincount(rows, weights=~zeroed[centred.indices], minlength=n_participants)
    n_votes = own_votes + np.count_nonzero(zeroed)
    scale = np.sqrt(n_statements / np.maximum(n_votes, 1))
    return (centred @ pca.components.T) * scale[:, None]


def project_statements(pca: Pca) -> np.ndarray:
    """Place each statement where a participant who agreed with it alone would stand.

    Its distance from the centre is the statement's extremity: how much it separates people.
    """
    n_statements = len(pca.center)
    return (np.sqrt(n_statements) * (1.0 - pca.center))[:, None] * pca.components.T
