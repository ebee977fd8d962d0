"""Find why quotas cannot be met, in plain words, and the smallest relaxation that fixes them.

The simple reasons are checked one by one (they name the feature or value to change); when
each quota can be met alone but not all at once, an integer program says so. The relaxation is
the one the Sortition Foundation's software proposes: lower minimums and raise maximums as
little as possible, within ``min_flex``/``max_flex``, with lowering an already small minimum
weighing more (1 + 2/min per seat) than raising a maximum (1 per seat).
"""

from __future__ import annotations

from collections import Counter

import highspy
import numpy as np

from delaktig.engines.sortition.groups import Instance, build_instance
from delaktig.engines.sortition.model import Pool, Problem, Quota, Quotas
from delaktig.engines.sortition.solver import INF, PanelFinder, add_rows, quiet_highs


def diagnose(pool: Pool, quotas: Quotas, size: int, *, households: bool = True) -> list[Problem]:
    """Return every reason no panel of ``size`` meets the quotas, each with a relaxation; [] when one does."""
    instance = build_instance(pool, quotas, size, households=households)
    problems = _simple_problems(pool, quotas, size, instance)
    if not problems and PanelFinder(instance).best(np.zeros(instance.group_count)) is None:
        problems.append(
            Problem(
                "no_panel",
                f"Each quota can be met on its own, but no panel of {size} meets all of them at once"
                + (" with at most one person per household." if instance.housemates else "."),
                {"size": size},
            )
        )
    if not problems:
        return []
    relaxed = relax(instance, quotas)
    if relaxed is None:
        return [*problems, _cannot_relax(size)]
    return [_with_relaxation(problem, quotas, relaxed) for problem in problems]


def relax(instance: Instance, quotas: Quotas) -> Quotas | None:
    """Return the quotas changed as little as possible so a panel exists, None if ``*_flex`` forbid it."""
    rows = len(quotas.rows)
    count = instance.group_count
    lowest = np.array([q.min_flex for q in quotas.rows], dtype=float)
    highest = np.array([INF if q.max_flex is None else q.max_flex for q in quotas.rows], dtype=float)
    highs = quiet_highs()
    # Variables: seats per group, then how far each minimum drops, then how far each maximum rises.
    highs.addVars(
        count + 2 * rows,
        np.zeros(count + 2 * rows),
        np.concatenate([instance.sizes, instance.lower - lowest, highest - instance.upper]),
    )
    highs.changeColsIntegrality(
        count + 2 * rows,
        np.arange(count + 2 * rows, dtype=np.int32),
        [highspy.HighsVarType.kInteger] * (count + 2 * rows),
    )
    drop_cost = np.where(instance.lower > 0, 1 + 2 / np.maximum(instance.lower, 1), 0.0)
    costs = np.concatenate([np.zeros(count), drop_cost, np.ones(rows)])
    highs.changeColsCost(count + 2 * rows, np.arange(count + 2 * rows, dtype=np.int32), costs)
    identity = np.eye(rows)
    add_rows(highs, np.concatenate([np.ones(count), np.zeros(2 * rows)])[None, :], [instance.size], [instance.size])
    add_rows(highs, np.hstack([instance.incidence, identity, 0 * identity]), instance.lower, np.full(rows, INF))
    add_rows(highs, np.hstack([instance.incidence, 0 * identity, -identity]), np.full(rows, -INF), instance.upper)
    house = np.zeros((len(instance.housemates), count + 2 * rows))
    for row, groups in enumerate(instance.housemates):
        house[row, list(groups)] = 1.0
    add_rows(highs, house, np.full(len(house), -INF), np.ones(len(house)))
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = np.rint(np.asarray(highs.getSolution().col_value)).astype(int)
    drops, rises = solution[count : count + rows], solution[count + rows :]
    return Quotas(
        tuple(
            Quota(q.feature, q.value, q.min - int(d), q.max + int(r), q.min_flex, q.max_flex)
            for q, d, r in zip(quotas.rows, drops, rises, strict=True)
        )
    )


