"""The vote matrix: participants × statements, agree = 1, disagree = -1, pass = 0, missing = no entry.

Rows and columns are kept sorted by id, so the same set of votes gives the same matrix (and the
same analysis, bit for bit) whatever order the votes arrived in.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from delaktig.engines.errors import EngineInputError

AGREE, DISAGREE, PASS = 1, -1, 0
DENSE_ID_FACTOR = 4


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """Each participant's latest vote per statement, as a sparse matrix with explicit pass entries.

    ``votes`` is a CSR array whose stored entries are exactly the votes cast (a pass is a stored 0),
    so ``votes.indptr`` gives the number of votes per participant.
    """

    participants: np.ndarray
    statements: np.ndarray
    votes: sp.csr_array

    @property
    def shape(self) -> tuple[int, int]:
        """Return (number of participants, number of statements)."""
        return self.votes.shape

    def votes_per_participant(self) -> np.ndarray:
        """Count each participant's votes (passes included), the measure Polis uses to let them in."""
        return np.diff(self.votes.indptr)

    def statement_index(self, statement_ids: Sequence) -> np.ndarray:
        """Return a boolean column mask of the given statement ids (ids without votes are ignored)."""
        mask = np.zeros(len(self.statements), dtype=bool)
        if len(statement_ids) and len(self.statements):
            wanted = np.asarray(list(statement_ids), dtype=self.statements.dtype)
            mask[np.isin(self.statements, wanted)] = True
        return mask


def _canonical_ids(ids: np.ndarray, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Sort the distinct ids and map each input to its index; ids must all be integers or all text.

    Small non-negative integer ids (database keys) are counted instead of sorted: same result, O(n).
    """
    if ids.dtype.kind not in "iuU":
        kinds = {type(value) for value in ids.tolist()}
        if kinds <= {int}:
            ids = ids.astype(np.int64)
        elif kinds <= {str}:
            ids = ids.astype(str)
        else:
            raise EngineInputError(f"{what} ids must be all integers or all text, not a mix of {kinds}")
    if ids.dtype.kind in "iu" and len(ids) and ids.min() >= 0 and ids.max() < DENSE_ID_FACTOR * len(ids):
        present = np.bincount(ids) > 0
        return np.flatnonzero(present).astype(ids.dtype), np.cumsum(present)[ids] - 1
    return np.unique(ids, return_inverse=True)


def build_vote_matrix(
    participant_ids: Sequence,
    statement_ids: Sequence,
    votes: Sequence[int],
    timestamps: Sequence[float] | None = None,
) -> VoteMatrix:
    """Build the matrix from (participant, statement, vote) triples, keeping each pair's latest vote.

    The latest vote is the one with the largest timestamp; without timestamps (or on equal ones) the
    later triple wins (both sorts are stable), which is how a re-vote replaces the earlier one in Polis.
    """
    values = np.asarray(votes)
    if values.size and not np.isin(values, (AGREE, DISAGREE, PASS)).all():
        bad = int(np.flatnonzero(~np.isin(values, (AGREE, DISAGREE, PASS)))[0])
        raise EngineInputError(f"vote {bad + 1}: vote must be 1, -1 or 0, not {values[bad]!r}")
    if not (len(participant_ids) == len(statement_ids) == len(values)):
        raise EngineInputError("participant, statement and vote lists differ in length")
    participants, rows = _canonical_ids(np.asarray(participant_ids), "participant")
    statements, cols = _canonical_ids(np.asarray(statement_ids), "statement")
    cell = rows.astype(np.int64) * max(len(statements), 1) + cols
    if timestamps is None:
        order = np.argsort(cell, kind="stable")
    else:
        order = np.lexsort((np.asarray(timestamps, dtype=np.float64), cell))
    last = np.ones(len(order), dtype=bool)
    last[:-1] = cell[order][1:] != cell[order][:-1]
    keep = order[last]
    return _csr(participants, statements, rows[keep], cols[keep], values[keep].astype(np.float64))


def _csr(
    participants: np.ndarray, statements: np.ndarray, rows: np.ndarray, cols: np.ndarray, data: np.ndarray
) -> VoteMatrix:
    """Assemble a CSR array from entries already sorted by row then column, keeping explicit zeros."""
    indptr = np.zeros(len(participants) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(participants)), out=indptr[1:])
    matrix = sp.csr_array((data, cols.astype(np.int32), indptr), shape=(len(participants), len(statements)))
    return VoteMatrix(participants=participants, statements=statements, votes=matrix)


def vote_matrix_from_dense(participants: Sequence, statements: Sequence, dense: np.ndarray) -> VoteMatrix:
    """Build the matrix from a dense array with NaN for "no vote" (the shape of Polis's wide export)."""
    dense = np.asarray(dense, dtype=np.float64)
    rows, cols = np.nonzero(~np.isnan(dense))
    participant_ids = np.asarray(participants)[rows]
    statement_ids = np.asarray(statements)[cols]
    return build_vote_matrix(participant_ids, statement_ids, dense[rows, cols].astype(np.int64))
