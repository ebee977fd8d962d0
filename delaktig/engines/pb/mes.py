"""The Method of Equal Shares (MES), exact, with the add1 family of completions.

Every voter starts with an equal share of the budget. In each round MES funds the project whose
supporters can pay for it with the lowest affordability ρ, each supporter paying ρ × utility or all
they have left; it stops when no remaining project can be paid for by its supporters.

Arithmetic. Decisions are exact: every price is a ``Fraction``, a voter's exact budget is its start
budget minus the exact prices it paid (or 0 once it paid everything). For speed, budgets are also kept
as float64 numpy arrays and each round first computes every candidate's ρ in floats with a rigorous
error margin (see :func:`_float_price`); only the projects whose float interval touches the best one
are then priced exactly, and the winner among them is decided on exact values and the tie-breaking
order. The exact price of the winner is what voters pay, so floats never decide anything that exact
arithmetic would decide differently, and the outcome is the same on every machine.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from typing import NamedTuple

import numpy as np

from delaktig.engines.pb.model import Money, RuleRun
from delaktig.engines.pb.profile import Profile

EPS = sys.float_info.epsilon
MARGIN_FACTOR = 64.0


@dataclass
class Payment:
    """How a funded project was paid: who paid everything they had, and the price per utility unit.

    The exact price is (cost − what the all-in payers had) / (utility of the others). What the all-in
    payers had is their count times the start budget minus, per earlier funded project, its price times
    their total utility for it (``poor_projects``, ``poor_weights``): a few integers, not one fraction
    per voter. ``emptied`` marks every supporter left with nothing (all-in payers, voters who paid an
    exact share equal to their budget, and those already empty, counted in ``had_nothing``).
    """

    project: int
    rich_utility: int
    poor: np.ndarray
    emptied: np.ndarray
    had_nothing: int
    poor_live: int
    poor_projects: list[int]
    poor_weights: list[int]
    price_exact: Fraction | None = None


class _Wallets:
    """Voters' remaining budgets: float64 for screening, exact on demand from the payment record.

    A voter who never paid all it had has paid, for every funded project it supports, that project's
    price times its utility; a voter who once paid all it had holds exactly 0. So exact budgets (and
    their sums) follow from the funded projects' exact prices without storing anything per voter.
    """

    def __init__(self, profile: Profile, start: Fraction):
        self.profile = profile
        self.start = start
        self.floats = np.full(profile.num_voters, float(start))
        self.exhausted = np.zeros(profile.num_voters, dtype=bool)
        self.funded = np.zeros(profile.num_projects + 1, dtype=bool)
        self.payments: dict[int, Payment] = {}
        self.error = 2 * EPS * float(start)
        self.denominator = start.denominator
        self.scaled_start = start.numerator
        self.scaled_prices: dict[int, int] = {}

    def _weights(self, live: np.ndarray) -> tuple[int, list[int], list[int]]:
        """Return how many voters there are and their total utility per funded project (voters not empty)."""
        if len(live) == 0:
            return 0, [], []
        p = self.profile
        projects = p.padded_projects.take(live, axis=0).ravel()
        if p.cost_utilities:
            totals = np.bincount(projects, minlength=p.num_projects + 1)
        else:
            weights = p.padded_utils.take(live, axis=0).ravel()
            totals = np.rint(np.bincount(projects, weights=weights, minlength=p.num_projects + 1)).astype(np.int64)
        # Counting every project and then zeroing the unfunded ones (and the padding index, never
        # funded) is cheaper than selecting the funded entries first.
        totals[~self.funded] = 0
        funded = np.flatnonzero(totals)
        return len(live), funded.tolist(), totals[funded].tolist()

    def _scaled_total(self, live: int, projects: list[int], weights: list[int]) -> int:
        """Return live × start − Σ weight × price exactly, as an integer over ``self.denominator``.

        Every funded price is kept as an integer numerator over ``self.denominator`` (the least common
        multiple of all denominators so far), so the sum needs no fraction arithmetic.
        """
        scaled = self.scaled_prices
        spent = sum(scaled[k] * w for k, w in zip(projects, weights, strict=True))
        return self.scaled_start * live - spent

    def _total(self, live: int, projects: list[int], weights: list[int]) -> Fraction:
        """Return live × start − Σ weight × price exactly."""
        return Fraction(self._scaled_total(live, projects, weights), self.denominator)

    def _record_price(self, project: int, price: Fraction) -> None:
        """Add a funded project's exact price to the common-denominator ledger."""
        factor = price.denominator // gcd(self.denominator, price.denominator)
        if factor > 1:
            self.denominator *= factor
            self.scaled_start *= factor
            self.scaled_prices = {k: v * factor for k, v in self.scaled_prices.items()}
        self.scaled_prices[project] = price.numerator * (self.denominator // price.denominator)

    def price(self, project: int) -> Fraction:
        """Return the exact price per utility unit a funded project's paying supporters paid."""
        return self.evaluate(self.payments[project])

    def evaluate(self, payment: Payment) -> Fraction:
        """Compute a payment's exact price from its all-in payers' exact budgets."""
        if payment.price_exact is None:
            # (cost − paid_all / D) / rich_utility as one fraction: a single reduction of large integers.
            paid_all = self._scaled_total(payment.poor_live, payment.poor_projects, payment.poor_weights)
            cost = Fraction(self.profile.costs[payment.project])
            payment.price_exact = Fraction(
                cost.numerator * self.denominator - cost.denominator * paid_all,
                cost.denominator * self.denominator * payment.rich_utility,
            )
        return payment.price_exact

    def all_in_total(self, project: int) -> Fraction:
        """Return what a funded project's all-in payers paid together, exactly."""
        payment = self.payments[project]
        return self._total(payment.poor_live, payment.poor_projects, payment.poor_weights)

    def exact(self, voters: np.ndarray) -> list[Fraction]:
        """Return voters' exact budgets: the start minus every price paid, or 0 after paying all."""
        zero = Fraction(0)
        return [
            zero if self.exhausted[voter] else self._total(*self._weights(voters[i : i + 1]))
            for i, voter in enumerate(voters.tolist())
        ]

    def exact_sum(self, voters: np.ndarray) -> Fraction:
        """Return the exact total budget of some voters."""
        return self._total(*self._weights(voters[~self.exhausted[voters]]))

    def payment(
        self, project: int, poor: np.ndarray, dead: np.ndarray, exact_share: np.ndarray | None = None
    ) -> Payment | None:
        """Describe paying for a project where ``poor`` (over its supporters) pay all they have.

        ``dead`` marks the supporters already left with nothing, ``poor`` only others. ``exact_share``
        marks paying supporters whose budget equals their share exactly: they pay it like the others
        and are left with nothing.
        """
        voters, utils = self.profile.supporters(project)
        rich_utility = _utility(self.profile, utils, ~(poor | dead))
        if rich_utility == 0:
            return None
        emptied = poor | dead if exact_share is None else poor | dead | exact_share
        return Payment(project, rich_utility, poor, emptied, int(np.count_nonzero(dead)), *self._weights(voters[poor]))

    def pay(self, payment: Payment) -> None:
        """Charge a funded project's supporters: the exact price times utility, or all they have.

        Float budgets are charged the exact price rounded once, so their error grows by a few ulps of
        the start budget per payment and never compounds.
        """
        exact = self.evaluate(payment)
        self._record_price(payment.project, exact)
        price = float(exact)
        voters, utils = self.profile.supporters(payment.project)
        self.payments[payment.project] = payment
        self.funded[payment.project] = True
        budgets = self.floats[voters] - (price if self.profile.cost_utilities else price * utils)
        np.maximum(budgets, 0.0, out=budgets)
        np.putmask(budgets, payment.emptied, 0.0)
        self.floats[voters] = budgets
        # ``emptied`` includes every supporter already empty, so this marks new ones and unmarks none.
        self.exhausted[voters] = payment.emptied
        self.error += 3 * EPS * float(self.start)


@dataclass
class MesPass:
    """One run of MES at a fixed start budget per voter: the funded projects in order and their payments."""

    start: Fraction
    order: list[int]
    wallets: _Wallets | None = None

    @property
    def payments(self) -> dict[int, Payment]:
        """Return the payments of the funded projects (free projects have none)."""
        return self.wallets.payments if self.wallets else {}


class _Estimate(NamedTuple):
    """A project's float price per utility unit, its error margin, and the float view it came from."""

    price: float
    margin: float
    ratios: np.ndarray


def _utility(profile: Profile, utils: np.ndarray, mask: np.ndarray) -> int:
    """Return the total utility of the supporters a mask selects (a count for approval ballots)."""
    return int(np.count_nonzero(mask)) if profile.cost_utilities else int(utils @ mask)


def _budget_ratios(wallets: _Wallets, project: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return a project's supporters' float budgets, their utilities and budgets per utility unit."""
    voters, utils = wallets.profile.supporters(project)
    budgets = wallets.floats[voters]
    return budgets, utils, budgets if wallets.profile.cost_utilities else budgets / utils


def _float_price(wallets: _Wallets, project: int, floor: float, ceiling: float) -> _Estimate | None:
    """Return a project's float price per utility unit and an error margin, or None if unaffordable.

    The price q solves Σ min(b_i, q·u_i) = cost, that is q = (cost − Σ_poor b_i) / Σ_rich u_i. Each float
    budget is within ``wallets.error`` of the exact one and summing n floats adds at most n·ε·cost, so q
    is off by at most (n_poor·(error + ε·cost) + ε·cost) / Σ_rich u_i plus its own rounding. The margin
    is 64 times that bound; the sum test for affordability uses the same bound over all supporters.

    For any set P of supporters, (cost − Σ_P b_i) / Σ_{i∉P} u_i ≤ q, since a voter outside P pays at most
    q·u_i and one in P at most b_i. So every price the iteration computes is, within its margin, a lower
    bound on q; it makes the voters below the price poor until no further voter is, which gives q. It
    starts from ``floor``, a lower bound an earlier round of this pass proved (budgets only shrink, so
    prices only rise), and stops early once the price is surely above ``ceiling``: such a project cannot
    win the round, and the caller keeps only the lower end of its estimate.
    """
    cost = float(wallets.profile.costs[project])
    budgets, utils, ratios = _budget_ratios(wallets, project)
    total_utility = rich_utility = float(wallets.profile.col_totals[project])
    price = cost / total_utility
    poor = ratios < max(price, floor)
    poor_count = int(np.count_nonzero(poor))
    if poor_count:
        if budgets.sum() < cost - MARGIN_FACTOR * len(budgets) * (wallets.error + EPS * cost):
            return None
        while True:
            rich_utility = total_utility - (poor_count if wallets.profile.cost_utilities else int(utils @ poor))
            if rich_utility == 0:
                return _everyone_pays_all(wallets, project, ratios)
            price = (cost - float(budgets[poor].sum())) / rich_utility
            if price - _margin(wallets, cost, poor_count, rich_utility, price) > ceiling:
                break
            new_poor = ratios < price
            # On booleans ``>`` is "and not": stop when the higher price makes no further voter poor.
            if not (new_poor > poor).any():
                break
            poor, poor_count = new_poor, int(np.count_nonzero(new_poor))
    return _Estimate(price, _margin(wallets, cost, poor_count, rich_utility, price), ratios)


def _margin(wallets: _Wallets, cost: float, poor_count: int, rich_utility: float, price: float) -> float:
    """Return the error margin of a float price computed with ``poor_count`` voters paying all they have."""
    bound = (poor_count * (wallets.error + EPS * cost) + EPS * cost) / rich_utility + EPS * price
    return MARGIN_FACTOR * bound


def _everyone_pays_all(wallets: _Wallets, project: int, ratios: np.ndarray) -> _Estimate | None:
    """Handle the edge where floats say every supporter pays all: affordable only if budgets sum to the cost."""
    voters, _ = wallets.profile.supporters(project)
    if wallets.exact_sum(voters) < wallets.profile.costs[project]:
        return None
    price = float(ratios.max())
    return _Estimate(price, price, ratios)


def _settle(wallets: _Wallets, project: int, estimate: _Estimate) -> Payment | None:
    """Decide who pays all they have for a project, or return None if its supporters cannot pay for it.

    Voters whose budget per utility is clearly below or above the price band are classified by floats;
    if any voter falls inside the band, its budget is decided exactly by walking the band in order of
    budget per utility (and everyone is walked if the band proves wrong).
    """
    voters, utils = wallets.profile.supporters(project)
    dead = wallets.exhausted[voters]
    live = ~dead
    tolerance = MARGIN_FACTOR * wallets.error
    if not wallets.profile.cost_utilities:
        tolerance = tolerance / utils
    low, high = estimate.price - estimate.margin, estimate.price + estimate.margin
    ratios = estimate.ratios
    poor = live & (ratios < low - tolerance)
    unsure = live & ~poor & (ratios <= high + tolerance)
    if not unsure.any():
        payment = wallets.payment(project, poor, dead)
        if payment is not None:
            return payment
    payment = _walk(wallets, project, poor, unsure, dead)
    if payment is not None and low <= float(payment.price_exact) <= high:
        return payment
    return _walk(wallets, project, np.zeros(len(voters), dtype=bool), live, dead)


def _walk(wallets: _Wallets, project: int, poor: np.ndarray, unsure: np.ndarray, dead: np.ndarray) -> Payment | None:
    """Find the exact price given voters known to be poor, voters to decide, and the rest known rich.

    ``poor`` and ``unsure`` hold only supporters not in ``dead`` (those already left with nothing).
    """
    voters, utils = wallets.profile.supporters(project)
    cost = Fraction(wallets.profile.costs[project])
    poor_total = wallets.exact_sum(voters[poor])
    rich_utility = int(utils[~poor & ~dead].sum())
    unsure_idx = np.flatnonzero(unsure)
    walk = sorted(
        zip(wallets.exact(voters[unsure_idx]), unsure_idx.tolist(), strict=True),
        key=lambda t: t[0] / int(utils[t[1]]),
    )
    poor = poor.copy()
    for budget, i in walk:
        if rich_utility == 0:
            return None
        if (cost - poor_total) / rich_utility * int(utils[i]) <= budget:
            break
        poor_total += budget
        rich_utility -= int(utils[i])
        poor[i] = True
    if rich_utility == 0 or cost < poor_total:
        return None
    price = (cost - poor_total) / rich_utility
    exact_share = np.zeros(len(voters), dtype=bool)
    for budget, i in walk:
        exact_share[i] = not poor[i] and price * int(utils[i]) == budget
    payment = wallets.payment(project, poor, dead, exact_share)
    if payment is not None:
        payment.price_exact = price
    return payment


def eligible_projects(profile: Profile) -> list[int]:
    """Return the projects MES may fund: positive cost and at least one supporter with positive utility."""
    return [
        p for p in range(profile.num_projects) if profile.costs[p] > 0 and profile.col_ptr[p + 1] > profile.col_ptr[p]
    ]


def free_projects(profile: Profile) -> list[int]:
    """Return projects MES takes before the first round: free, with a supporter of positive utility.

    With cost utilities (approval ballots) a free project is worth nothing to anyone, so, as in
    pabutools, MES never funds it (a greedy completion still does).
    """
    if profile.cost_utilities:
        return []
    return [
        q for q in range(profile.num_projects) if profile.costs[q] == 0 and profile.col_ptr[q + 1] > profile.col_ptr[q]
    ]


def _round(wallets: _Wallets, remaining: set[int], stale: dict[int, float], ranks: tuple[int, ...]):
    """Run one round: return the winner's payment, or None when no remaining project is affordable.

    Floats bound every candidate's affordability; if the best interval overlaps another, the
    overlapping candidates are compared on exact prices and exact ties go to the tie-breaking order.
    """
    p = wallets.profile
    best_high = float("inf")
    computed: dict[int, _Estimate] = {}
    for project in sorted(remaining, key=stale.__getitem__):
        if stale[project] > best_high:
            break
        scale = float(p.scale(project))
        # 4 ulps above best_high × scale, so that a price surely above it is surely above best_high.
        ceiling = best_high * scale * (1 + 4 * EPS)
        estimate = _float_price(wallets, project, stale[project] * scale, ceiling)
        if estimate is None:
            remaining.discard(project)
            continue
        stale[project] = (estimate.price - estimate.margin) / scale
        if estimate.price - estimate.margin > ceiling:
            continue
        computed[project] = estimate
        best_high = min(best_high, (estimate.price + estimate.margin) / scale)
    candidates = sorted((q for q in computed if stale[q] <= best_high), key=lambda q: ranks[q])
    settled = {q: _settle(wallets, q, computed[q]) for q in candidates}
    for q in [q for q, payment in settled.items() if payment is None]:
        remaining.discard(q)
        del settled[q]
    if not settled:
        return _round(wallets, remaining, stale, ranks) if candidates else None
    if len(settled) == 1:
        return next(iter(settled.values()))
    return min(settled.values(), key=lambda pay: (wallets.evaluate(pay) / p.scale(pay.project), ranks[pay.project]))


def mes_pass(profile: Profile, start: Fraction, ranks: tuple[int, ...]) -> MesPass:
    """Run MES once with ``start`` per voter and return the funded projects in order with their payments."""
    wallets = _Wallets(profile, start)
    run = MesPass(start=start, order=free_projects(profile))
    remaining = set(eligible_projects(profile))
    stale = {
        q: float(profile.costs[q]) / float(profile.col_totals[q]) / float(profile.scale(q)) * (1 - 1e-9)
        for q in remaining
    }
    while remaining:
        payment = _round(wallets, remaining, stale, ranks)
        if payment is None:
            break
        run.order.append(payment.project)
        remaining.discard(payment.project)
        wallets.pay(payment)
    run.wallets = wallets
    return run


def _cost_of(profile: Profile, order: list[int]) -> Money:
    """Return the total cost of some projects."""
    return sum((profile.costs[q] for q in order), 0)


def is_exhaustive(profile: Profile, order: list[int], candidates: list[int]) -> bool:
    """Return whether no candidate outside the selection still fits in the budget (pabutools' test)."""
    left = profile.budget - _cost_of(profile, order)
    chosen = set(order)
    return all(profile.costs[q] > left for q in candidates if q not in chosen)


def start_budget(profile: Profile, start: str) -> Fraction:
    """Return the first per-voter budget: B/n (pabutools), or floor(B/n) (the compute tool's integral option)."""
    share = Fraction(profile.budget) / profile.num_voters
    return Fraction(int(share)) if start == "floor" else share


def mes_with_completion(
    profile: Profile, ranks: tuple[int, ...], completion: str, step: Fraction, start: str
) -> tuple[MesPass, int]:
    """Run MES with the add1 family of completions and return the final pass and the number of passes.

    ``none`` runs one pass. ``add1`` raises the per-voter budget by ``step`` until the outcome is
    exhaustive (return it) or costs more than the budget (return the previous one), as pabutools does.
    ``add1-feasible`` ignores exhaustiveness: it keeps raising while the outcome still fits; as that
    may never end when some project can never be afforded, it also stops once one voter's share
    exceeds the whole budget. Both stop when every project MES can fund is funded.
    """
    if profile.num_voters == 0:
        return MesPass(start=Fraction(0), order=[]), 0
    budget = start_budget(profile, start)
    current = mes_pass(profile, budget, ranks)
    if completion == "none":
        return current, 1
    candidates, free = eligible_projects(profile), free_projects(profile)
    previous = MesPass(start=budget, order=free)
    passes = 1
    while True:
        if _cost_of(profile, current.order) > profile.budget:
            return previous, passes
        if completion == "add1" and is_exhaustive(profile, current.order, candidates):
            return current, passes
        if len(current.order) == len(candidates) + len(free):
            return current, passes
        if completion == "add1-feasible" and budget > profile.budget:
            return current, passes
        budget += step
        previous, current = current, mes_pass(profile, budget, ranks)
        passes += 1


def mes(
    profile: Profile,
    ranks: tuple[int, ...],
    completion: str = "none",
    step: Fraction = Fraction(1),
    start: str = "exact",
) -> tuple[RuleRun, MesPass, int]:
    """Count with MES (and a completion) and return the run, the final pass and how many passes it took."""
    final, passes = mes_with_completion(profile, ranks, completion, step, start)
    run = RuleRun(order=list(final.order), per_voter_budget=final.start)
    return run, final, passes
