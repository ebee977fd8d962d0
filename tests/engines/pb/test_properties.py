"""Properties every count must have, on elections hypothesis invents (approval and points, many ties)."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from delaktig.engines.pb import count, outcome_as_json, parse_election
from delaktig.engines.pb.mes import _float_price, _walk, eligible_projects, mes, mes_pass, start_budget
from delaktig.engines.pb.profile import build_profile, tie_ranks

RULES = [
    ("greedy", "none"),
    ("greedy-threshold", "none"),
    ("mes", "none"),
    ("mes", "add1"),
    ("mes", "add1-feasible"),
    ("mes", "add1u"),
    ("max-welfare", "none"),
]
SETTINGS = settings(
    max_examples=100, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def elections(draw, approval: bool | None = None) -> str:
    """Draw a small pabulib text with round costs, so that ties are frequent."""
    approval = draw(st.booleans()) if approval is None else approval
    costs = draw(st.lists(st.sampled_from([0, 5, 10, 20, 25, 40, 60]), min_size=1, max_size=7))
    budget = draw(st.sampled_from([20, 50, 100]))
    ballots = draw(
        st.lists(st.lists(st.integers(0, len(costs) - 1), min_size=1, max_size=len(costs), unique=True), max_size=12)
    )
    kind = "approval" if approval else "cumulative"
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{kind}", "min_project_score_threshold;2"]
    lines += ["PROJECTS", "project_id;cost", *(f"p{i};{c}" for i, c in enumerate(costs))]
    lines += ["VOTES", "voter_id;vote" + ("" if approval else ";points")]
    for n, ballot in enumerate(ballots):
        vote = ",".join(f"p{i}" for i in ballot)
        points = "" if approval else ";" + ",".join(str(draw(st.integers(1, 3))) for _ in ballot)
        lines.append(f"v{n};{vote}{points}")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(elections())
def test_no_rule_ever_exceeds_the_budget(text):
    election = parse_election(text)
    rules = [*RULES, ("phragmen", "none")] if election.is_approval else RULES
    for rule, completion in rules:
        outcome = count(election, rule, completion)
        assert outcome.total_cost <= election.budget, (rule, completion)


def count_mes(text: str, completion: str):
    """Count MES with a completion and return the profile, the tie order, the run and the final pass."""
    profile = build_profile(parse_election(text))
    ranks = tie_ranks(profile, "lexicographic")
    run, final, _ = mes(profile, ranks, completion)
    return profile, ranks, run, final


def next_pass_exceeds_budget(profile, ranks, final) -> bool:
    """Return whether MES one currency unit per voter richer would cost more than the budget."""
    following = mes_pass(profile, final.start + 1, ranks)
    return sum(profile.costs[q] for q in following.order) > profile.budget


@SETTINGS
@given(elections())
def test_mes_stops_only_when_no_project_is_affordable(text):
    profile, _, _, final = count_mes(text, "none")
    wallets = final.wallets
    for q in set(eligible_projects(profile)) - set(final.order):
        voters, _ = profile.supporters(q)
        assert wallets.exact_sum(voters) < profile.costs[q]


@SETTINGS
@given(elections())
def test_add1_stops_at_an_exhaustive_outcome_or_before_exceeding_the_budget(text):
    profile, ranks, run, final = count_mes(text, "add1")
    left = profile.budget - sum(profile.costs[q] for q in run.order)
    exhaustive = all(profile.costs[q] > left for q in eligible_projects(profile) if q not in run.order)
    assert exhaustive or next_pass_exceeds_budget(profile, ranks, final)


@SETTINGS
@given(elections())
def test_add1_feasible_stops_just_before_exceeding_the_budget(text):
    profile, ranks, run, final = count_mes(text, "add1-feasible")
    if len(run.order) < len(eligible_projects(profile)) and final.start <= profile.budget:
        assert next_pass_exceeds_budget(profile, ranks, final)


@SETTINGS
@given(elections(), st.randoms(use_true_random=False))
def test_outcome_does_not_depend_on_voter_order_or_run(text, rng):
    """Shuffling the ballots changes every float summation order; exact decisions must not notice."""
    head, votes = text.split("VOTES\n")
    header, *rows = votes.splitlines()
    rng.shuffle(rows)
    shuffled = parse_election(head + "VOTES\n" + "\n".join([header, *rows]) + "\n")
    election = parse_election(text)
    for rule, completion in RULES:
        first = outcome_as_json(count(election, rule, completion))
        assert json.dumps(first) == json.dumps(outcome_as_json(count(election, rule, completion)))
        assert first["selected"] == outcome_as_json(count(shuffled, rule, completion))["selected"]


@SETTINGS
@given(elections(), st.sampled_from([0.0, 0.5, 0.9, 0.99]))
def test_price_screening_stopped_early_or_started_late_stays_below_the_exact_price(text, where):
    """The screening may start at a proven lower bound and stop once above a ceiling: both rest on
    every price it computes, less its margin, being at most the exact price."""
    profile = build_profile(parse_election(text))
    assume(profile.num_voters > 0)
    # Twice the equal share leaves voters with different, partly spent budgets.
    wallets = mes_pass(profile, 2 * start_budget(profile, "exact"), tie_ranks(profile, "lexicographic")).wallets
    for q in eligible_projects(profile):
        voters, _ = profile.supporters(q)
        dead = wallets.exhausted[voters]
        exact = _walk(wallets, q, np.zeros(len(voters), dtype=bool), ~dead, dead)
        full = _float_price(wallets, q, 0.0, float("inf"))
        if exact is None or full is None:
            continue
        price = float(exact.price_exact)
        assert full.price - full.margin <= price <= full.price + full.margin
        stopped = _float_price(wallets, q, 0.0, full.price * where)
        assert stopped.price - stopped.margin <= price
        started = _float_price(wallets, q, (full.price - full.margin) * where, float("inf"))
        assert started.price - started.margin <= price <= started.price + started.margin
