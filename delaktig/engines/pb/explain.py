"""Explanations a voter can read, and the per-voter statistics of a results page.

Each explanation carries a ``code`` and the numbers it quotes, so the web application can render the
same sentence in Swedish; ``text`` is the English sentence. Amounts in sentences are rounded to whole
currency units for reading; the exact amounts are in ``data``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from delaktig.engines.pb.mes import MesPass
from delaktig.engines.pb.model import Election, Explanation, Money, RuleRun, VoterStatistics
from delaktig.engines.pb.profile import Profile

SPENDING_COLUMNS = ("category", "categories", "target", "targets", "district", "subunit", "area", "neighborhood")


class Wording:
    """Format amounts and counts the same way in every sentence of one election."""

    def __init__(self, election: Election):
        self.currency = election.meta.get("currency", "")
        self.vote_word = "points" if not election.is_approval else "votes"

    def money(self, amount: Money | float) -> str:
        """Return an amount rounded to whole units with thousands separated, e.g. '1,203 PLN'."""
        text = f"{round(float(amount)):,}"
        return f"{text} {self.currency}".strip()


def _explain(code: str, text: str, **data: Any) -> Explanation:
    return Explanation(code=code, text=text, data=data)


def explain_greedy(profile: Profile, run: RuleRun, words: Wording) -> dict[int, Explanation]:
    """Explain a greedy count: each project's score, its turn, and the money left when it came."""
    result = {}
    for q in range(profile.num_projects):
        facts, score, cost = run.facts[q], profile.scores[q], profile.costs[q]
        reason = facts["reason"]
        if reason == "fits":
            text = (
                f"Selected: with {score:,} {words.vote_word} it was next in line and its cost "
                f"({words.money(cost)}) fitted in the {words.money(facts['remaining_before'])} still left."
            )
            result[q] = _explain("greedy-selected", text, score=score, remaining_before=facts["remaining_before"])
        elif reason == "below-threshold":
            text = f"Not selected: {score:,} {words.vote_word} is below the required {facts['threshold']:,}."
            result[q] = _explain("greedy-below-threshold", text, score=score, threshold=facts["threshold"])
        else:
            text = (
                f"Not selected: when its turn came ({score:,} {words.vote_word}) only "
                f"{words.money(facts['remaining'])} was left and it costs {words.money(cost)}."
            )
            result[q] = _explain("greedy-does-not-fit", text, score=score, remaining=facts["remaining"])
    return result


def _mes_selected(profile: Profile, final: MesPass, q: int, round_no: int, words: Wording) -> Explanation:
    paid = payments(final, q)
    assert paid is not None
    unit = "each" if profile.cost_utilities else "per point"
    text = f"Selected in round {round_no}: {paid['payers']:,} supporters paid {words.money(paid['price'])} {unit}"
    if paid["all_in_payers"]:
        text += (
            f", and {paid['all_in_payers']:,} who had less paid all they had left "
            f"({words.money(paid['all_in_total'])} together)"
        )
    return _explain("mes-selected", text + ".", round=round_no, **paid)


def _mes_rejected(profile: Profile, final: MesPass, q: int, words: Wording) -> Explanation:
    voters, _ = profile.supporters(q)
    cost = profile.costs[q]
    if len(voters) == 0:
        return _explain("mes-no-supporters", "Not selected: no voter supported it.")
    assert final.wallets is not None
    left = float(final.wallets.floats[voters].sum())
    if profile.cost_utilities:
        needed, average = float(cost) / len(voters), left / len(voters)
        text = (
            f"Not selected: it needed {words.money(needed)} from each of its {len(voters):,} supporters; "
            f"they had {words.money(average)} left on average."
        )
        return _explain("mes-unaffordable", text, needed_each=needed, average_left=average, supporters=len(voters))
    text = (
        f"Not selected: it costs {words.money(cost)} and its {len(voters):,} supporters had "
        f"{words.money(left)} left between them after paying for the projects they preferred."
    )
    return _explain("mes-unaffordable", text, supporters=len(voters), total_left=left)


def explain_mes(profile: Profile, final: MesPass, completion: RuleRun | None, words: Wording) -> dict[int, Explanation]:
    """Explain an MES count: prices paid for the winners, the shortfall for the others."""
    result, rounds = {}, {q: n for n, q in enumerate(final.order, start=1)}
    extra = completion.order[len(final.order) :] if completion else []
    for q in range(profile.num_projects):
        if q in final.payments:
            result[q] = _mes_selected(profile, final, q, rounds[q], words)
        elif q in rounds:
            result[q] = _explain("mes-free", "Selected before the first round: it costs nothing and has supporters.")
        elif q in extra:
            assert completion is not None
            remaining = completion.facts[q]["remaining_before"]
            text = (
                f"Selected by the utilitarian completion: after equal shares, {words.money(remaining)} was left "
                f"and it had the most {words.vote_word} ({profile.scores[q]:,}) of the projects that fitted."
            )
            result[q] = _explain("completion-selected", text, remaining_before=remaining)
        else:
            result[q] = _mes_rejected(profile, final, q, words)
    return result


