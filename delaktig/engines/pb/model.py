"""The plain data the engine reads, counts and returns: elections, ballots and outcomes.

Money is exact: costs and budgets are ``int`` when whole and ``Fraction`` otherwise, so that a count
never depends on float rounding. Ballots are stored as one compressed sparse row (CSR) matrix, voters ×
projects, because the rules work on whole columns and rows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

Money = int | Fraction

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
POINTS_TYPES = ("cumulative", "scoring")


@dataclass(frozen=True)
class Project:
    """One project on the ballot: its id as written in the file, its cost and its other columns."""

    id: str
    cost: Money
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Return the project's display name, falling back to its id."""
        return self.columns.get("name", self.id)


@dataclass(frozen=True, eq=False)
class Ballots:
    """All ballots as CSR arrays: voter ``v`` voted for ``indices[indptr[v]:indptr[v+1]]``.

    For ordinal ballots the order within a row is the ranking, best first. ``points`` holds the
    points column when the file has one (always for cumulative and scoring ballots).
    """

    indptr: np.ndarray
    indices: np.ndarray
    points: np.ndarray | None = None

    @property
    def num_voters(self) -> int:
        """Return how many ballots there are."""
        return len(self.indptr) - 1

    def row(self, voter: int) -> np.ndarray:
        """Return the project indices on one ballot, in ballot order."""
        return self.indices[self.indptr[voter] : self.indptr[voter + 1]]

    def row_lengths(self) -> np.ndarray:
        """Return the number of projects on each ballot."""
        return np.diff(self.indptr)

    def voter_of_entry(self) -> np.ndarray:
        """Return, for each stored vote, the index of the voter who cast it."""
        return np.repeat(np.arange(self.num_voters), self.row_lengths())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ballots):
            return NotImplemented
        same_points = (self.points is None and other.points is None) or (
            self.points is not None and other.points is not None and np.array_equal(self.points, other.points)
        )
        return np.array_equal(self.indptr, other.indptr) and np.array_equal(self.indices, other.indices) and same_points

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Election:
    """A participatory-budgeting election as a pabulib file describes it.

    ``meta`` keeps every META key in file order; ``project_columns`` and ``vote_columns`` keep the
    section headers so that writing the election gives back the same file structure.
    """

    meta: dict[str, str]
    projects: tuple[Project, ...]
    ballots: Ballots
    voter_ids: tuple[str, ...]
    voter_columns: dict[str, tuple[str, ...]]
    project_columns: tuple[str, ...]
    vote_columns: tuple[str, ...]
    budget: Money

    @property
    def vote_type(self) -> str:
        """Return the ballot format named in META (approval, cumulative, scoring, ordinal, choose-1)."""
        return self.meta["vote_type"]

    @property
    def is_approval(self) -> bool:
        """Return whether ballots are approval ballots (choose-1 counts as approval)."""
        return self.vote_type in ("approval", "choose-1")

    @property
    def num_voters(self) -> int:
        """Return the number of ballots."""
        return self.ballots.num_voters

    @property
    def costs(self) -> tuple[Money, ...]:
        """Return the project costs in file order."""
        return tuple(p.cost for p in self.projects)

    def project_index(self) -> dict[str, int]:
        """Return a map from project id to its position in the file."""
        return {p.id: i for i, p in enumerate(self.projects)}

    def official_selection(self) -> tuple[str, ...] | None:
        """Return the ids the file marks as selected (its official outcome), or None without that column."""
        if "selected" not in self.project_columns:
            return None
        return tuple(p.id for p in self.projects if p.columns.get("selected", "0").strip() == "1")


@dataclass(frozen=True)
class Explanation:
    """Why a project was or was not selected, for a person to read and for a program to translate.

    ``code`` names the case (for example ``"mes-selected"`` or ``"mes-unaffordable"``); ``data`` holds the
    numbers the sentence uses, so that the web application can render it in Swedish.
    """

    code: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectResult:
    """The outcome for one project: whether it won, in which round, what its supporters paid and why."""

    id: str
    cost: Money
    selected: bool
    round: int | None
    supporters: int
    score: Money
    payments: dict[str, Fraction] | None
    explanation: Explanation


@dataclass(frozen=True)
class VoterStatistics:
    """Figures for the results page about how the outcome serves the voters."""

    voters: int
    voters_with_selected_project: int
    share_with_selected_project: float
    selected_per_voter: dict[int, int]
    spending_by_column: dict[str, dict[str, Money]]


@dataclass(frozen=True)
class Outcome:
    """The result of counting an election with one rule, with every parameter that produced it."""

    rule: str
    completion: str
    tie_breaking: str
    budget: Money
    selected: tuple[str, ...]
    total_cost: Money
    per_voter_budget: Fraction | None
    rounds: tuple[str, ...]
    projects: dict[str, ProjectResult]
    voter_statistics: VoterStatistics
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass
class RuleRun:
    """What a rule decided, before it is explained: the selection order and per-project facts.

    ``facts`` holds, for each project a rule looked at, the numbers its explanation quotes.
    """

    order: list[int]
    facts: dict[int, dict[str, Any]] = field(default_factory=dict)
    per_voter_budget: Fraction | None = None