def _simple_problems(pool: Pool, quotas: Quotas, size: int, instance: Instance) -> list[Problem]:
    """Return the problems one can see without solving anything."""
    problems = []
    places = len(pool) - sum(len(housemates) - 1 for housemates in instance.housemates)
    if places < size:
        problems.append(
            Problem(
                "pool_too_small",
                f"The pool has room for only {places} panel members (people, counting each household once), "
                f"fewer than the panel size {size}.",
                {"available": places, "size": size},
            )
        )
    for feature in quotas.features:
        rows = [q for q in quotas.rows if q.feature == feature]
        low, high = sum(q.min for q in rows), sum(q.max for q in rows)
        if low > size:
            problems.append(
                Problem(
                    "min_sum_above_size",
                    f"The minimums for {feature} add up to {low}, more than the panel size {size}.",
                    {"feature": feature, "total": low, "size": size},
                )
            )
        if high < size:
            problems.append(
                Problem(
                    "max_sum_below_size",
                    f"The maximums for {feature} add up to {high}, less than the panel size {size}.",
                    {"feature": feature, "total": high, "size": size},
                )
            )
    in_pool = pool_counts(pool, quotas)
    for quota, available in zip(quotas.rows, in_pool, strict=True):
        problems.extend(_row_problems(quota, available))
    return problems


def _row_problems(quota: Quota, available: int) -> list[Problem]:
    """Return what is wrong with one quota row on its own."""
    params = {"feature": quota.feature, "value": quota.value, "min": quota.min, "max": quota.max}
    problems = []
    if quota.min > quota.max:
        problems.append(
            Problem(
                "min_above_max",
                f"The minimum for {quota.feature} = {quota.value} ({quota.min}) is above its maximum ({quota.max}).",
                params,
            )
        )
    if available < quota.min:
        problems.append(
            Problem(
                "too_few_people",
                f"Only {available} people in the pool have {quota.feature} = {quota.value}, "
                f"but the minimum is {quota.min}.",
                params | {"in_pool": available},
            )
        )
    return problems


def pool_counts(pool: Pool, quotas: Quotas) -> list[int]:
    """Return how many people in the pool have each quota row's value."""
    column = {feature: position for position, feature in enumerate(pool.features)}
    counts = Counter((f, profile[i]) for profile in pool.values for f, i in column.items())
    return [counts[(q.feature, q.value)] for q in quotas.rows]


def _with_relaxation(problem: Problem, quotas: Quotas, relaxed: Quotas) -> Problem:
    """Attach the relaxed rows that concern ``problem`` (all of them for a combined problem)."""
    changed = [new for old, new in zip(quotas.rows, relaxed.rows, strict=True) if old != new]
    feature, value = problem.params.get("feature"), problem.params.get("value")
    relevant = tuple(
        q for q in changed if (feature is None or q.feature == feature) and (value is None or q.value == value)
    )
    relevant = relevant or tuple(changed)
    old = {(q.feature, q.value): q for q in quotas.rows}
    advice = "; ".join(_describe_change(old[(q.feature, q.value)], q) for q in relevant)
    return Problem(problem.code, f"{problem.message} Smallest fix: {advice}.", problem.params, relevant)


def _describe_change(old: Quota, new: Quota) -> str:
    """Return a change of one quota row in words."""
    parts = []
    if new.min != old.min:
        parts.append(f"minimum {old.min} → {new.min}")
    if new.max != old.max:
        parts.append(f"maximum {old.max} → {new.max}")
    return f"{old.feature} = {old.value}: " + ", ".join(parts)


def _cannot_relax(size: int) -> Problem:
    """Return the problem that no change within min_flex/max_flex (or of quotas at all) helps."""
    return Problem(
        "cannot_relax",
        f"No change of the quotas within their min_flex/max_flex bounds lets a panel of {size} be drawn; "
        "widen the flex bounds, enlarge the pool or shrink the panel.",
        {"size": size},
    )