def explain_phragmen(profile: Profile, run: RuleRun, words: Wording) -> dict[int, Explanation]:
    """Explain a Phragmén count: each purchase's load, and where the rule stopped."""
    result, rounds = {}, {q: n for n, q in enumerate(run.order, start=1)}
    for q in range(profile.num_projects):
        facts = run.facts.get(q, {"reason": "over-budget"})
        if q in rounds:
            load = facts["load"]
            text = f"Selected as purchase {rounds[q]}: each supporter's load became {words.money(load or 0)}."
            result[q] = _explain("phragmen-selected", text, load=load, round=rounds[q])
        elif facts["reason"] == "stopped-here":
            text = (
                f"Not selected: it was next to be bought but costs {words.money(profile.costs[q])} and only "
                f"{words.money(facts['remaining'])} was left, so the rule stopped."
            )
            result[q] = _explain("phragmen-stopped", text, remaining=facts["remaining"])
        elif facts["reason"] == "not-reached":
            text = "Not selected: the rule stopped before its supporters could afford it."
            result[q] = _explain("phragmen-not-reached", text, remaining=facts["remaining"])
        else:
            result[q] = _explain("over-budget", "Not selected: it costs more than the whole budget.")
    return result


def explain_welfare(profile: Profile, run: RuleRun, welfare: int, words: Wording) -> dict[int, Explanation]:
    """Explain a maximum-welfare count: membership in the best affordable set."""
    chosen = set(run.order)
    result = {}
    for q in range(profile.num_projects):
        if q in chosen:
            text = f"Selected: it belongs to the affordable set with the most {words.vote_word} in total ({welfare:,})."
            result[q] = _explain("welfare-selected", text, welfare=welfare)
        else:
            text = (
                f"Not selected: it is not in the chosen affordable set with the most {words.vote_word} "
                f"({welfare:,} in total; among equally good sets the first in score-per-cost order is chosen)."
            )
            result[q] = _explain("welfare-not-selected", text, welfare=welfare)
    return result


def _spending(election: Election, selected: set[int]) -> dict[str, dict[str, Money]]:
    """Sum the cost of selected projects per value of each area/category column the file has.

    A project listed under several values (``a,b``) counts fully towards each of them.
    """
    spending: dict[str, dict[str, Money]] = {}
    for column in SPENDING_COLUMNS:
        if column not in election.project_columns:
            continue
        totals: dict[str, Money] = {}
        for q, project in enumerate(election.projects):
            for value in filter(None, (v.strip() for v in project.columns.get(column, "").split(","))):
                totals[value] = totals.get(value, 0) + (project.cost if q in selected else 0)
        spending[column] = totals
    return spending


def voter_statistics(election: Election, selected: set[int]) -> VoterStatistics:
    """Count how many voters see at least one project of their ballot funded, and spending per area."""
    ballots = election.ballots
    hit = np.zeros(len(election.projects), dtype=np.int64)
    hit[list(selected)] = 1
    per_voter = np.bincount(ballots.voter_of_entry(), weights=hit[ballots.indices], minlength=ballots.num_voters)
    histogram = np.bincount(per_voter.astype(np.int64)) if ballots.num_voters else np.zeros(0, dtype=np.int64)
    served = int((per_voter > 0).sum())
    return VoterStatistics(
        voters=ballots.num_voters,
        voters_with_selected_project=served,
        share_with_selected_project=served / ballots.num_voters if ballots.num_voters else 0.0,
        selected_per_voter={k: int(v) for k, v in enumerate(histogram.tolist()) if v},
        spending_by_column=_spending(election, selected),
    )


def payments(final: MesPass, q: int) -> dict[str, Fraction | int] | None:
    """Return what a project's supporters paid under MES: the price and who paid all they had."""
    if q not in final.payments or final.wallets is None:
        return None
    payment = final.payments[q]
    voters, _ = final.wallets.profile.supporters(q)
    return {
        "price": final.wallets.price(q),
        "payers": len(voters) - int(payment.poor.sum()) - payment.had_nothing,
        "had_nothing": payment.had_nothing,
        "all_in_payers": int(payment.poor.sum()),
        "all_in_total": final.wallets.all_in_total(q),
    }
