"""The numeric view of an election that every rule counts on: utilities as sparse arrays.

Utilities follow pabutools' conventions so that outcomes can be checked against it:
approval ballots give 1 per approved project (MES then prices in cost utilities, the equalshares.net
convention), points ballots give their points, and ordinal ballots give the Borda score
(ballot length minus position minus one, so the last-ranked project scores 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import pairwise

import numpy as np

from delaktig.engines.errors import EngineInputError
from delaktig.engines.pb.model import Election, Money

TIE_BREAKING = ("lexicographic", "min-cost", "max-cost", "max-score")


@dataclass(frozen=True, eq=False)
class Profile:
    """Utilities of an election, row-wise (per voter) and column-wise (per project, positive only).

    ``row_*`` arrays list each voter's positive utilities; ``col_*`` arrays list each project's supporters
    with their utilities; ``padded_*`` hold the rows as a voters × longest-ballot table (padding points
    at the extra project index ``num_projects`` with utility 0), so a set of rows is one gather.
    ``scores`` are the utilitarian totals greedy ranks by (approvals, points, Borda).
    """

    ids: tuple[str, ...]
    costs: tuple[Money, ...]
    budget: Money
    num_voters: int
    cost_utilities: bool
    row_ptr: np.ndarray
    row_projects: np.ndarray
    row_utils: np.ndarray
    col_ptr: np.ndarray
    col_voters: np.ndarray
    col_utils: np.ndarray
    col_totals: np.ndarray
    padded_projects: np.ndarray
    padded_utils: np.ndarray
    scores: tuple[int, ...]
    mentions: np.ndarray

    @property
    def num_projects(self) -> int:
        """Return the number of projects."""
        return len(self.ids)

    def supporters(self, project: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the voters with positive utility for a project and their utilities."""
        return self._columns[project]

    @cached_property
    def _columns(self) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """Slice every project's supporters once: MES asks for them several times per round."""
        ends = self.col_ptr.tolist()
        return tuple((self.col_voters[a:b], self.col_utils[a:b]) for a, b in pairwise(ends))

    def scale(self, project: int) -> Money:
        """Return the factor that turns a price per utility unit into MES's affordability for a project.

        With cost utilities (approval ballots) a supporter's utility is the cost, so the affordability is
        the price each supporter pays divided by the cost; with additive utilities it is the price itself.
        """
        return self.costs[project] if self.cost_utilities else 1


def _entry_utilities(election: Election) -> np.ndarray:
    """Return the utility of every stored vote, in CSR order."""
    ballots = election.ballots
    if election.is_approval:
        return np.ones(len(ballots.indices), dtype=np.int64)
    if election.vote_type == "ordinal":
        lengths = ballots.row_lengths()
        position = np.arange(len(ballots.indices)) - np.repeat(ballots.indptr[:-1], lengths)
        return np.repeat(lengths, lengths) - position - 1
    assert ballots.points is not None
    return ballots.points.astype(np.int64)


def _padded_rows(
    row_ptr: np.ndarray, row_projects: np.ndarray, row_utils: np.ndarray, num_projects: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return the CSR rows as two voters × longest-ballot tables (projects and utilities)."""
    lengths = np.diff(row_ptr)
    width = int(lengths.max(initial=0))
    projects = np.full((len(lengths), width), num_projects, dtype=np.int32)
    utils = np.zeros((len(lengths), width), dtype=np.int64)
    columns = np.arange(len(row_projects)) - np.repeat(row_ptr[:-1], lengths)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    projects[rows, columns] = row_projects
    utils[rows, columns] = row_utils
    return projects, utils


def build_profile(election: Election) -> Profile:
    """Turn an election's ballots into the utility arrays the rules count on."""
    ballots = election.ballots
    utils = _entry_utilities(election)
    voters = ballots.voter_of_entry()
    m = len(election.projects)
    scores = np.bincount(ballots.indices, weights=utils, minlength=m)
    positive = utils > 0
    row_projects, row_utils, row_voters = ballots.indices[positive], utils[positive], voters[positive]
    row_ptr = np.concatenate(([0], np.cumsum(np.bincount(row_voters, minlength=election.num_voters))))
    order = np.argsort(row_projects, kind="stable")
    col_ptr = np.concatenate(([0], np.cumsum(np.bincount(row_projects, minlength=m))))
    padded_projects, padded_utils = _padded_rows(row_ptr, row_projects, row_utils, m)
    return Profile(
        ids=tuple(p.id for p in election.projects),
        costs=election.costs,
        budget=election.budget,
        num_voters=election.num_voters,
        cost_utilities=election.is_approval,
        row_ptr=row_ptr.astype(np.int64),
        row_projects=row_projects.astype(np.int64),
        row_utils=row_utils,
        col_ptr=col_ptr.astype(np.int64),
        col_voters=row_voters[order].astype(np.int64),
        col_utils=row_utils[order],
        col_totals=np.bincount(row_projects, weights=row_utils, minlength=m).astype(np.int64),
        padded_projects=padded_projects,
        padded_utils=padded_utils,
        scores=tuple(int(s) for s in np.rint(scores)),
        mentions=np.bincount(ballots.indices, minlength=m),
    )


def tie_ranks(profile: Profile, tie_breaking: str) -> tuple[int, ...]:
    """Return each project's place in the tie-breaking order (lower wins a tie).

    ``lexicographic`` orders by project id as text, which is pabutools' default; the other orders
    fall back to it among projects they cannot separate, so every order is total and deterministic.
    """
    keys = {
        "lexicographic": lambda p: (profile.ids[p],),
        "min-cost": lambda p: (Fraction(profile.costs[p]), profile.ids[p]),
        "max-cost": lambda p: (-Fraction(profile.costs[p]), profile.ids[p]),
        "max-score": lambda p: (-profile.scores[p], profile.ids[p]),
    }
    if tie_breaking not in keys:
        raise EngineInputError(f"unknown tie-breaking {tie_breaking!r}; choose one of {', '.join(TIE_BREAKING)}")
    order = sorted(range(profile.num_projects), key=keys[tie_breaking])
    ranks = [0] * profile.num_projects
    for rank, project in enumerate(order):
        ranks[project] = rank
    return tuple(ranks)
