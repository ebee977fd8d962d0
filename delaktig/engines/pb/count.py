"""Count an election with a named rule and return an explained :class:`Outcome`.

This is the function the web application and the CLI call: plain data in, dataclasses out.
"""

from __future__ import annotations

from fractions import Fraction

from delaktig.engines.errors import EngineInputError
from delaktig.engines.pb import explain
from delaktig.engines.pb.greedy import greedy
from delaktig.engines.pb.mes import mes
from delaktig.engines.pb.model import Election, Explanation, Outcome, ProjectResult, RuleRun
from delaktig.engines.pb.phragmen import phragmen
from delaktig.engines.pb.profile import Profile, build_profile, tie_ranks
from delaktig.engines.pb.welfare import max_welfare

RULES = ("greedy", "greedy-threshold", "mes", "phragmen", "max-welfare")
COMPLETIONS = ("none", "add1", "add1-feasible", "add1u")
STARTS = ("exact", "floor")


def _check(election: Election, rule: str, completion: str, start: str, step: Fraction) -> None:
    if rule not in RULES:
        raise EngineInputError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    if completion not in COMPLETIONS:
        raise EngineInputError(f"unknown completion {completion!r}; choose one of {', '.join(COMPLETIONS)}")
    if completion != "none" and rule != "mes":
        raise EngineInputError(f"the {completion} completion applies to the mes rule only, not {rule}")
    if rule == "phragmen" and not election.is_approval:
        raise EngineInputError(f"phragmen counts approval ballots only; this election has {election.vote_type}")
    if start not in STARTS:
        raise EngineInputError(f"unknown add1 start {start!r}; choose one of {', '.join(STARTS)}")
    if step <= 0:
        raise EngineInputError(f"the add1 step must be positive, not {step}")


def _threshold(election: Election, threshold: int | None) -> int:
    """Return the minimum score for greedy-threshold: the argument, else META min_project_score_threshold."""
    if threshold is not None:
        return threshold
    text = election.meta.get("min_project_score_threshold")
    if text is None:
        raise EngineInputError("greedy-threshold needs a threshold: META has no min_project_score_threshold")
    try:
        return int(text)
    except ValueError:
        raise EngineInputError(f"META min_project_score_threshold {text!r} is not a whole number") from None


def _run(
    election: Election, profile: Profile, ranks: tuple[int, ...], rule: str, completion: str, options: dict
) -> tuple[RuleRun, dict[int, Explanation], dict]:
    """Count with one rule and explain it; return the run, the explanations and extra parameters."""
    words = explain.Wording(election)
    if rule in ("greedy", "greedy-threshold"):
        threshold = _threshold(election, options["threshold"]) if rule == "greedy-threshold" else None
        run = greedy(profile, ranks, threshold)
        return run, explain.explain_greedy(profile, run, words), {"threshold": threshold}
    if rule == "phragmen":
        run = phragmen(profile, ranks)
        return run, explain.explain_phragmen(profile, run, words), {}
    if rule == "max-welfare":
        run, welfare = max_welfare(profile, ranks)
        return run, explain.explain_welfare(profile, run, welfare, words), {"welfare": welfare}
    base = "add1" if completion == "add1u" else completion
    run, final, passes = mes(profile, ranks, base, options["step"], options["start"])
    extra = None
    if completion == "add1u":
        extra = greedy(profile, ranks, initial=run.order)
        extra.per_voter_budget = run.per_voter_budget
        run = extra
    parameters = {"passes": passes, "step": options["step"], "start": options["start"]}
    return run, explain.explain_mes(profile, final, extra, words), parameters | {"final_pass": final}


def count(
    election: Election,
    rule: str = "mes",
    completion: str = "none",
    tie_breaking: str = "lexicographic",
    *,
    step: Fraction | int = 1,
    start: str = "exact",
    threshold: int | None = None,
) -> Outcome:
    """Count an election and explain every project's result.

    ``rule``: greedy, greedy-threshold, mes, phragmen or max-welfare. ``completion`` (mes only): none,
    add1, add1-feasible or add1u; ``step`` is the add1 increment per voter and ``start`` the first
    per-voter budget (``exact`` B/n as pabutools, ``floor`` as the compute tool's integral option).
    ``tie_breaking``: lexicographic (pabutools' default), min-cost, max-cost or max-score.
    """
    step = Fraction(step)
    _check(election, rule, completion, start, step)
    profile = build_profile(election)
    ranks = tie_ranks(profile, tie_breaking)
    options = {"threshold": threshold, "step": step, "start": start}
    run, explanations, parameters = _run(election, profile, ranks, rule, completion, options)
    final = parameters.pop("final_pass", None)
    chosen = set(run.order)
    rounds = {q: n for n, q in enumerate(run.order, start=1)}
    projects = {
        p.id: ProjectResult(
            id=p.id,
            cost=p.cost,
            selected=q in chosen,
            round=rounds.get(q),
            supporters=int(profile.mentions[q]),
            score=profile.scores[q],
            payments=explain.payments(final, q) if final else None,
            explanation=explanations[q],
        )
        for q, p in enumerate(election.projects)
    }
    return Outcome(
        rule=rule,
        completion=completion,
        tie_breaking=tie_breaking,
        budget=election.budget,
        selected=tuple(p.id for q, p in enumerate(election.projects) if q in chosen),
        total_cost=sum((election.projects[q].cost for q in chosen), 0),
        per_voter_budget=run.per_voter_budget,
        rounds=tuple(profile.ids[q] for q in run.order),
        projects=projects,
        voter_statistics=explain.voter_statistics(election, chosen),
        parameters=parameters,
    )
