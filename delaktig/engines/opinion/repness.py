"""What each group stands for and what unites everyone: Polis's statement statistics.

Every probability carries a pseudo-count (+1 success, +2 trials) so that a statement seen by two
people cannot look unanimous; a statement counts only where a one-sided test passes at 90 %.
"""

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from scipy.stats import norm

from delaktig.engines.opinion.matrix import AGREE, DISAGREE

Direction = Literal["agree", "disagree"]
PICK_MAX = 5
CONFIDENCE = 0.90
CONSENSUS_MIN_PROBABILITY = 0.5
META_PRIORITY = 7.0
NEW_STATEMENT_BOOST = 8.0


@dataclass(frozen=True)
class VoteCounts:
    """Agree, disagree and seen (any vote) counts, one row per group and one column per statement."""

    agree: np.ndarray
    disagree: np.ndarray
    seen: np.ndarray


@dataclass(frozen=True)
class GroupStatistics:
    """Polis's per-group statement statistics: probabilities, representativeness and their z-scores."""

    counts: VoteCounts
    p_agree: np.ndarray
    p_disagree: np.ndarray
    p_agree_test: np.ndarray
    p_disagree_test: np.ndarray
    r_agree: np.ndarray
    r_disagree: np.ndarray
    r_agree_test: np.ndarray
    r_disagree_test: np.ndarray


@dataclass(frozen=True)
class StatementTally:
    """How a set of participants voted on one statement, in one direction, with its z-score."""

    statement: object
    direction: Direction
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True)
class RepresentativeStatement(StatementTally):
    """A statement that sets a group apart: how the group voted on it and how unusual that is."""

    repness: float
    repness_test: float
    best_agree: bool = False


@dataclass(frozen=True)
class ConsensusStatement(StatementTally):
    """A statement most participants agree (or disagree) with, whatever their group."""


def count_votes(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, groups: np.ndarray, shape) -> VoteCounts:
    """Count agree/disagree/any votes per (group, statement) from the votes' coordinates.

    ``groups`` gives the group index (0..g-1) of each vote's row; ``shape`` is (g, statements).
    """
    n_groups, n_statements = shape
    cell = groups[rows] * n_statements + cols
    size = n_groups * n_statements

    def tally(mask: np.ndarray) -> np.ndarray:
        return np.bincount(cell[mask], minlength=size).reshape(shape)

    return VoteCounts(
        agree=tally(values == AGREE), disagree=tally(values == DISAGREE), seen=tally(np.ones_like(cell, bool))
    )


def probability(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Return the smoothed share (successes + 1) / (trials + 2)."""
    return (successes + 1.0) / (trials + 2.0)


def one_proportion_test(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Return Polis's z-score that the smoothed share exceeds one half."""
    successes, trials = successes + 1.0, trials + 1.0
    return 2.0 * np.sqrt(trials) * (successes / trials - 0.5)


def two_proportion_test(
    success_in: np.ndarray, success_out: np.ndarray, trials_in: np.ndarray, trials_out: np.ndarray
) -> np.ndarray:
    """Return the z-score that the group's share exceeds everyone else's (0 when both are certain)."""
    success_in, success_out = success_in + 1.0, success_out + 1.0
    trials_in, trials_out = trials_in + 1.0, trials_out + 1.0
    pooled = (success_in + success_out) / (trials_in + trials_out)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / trials_in + 1 / trials_out))
    difference = success_in / trials_in - success_out / trials_out
    return np.divide(difference, spread, out=np.zeros_like(difference), where=pooled != 1)


def group_statistics(counts: VoteCounts) -> GroupStatistics:
    """Compare each group with all other clustered participants, statement by statement."""
    others = VoteCounts(
        agree=counts.agree.sum(axis=0) - counts.agree,
        disagree=counts.disagree.sum(axis=0) - counts.disagree,
        seen=counts.seen.sum(axis=0) - counts.seen,
    )
    p_agree = probability(counts.agree, counts.seen)
    p_disagree = probability(counts.disagree, counts.seen)
    return GroupStatistics(
        counts=counts,
        p_agree=p_agree,
        p_disagree=p_disagree,
        p_agree_test=one_proportion_test(counts.agree, counts.seen),
        p_disagree_test=one_proportion_test(counts.disagree, counts.seen),
        r_agree=p_agree / probability(others.agree, others.seen),
        r_disagree=p_disagree / probability(others.disagree, others.seen),
        r_agree_test=two_proportion_test(counts.agree, others.agree, counts.seen, others.seen),
        r_disagree_test=two_proportion_test(counts.disagree, others.disagree, counts.seen, others.seen),
    )


def critical_value(confidence: float = CONFIDENCE) -> float:
    """Return the one-sided z cut-off for the confidence level (1.2816 at 90 %)."""
    return float(norm.ppf(confidence))


def representative_statements(
    stats: GroupStatistics, statements: np.ndarray, candidates: np.ndarray, pick_max: int = PICK_MAX
) -> list[list[RepresentativeStatement]]:
    """Choose up to ``pick_max`` statements per group, as Polis does (one list per group row).

    The group's best-agreed statement comes first (so every group shows something it agrees on),
    then significant statements by repness × its z × probability × its z; agrees before disagrees.
    """
    return [
        _select_for_group(stats, group, statements, np.flatnonzero(candidates), pick_max)
        for group in range(stats.counts.seen.shape[0])
    ]


