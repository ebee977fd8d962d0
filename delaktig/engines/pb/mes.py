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
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from delaktig.engines.pb.model import Money, RuleRun
from delaktig.engines.pb.profile import Profile

EPS = sys.float_info.epsilon
MARGIN_FACTOR = 64.0


@dataclass
class _Price:
    """A project's price per unit of utility and who pays all they have at that price."""

    price: Fraction
    exhausted: np.ndarray
    exhausted_total: Fraction


@dataclass
class MesPass:
    """One run of MES at a fixed start budget per voter, with what each selected project cost whom."""

    start: Fraction
    order: list[int]
    prices: dict[int, _Price] = field(default_factory=dict)
    budgets: np.ndarray | None = None


class _Wallets:
    """Voters' remaining budgets: float64 for screening, exact on demand from the payment record.

    Voters who paid the same prices for the same utilities hold the same exact budget, so they share a
    *class*: each payment moves a voter from class c to the class (c, project, utility). A class's exact
    value is computed once, when first needed, from its parent's value.
    """

    def __init__(self, profile: Profile, start: Fraction):
        self.profile = profile
        self.start = start
        self.floats = np.full(profile.num_voters, float(start))
        self.exhausted = np.zeros(profile.num_voters, dtype=bool)
        self.klass = np.zeros(profile.num_voters, dtype=np.int64)
        self.parents: list[tuple[int, int, int]] = [(-1, -1, 0)]
        self.values: dict[int, Fraction] = {0: start}
        self.paid_price: dict[int, Fraction] = {}
        self.utility_base = int(profile.col_utils.max(initial=0)) + 1
        self.rounds = 0

    def _value(self, klass: int) -> Fraction:
        chain = []
        while klass not in self.values:
            chain.append(klass)
            klass = self.parents[klass][0]
        value = self.values[klass]
        for child in reversed(chain):
            _, project, utility = self.parents[child]
            value = value - self.paid_price[project] * utility
            self.values[child] = value
        return value

    def exact(self, voters: np.ndarray) -> list[Fraction]:
        """Return voters' exact budgets: the start minus every price paid, or 0 after paying all."""
        zero = Fraction(0)
        return [
            zero if gone else self._value(k)
            for k, gone in zip(self.klass[voters].tolist(), self.exhausted[voters].tolist(), strict=True)
        ]

    def exact_sum(self, voters: np.ndarray) -> Fraction:
        """Return the exact total budget of some voters, valuing each class once."""
        live = voters[~self.exhausted[voters]]
        classes, counts = np.unique(self.klass[live], return_counts=True)
        return sum((self._value(k) * n for k, n in zip(classes.tolist(), counts.tolist(), strict=True)), Fraction(0))

    def error_bound(self) -> float:
        """Return a bound on any float budget's absolute error after the rounds so far."""
        return 4.0 * EPS * float(self.start) * (self.rounds + 2)

    def pay(self, project: int, price: _Price) -> None:
        """Charge a funded project's supporters: the price times utility, or all they have."""
        voters, utils = self.profile.supporters(project)
        self.paid_price[project] = price.price
        rich = ~price.exhausted
        payers, payer_utils = voters[rich], utils[rich]
        self.floats[payers] -= float(price.price) * payer_utils
        np.maximum(self.floats, 0.0, out=self.floats)
        codes = self.klass[payers] * self.utility_base + payer_utils
        unique_codes, inverse = np.unique(codes, return_inverse=True)
        self.klass[payers] = len(self.parents) + inverse
        self.parents.extend(
            (code // self.utility_base, project, code % self.utility_base) for code in unique_codes.tolist()
        )
        self.floats[voters[price.exhausted]] = 0.0
        self.exhausted[voters[price.exhausted]] = True
        self.rounds += 1


def _float_price(wallets: _Wallets, project: int) -> tuple[float, float] | None:
    """Return a project's float price per utility unit and a bound on its error, or None if unaffordable.

    The price q solves Σ min(b_i, q·u_i) = cost. Each float budget is within ``error_bound`` of the exact
    one, so the sum is off by at most n·error plus rounding; dividing by the utility of the supporters who
    still pay q (the slope of the sum at q) bounds the error of q. The margin multiplies that by 64.
    """
    p = wallets.profile
    voters, utils = p.supporters(project)
    cost = float(p.costs[project])
    budgets = wallets.floats[voters]
    slack = MARGIN_FACTOR * (len(voters) * (wallets.error_bound() + EPS * float(wallets.start)) + EPS * cost)
    if budgets.sum() < cost - slack:
        return None
    poor = np.zeros(len(voters), dtype=bool)
    price = cost / float(utils.sum())
    while True:
        new_poor = budgets < price * utils
        if not (new_poor & ~poor).any():
            break
        poor = new_poor
        rich_utility = float(utils[~poor].sum())
        if rich_utility == 0:
            return _everyone_pays_all(wallets, project, budgets, utils)
        price = (cost - float(budgets[poor].sum())) / rich_utility
    rich_utility = float(utils[~poor].sum())
    return price, slack / rich_utility + MARGIN_FACTOR * EPS * price


def _everyone_pays_all(
    wallets: _Wallets, project: int, budgets: np.ndarray, utils: np.ndarray
) -> tuple[float, float] | None:
    """Handle the edge where floats say every supporter pays all: affordable only if budgets sum to the cost."""
    if not _affordable_exactly(wallets, project):
        return None
    price = float((budgets / utils).max())
    return price, price


def _exact_price(wallets: _Wallets, project: int, guess: float, margin: float) -> _Price | None:
    """Return the exact price of a project, or None if its supporters cannot pay for it.

    Voters far from the float boundary are classified by floats; those near it (and all, if the guess
    proves wrong) are decided on exact budgets, walking them in order of budget per utility.
    """
    p = wallets.profile
    voters, utils = p.supporters(project)
    cost = Fraction(p.costs[project])
    budgets = wallets.floats[voters]
    tolerance = MARGIN_FACTOR * wallets.error_bound()
    if np.isfinite(guess):
        low, high = guess - margin, guess + margin
        poor = (budgets < low * utils - tolerance) & ~wallets.exhausted[voters]
        unsure = (budgets <= high * utils + tolerance) & ~poor & ~wallets.exhausted[voters]
        result = _walk(wallets, voters, utils, cost, poor, unsure)
        if result is not None and low <= float(result.price) <= high:
            return result
    everyone = ~wallets.exhausted[voters]
    return _walk(wallets, voters, utils, cost, np.zeros(len(voters), dtype=bool), everyone)


def _walk(
    wallets: _Wallets,
    voters: np.ndarray,
    utils: np.ndarray,
    cost: Fraction,
    poor: np.ndarray,
    unsure: np.ndarray,
) -> _Price | None:
    """Find the exact price given voters known to be poor, voters to decide, and the rest known rich."""
    poor_total = wallets.exact_sum(voters[poor])
    rich_utility = int(utils[~poor & ~wallets.exhausted[voters]].sum())
    unsure_idx = np.flatnonzero(unsure)
    unsure_budgets = wallets.exact(voters[unsure_idx])
    walk = sorted(zip(unsure_budgets, unsure_idx.tolist(), strict=True), key=lambda t: t[0] / int(utils[t[1]]))
    exhausted = poor | wallets.exhausted[voters]
    for budget, i in walk:
        if rich_utility == 0:
            return None
        price = (cost - poor_total) / rich_utility
        if price * int(utils[i]) <= budget:
            break
        poor_total += budget
        rich_utility -= int(utils[i])
        exhausted[i] = True
    if rich_utility == 0:
        return None
    price = (cost - poor_total) / rich_utility
    if price < 0:
        return None
    for budget, i in walk:
        if not exhausted[i] and price * int(utils[i]) >= budget:
            exhausted[i] = True
            poor_total += budget
    return _Price(price, exhausted, poor_total)


def _affordable_exactly(wallets: _Wallets, project: int) -> bool:
    """Decide, on exact budgets, whether a project's supporters hold its cost between them."""
    voters, _ = wallets.profile.supporters(project)
    return wallets.exact_sum(voters) >= wallets.profile.costs[project]


def eligible_projects(profile: Profile) -> list[int]:
    """Return the projects MES may fund: positive cost and at least one supporter with positive utility."""
    return [
        p for p in range(profile.num_projects) if profile.costs[p] > 0 and profile.col_ptr[p + 1] > profile.col_ptr[p]
    ]


def free_projects(profile: Profile) -> list[int]:
    """Return projects that cost nothing and have a supporter; MES takes them before the first round."""
    return [
        p for p in range(profile.num_projects) if profile.costs[p] == 0 and profile.col_ptr[p + 1] > profile.col_ptr[p]
    ]


def _round(wallets: _Wallets, remaining: set[int], stale: dict[int, float], ranks: tuple[int, ...]):
    """Run one round: return the winner and its exact price, or None when nothing is affordable."""
    p = wallets.profile
    best_high = float("inf")
    computed: dict[int, tuple[float, float]] = {}
    for project in sorted(remaining, key=lambda q: (stale[q], ranks[q])):
        if stale[project] > best_high:
            break
        estimate = _float_price(wallets, project)
        if estimate is None:
            remaining.discard(project)
            continue
        price, margin = estimate
        scale = float(p.scale(project))
        computed[project] = (price / scale, margin / scale)
        stale[project] = (price - margin) / scale
        best_high = min(best_high, (price + margin) / scale)
    candidates = sorted(
        (q for q, (rho, margin) in computed.items() if rho - margin <= best_high), key=lambda q: ranks[q]
    )
    if not candidates:
        return None
    best: tuple[Fraction, int, _Price] | None = None
    for project in candidates:
        price, margin = computed[project]
        scale = p.scale(project)
        exact = _exact_price(wallets, project, price * float(scale), margin * float(scale))
        if exact is None or not _affordable_exactly_if_needed(wallets, project, exact):
            remaining.discard(project)
            continue
        rho = exact.price / scale
        if best is None or rho < best[0]:
            best = (rho, project, exact)
    if best is None:
        return _round(wallets, remaining, stale, ranks)
    return best[1], best[2]


def _affordable_exactly_if_needed(wallets: _Wallets, project: int, price: _Price) -> bool:
    """Confirm affordability exactly when supporters had to pay everything they had."""
    return not price.exhausted.all() or _affordable_exactly(wallets, project)


def mes_pass(profile: Profile, start: Fraction, ranks: tuple[int, ...]) -> MesPass:
    """Run MES once with ``start`` per voter and return the funded projects in order with their prices."""
    wallets = _Wallets(profile, start)
    run = MesPass(start=start, order=free_projects(profile))
    remaining = set(eligible_projects(profile))
    stale = {
        q: float(profile.costs[q])
        / float(profile.col_utils[profile.col_ptr[q] : profile.col_ptr[q + 1]].sum())
        / float(profile.scale(q))
        * (1 - 1e-9)
        for q in remaining
    }
    while remaining:
        chosen = _round(wallets, remaining, stale, ranks)
        if chosen is None:
            break
        project, price = chosen
        run.order.append(project)
        run.prices[project] = price
        remaining.discard(project)
        wallets.pay(project, price)
    run.budgets = wallets.floats
    return run


def _total(profile: Profile, order: list[int]) -> Money:
    return sum((profile.costs[q] for q in order), 0)


def is_exhaustive(profile: Profile, order: list[int], candidates: list[int]) -> bool:
    """Return whether no candidate outside the selection still fits in the budget (pabutools' test)."""
    left = profile.budget - _total(profile, order)
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
    ``add1-feasible`` ignores exhaustiveness: it keeps raising while the outcome still fits.
    """
    budget = start_budget(profile, start)
    current = mes_pass(profile, budget, ranks)
    if completion == "none" or profile.num_voters == 0:
        return current, 1
    candidates, free = eligible_projects(profile), free_projects(profile)
    previous = MesPass(start=budget, order=free)
    passes = 1
    while True:
        if _total(profile, current.order) > profile.budget:
            return previous, passes
        if completion == "add1" and is_exhaustive(profile, current.order, candidates):
            return current, passes
        if len(current.order) == len(candidates) + len(free) or budget > profile.budget:
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
