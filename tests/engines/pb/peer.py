"""pabutools 1.2.3 as the oracle: the same rules, called the way its documentation shows.

Utilities follow the conventions our engine documents: approval ballots count approvals for the greedy
rules (``Cost_Sat`` makes pabutools' satisfaction-per-cost equal to the approval count) and use cost
utilities for MES; points ballots use the points (times the cost for greedy, so that greedy orders by
total points); ordinal ballots use pabutools' Borda score (ballot length minus position minus one).
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

from pabutools.election import (
    AbstractApprovalProfile,
    AbstractOrdinalProfile,
    Additive_Borda_Sat,
    Additive_Cardinal_Sat,
    Cardinality_Sat,
    Cost_Sat,
    Instance,
    Profile,
    parse_pabulib,
)
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.election.satisfaction import AdditiveSatisfaction
from pabutools.election.satisfaction.positionalsatisfaction import borda_sat_func
from pabutools.fractions import frac
from pabutools.rules import (
    BudgetAllocation,
    greedy_utilitarian_welfare,
    max_additive_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)
from pabutools.rules.mes.mes_rule import method_of_equal_shares_scheme
from pabutools.tiebreaking import lexico_tie_breaking

PEER_VERSION = "pabutools 1.2.3"


def _score(ballot, project):
    """Return a voter's score for a project for points and ordinal ballots."""
    if hasattr(ballot, "position"):
        return borda_sat_func(ballot, project)
    return ballot.get(project, 0)


class ScoreSat(AdditiveSatisfaction):
    """Additive satisfaction equal to the points (or Borda score) a ballot gives a project."""

    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, lambda i, p, b, proj, pre: _score(b, proj))


class ScoreTimesCostSat(AdditiveSatisfaction):
    """Additive satisfaction points × cost, so that pabutools' greedy orders by total points."""

    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, lambda i, p, b, proj, pre: _score(b, proj) * proj.cost)


def load(path_or_text: str | Path) -> tuple[Instance, Profile]:
    """Parse a pabulib file (a path, or the text itself) with pabutools."""
    if isinstance(path_or_text, Path) or "\n" not in path_or_text:
        return parse_pabulib(str(path_or_text))
    return parse_pabulib_from_string(path_or_text)


def is_approval(profile: Profile) -> bool:
    """Return whether the profile holds approval ballots."""
    return isinstance(profile, AbstractApprovalProfile)


def _greedy_sat(profile: Profile):
    return Cost_Sat if is_approval(profile) else ScoreTimesCostSat


def _mes_sat(profile: Profile):
    if is_approval(profile):
        return Cost_Sat
    if isinstance(profile, AbstractOrdinalProfile):
        return Additive_Borda_Sat
    return Additive_Cardinal_Sat


def names(allocation) -> list[str]:
    """Return the project names of an allocation, sorted."""
    return sorted(p.name for p in allocation)


def greedy(instance: Instance, profile: Profile, initial=None) -> list[str]:
    """Return pabutools' utilitarian greedy outcome (by approvals or total points)."""
    return names(
        greedy_utilitarian_welfare(instance, profile, sat_class=_greedy_sat(profile), initial_budget_allocation=initial)
    )


def mes(instance: Instance, profile: Profile, add1: bool) -> list[str]:
    """Return pabutools' Method of Equal Shares outcome, with the add1 completion when asked."""
    return names(_mes(instance, profile, add1))


def _mes(instance: Instance, profile: Profile, add1: bool):
    return method_of_equal_shares(
        instance, profile, sat_class=_mes_sat(profile), voter_budget_increment=1 if add1 else None
    )


def add1u(instance: Instance, profile: Profile, add1_outcome: list[str] | None = None) -> list[str]:
    """Return MES+add1 completed by utilitarian greedy, as ``completion_by_rule_combination`` does.

    ``completion_by_rule_combination`` runs MES+add1 and, when the outcome is not exhaustive, greedy with
    that outcome as the initial allocation; a recorded add1 outcome can be passed to skip the rerun.
    """
    if add1_outcome is None:
        start = list(_mes(instance, profile, True))
    else:
        start = [instance.get_project(name) for name in add1_outcome]
    if instance.is_exhaustive(start):
        return names(start)
    return greedy(instance, profile, initial=start)


def phragmen(instance: Instance, profile: Profile) -> list[str]:
    """Return pabutools' sequential Phragmén outcome (approval ballots only)."""
    return names(sequential_phragmen(instance, profile))


def max_welfare_value(instance: Instance, profile: Profile) -> int:
    """Return the optimal utilitarian welfare (approvals, points or Borda score) pabutools finds."""
    sat = Cardinality_Sat if is_approval(profile) else ScoreSat
    sat_profile = profile.as_sat_profile(sat)
    allocation = max_additive_utilitarian_welfare(instance, profile, sat_profile=sat_profile)
    return int(sat_profile.total_satisfaction(allocation))


def mes_add1_by_passes(instance: Instance, profile: Profile) -> tuple[list[str], int, list[float]]:
    """Return pabutools' MES+add1 outcome, driving the add1 loop one pabutools pass at a time.

    pabutools' own add1 loop reuses its voter objects, whose per-(project, budget) cache grows with every
    pass (7.5 GB on Warsaw 2026 after 35 minutes). This runs ``method_of_equal_shares_scheme`` once per
    per-voter budget on fresh objects and applies the same stopping test as pabutools' loop (feasible,
    exhaustive over the projects MES can fund), so the outcome is pabutools', with bounded memory.
    Returns the outcome, the number of passes and the wall time of each pass.
    """
    sat_profile = profile.as_sat_profile(_mes_sat(profile))
    budget = frac(instance.budget_limit, profile.num_ballots())
    fundable = [p for p in instance if p.cost > 0 and sat_profile.total_satisfaction_project(p) > 0]
    previous = BudgetAllocation(p for p in instance if p.cost == 0 and sat_profile.total_satisfaction_project(p) > 0)
    seconds = []
    while True:
        start = time.perf_counter()
        outcome = method_of_equal_shares_scheme(
            instance,
            profile,
            sat_profile,
            budget,
            BudgetAllocation(),
            lexico_tie_breaking,
            binary_sat=is_approval(profile),
        )
        seconds.append(time.perf_counter() - start)
        if not instance.is_feasible(outcome):
            return names(previous), len(seconds), seconds
        if instance.is_exhaustive(outcome, available_projects=fundable):
            return names(outcome), len(seconds), seconds
        budget += 1
        previous = outcome


def mes_pass_at(instance: Instance, profile: Profile, per_voter: Fraction) -> dict:
    """Run one pabutools MES pass at a given per-voter budget and say whether add1 would stop there."""
    sat_profile = profile.as_sat_profile(_mes_sat(profile))
    fundable = [p for p in instance if p.cost > 0 and sat_profile.total_satisfaction_project(p) > 0]
    start = time.perf_counter()
    outcome = method_of_equal_shares_scheme(
        instance,
        profile,
        sat_profile,
        frac(per_voter.numerator, per_voter.denominator),
        BudgetAllocation(),
        lexico_tie_breaking,
        binary_sat=is_approval(profile),
    )
    return {
        "selected": names(outcome),
        "feasible": bool(instance.is_feasible(outcome)),
        "exhaustive": bool(instance.is_exhaustive(outcome, available_projects=fundable)),
        "seconds": round(time.perf_counter() - start, 2),
    }