def _select_for_group(
    stats: GroupStatistics, group: int, statements: np.ndarray, columns: np.ndarray, pick_max: int
) -> list[RepresentativeStatement]:
    """Select one group's representative statements (see ``representative_statements``)."""
    z = critical_value()
    best_agree = _best_agree(stats, group, columns, z)
    head = best_agree
    significant = [
        column
        for column in columns
        if (stats.p_agree_test[group, column] > z and stats.r_agree_test[group, column] > z)
        or (stats.p_disagree_test[group, column] > z and stats.r_disagree_test[group, column] > z)
    ]
    if head is None and not significant and len(columns):
        tests = np.maximum(stats.r_agree_test[group, columns], stats.r_disagree_test[group, columns])
        head = int(columns[int(np.argmax(tests))])
    if head is None:
        return []
    ranked = sorted(
        (_representative(stats, group, column, statements) for column in significant),
        key=lambda s: -(s.repness * s.repness_test * s.p_success * s.p_test),
    )
    first = replace(_representative(stats, group, head, statements), best_agree=head == best_agree)
    chosen = [first, *(s for s in ranked if s.statement != first.statement)][:pick_max]
    return sorted(chosen, key=lambda s: s.direction)


def _best_agree(stats: GroupStatistics, group: int, columns: np.ndarray, z: float) -> int | None:
    """Find the statement the group most clearly agrees with, scanning in statement order."""
    best = None
    for column in columns:
        if stats.counts.agree[group, column] == 0 and stats.counts.disagree[group, column] == 0:
            continue
        if best is None:
            good = stats.p_agree_test[group, column] > z or (
                stats.r_agree[group, column] > 1.0 and stats.p_agree[group, column] > 0.5
            )
            best = column if good else None
        elif _agree_metric(stats, group, column, best) > _agree_metric(stats, group, best, best):
            best = column
    return None if best is None else int(best)


def _agree_metric(stats: GroupStatistics, group: int, column: int, best: int) -> float:
    """Score agreement: with repness once the best so far is representative, by probability before."""
    metric = stats.p_agree[group, column] * stats.p_agree_test[group, column]
    if stats.r_agree[group, best] > 1.0:
        metric *= stats.r_agree[group, column] * stats.r_agree_test[group, column]
    return float(metric)


def _representative(stats: GroupStatistics, group: int, column: int, statements: np.ndarray) -> RepresentativeStatement:
    """Describe one statement for one group in the direction whose repness test is stronger."""
    agree = stats.r_agree_test[group, column] > stats.r_disagree_test[group, column]
    counts = stats.counts
    return RepresentativeStatement(
        statement=statements[column].item(),
        direction="agree" if agree else "disagree",
        n_success=int((counts.agree if agree else counts.disagree)[group, column]),
        n_trials=int(counts.seen[group, column]),
        p_success=float((stats.p_agree if agree else stats.p_disagree)[group, column]),
        p_test=float((stats.p_agree_test if agree else stats.p_disagree_test)[group, column]),
        repness=float((stats.r_agree if agree else stats.r_disagree)[group, column]),
        repness_test=float((stats.r_agree_test if agree else stats.r_disagree_test)[group, column]),
    )


def consensus_statements(
    counts: VoteCounts, statements: np.ndarray, candidates: np.ndarray, pick_max: int = PICK_MAX
) -> dict[Direction, list[ConsensusStatement]]:
    """Choose the statements most participants agree with, and those most disagree with.

    A statement qualifies when its smoothed share exceeds one half and the one-sided test passes;
    the strongest (share × z) come first. ``counts`` has a single row: everyone.
    """
    z = critical_value()
    chosen: dict[Direction, list[ConsensusStatement]] = {}
    for direction, successes in (("agree", counts.agree[0]), ("disagree", counts.disagree[0])):
        share = probability(successes, counts.seen[0])
        test = one_proportion_test(successes, counts.seen[0])
        eligible = np.flatnonzero(candidates & (share > CONSENSUS_MIN_PROBABILITY) & (test > z))
        best = eligible[np.argsort(-(share * test)[eligible], kind="stable")][:pick_max]
        chosen[direction] = [
            ConsensusStatement(
                statement=statements[column].item(),
                direction=direction,
                n_success=int(successes[column]),
                n_trials=int(counts.seen[0, column]),
                p_success=float(share[column]),
                p_test=float(test[column]),
            )
            for column in best
        ]
    return chosen


def group_aware_consensus(stats: GroupStatistics) -> tuple[np.ndarray, np.ndarray]:
    """Multiply the groups' agree (and disagree) probabilities: high only if every group concurs."""
    return stats.p_agree.prod(axis=0), stats.p_disagree.prod(axis=0)


def priorities(counts: VoteCounts, extremity: np.ndarray, is_meta: np.ndarray) -> np.ndarray:
    """Score which statement to show a voter next (Polis's comment priority, squared to sharpen it).

    Agreed, engaging (not passed) and divisive (extreme) statements rank high; a statement with few
    votes gets up to nine times the score, so new statements are seen; meta statements get 7².
    """
    agree, disagree, seen = (part.sum(axis=0) for part in (counts.agree, counts.disagree, counts.seen))
    passed = seen - agree - disagree
    importance = probability(agree, seen) * (1 - probability(passed, seen)) * (1 + extremity)
    newness = 1 + NEW_STATEMENT_BOOST * np.power(2.0, -seen / 5.0)
    return np.where(is_meta, META_PRIORITY, importance * newness) ** 2
