"""The ``delaktig pb`` command: describe a pabulib file, or count it with a rule."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction

import numpy as np

from delaktig.engines.pb.count import COMPLETIONS, RULES, STARTS, count
from delaktig.engines.pb.io import format_money, outcome_as_json, read_election
from delaktig.engines.pb.model import Election, Outcome
from delaktig.engines.pb.profile import TIE_BREAKING


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``pb info`` and ``pb count`` to the top-level parser."""
    parser = subparsers.add_parser("pb", help="participatory budgeting: pabulib files and counting rules")
    commands = parser.add_subparsers(dest="pb_command", required=True)
    info = commands.add_parser("info", help="describe a pabulib .pb file")
    info.add_argument("file", help="a pabulib .pb file")
    info.set_defaults(func=run_info)
    counting = commands.add_parser("count", help="count an election with a rule and explain every project")
    counting.add_argument("file", help="a pabulib .pb file")
    counting.add_argument("--rule", choices=RULES, required=True)
    counting.add_argument("--completion", choices=COMPLETIONS, default="none", help="MES completion")
    counting.add_argument("--tie-breaking", choices=TIE_BREAKING, default="lexicographic")
    counting.add_argument("--step", type=Fraction, default=Fraction(1), help="add1 increment per voter")
    counting.add_argument("--start", choices=STARTS, default="exact", help="first per-voter budget: B/n or floor")
    counting.add_argument("--threshold", type=int, help="greedy-threshold minimum score (default: from META)")
    counting.add_argument("--json", action="store_true", help="print the outcome as JSON")
    counting.set_defaults(func=run_count)


def describe(election: Election) -> list[str]:
    """Return the lines ``pb info`` prints: what the file holds and how it was officially counted."""
    lengths = election.ballots.row_lengths()
    official = election.official_selection()
    lines = [
        f"description: {election.meta.get('description', '')}",
        f"vote type:   {election.vote_type}",
        f"budget:      {format_money(election.budget)} {election.meta.get('currency', '')}".rstrip(),
        f"projects:    {len(election.projects)}",
        f"voters:      {election.num_voters}",
        f"ballot size: min {lengths.min(initial=0)}, mean {np.mean(lengths) if len(lengths) else 0:.2f}, "
        f"max {lengths.max(initial=0)}",
        f"rule (META): {election.meta.get('rule', 'not given')}",
    ]
    if official is not None:
        lines.append(f"selected:    {len(official)} projects ({', '.join(official)})")
    return lines


def run_info(args: argparse.Namespace) -> int:
    """Print a summary of a pabulib file."""
    print("\n".join(describe(read_election(args.file))))
    return 0


def _table(outcome: Outcome) -> list[str]:
    lines = [
        f"rule {outcome.rule}, completion {outcome.completion}, tie-breaking {outcome.tie_breaking}",
        f"selected {len(outcome.selected)} projects costing {format_money(outcome.total_cost)} "
        f"of {format_money(outcome.budget)}",
    ]
    if outcome.per_voter_budget is not None:
        lines.append(f"per-voter budget {float(outcome.per_voter_budget):.2f}")
    for result in outcome.projects.values():
        mark = "x" if result.selected else " "
        lines.append(f"[{mark}] {result.id}: {result.explanation.text}")
    return lines


def run_count(args: argparse.Namespace) -> int:
    """Count a pabulib file and print the outcome as text or JSON."""
    election = read_election(args.file)
    outcome = count(
        election,
        rule=args.rule,
        completion=args.completion,
        tie_breaking=args.tie_breaking,
        step=args.step,
        start=args.start,
        threshold=args.threshold,
    )
    if args.json:
        print(json.dumps(outcome_as_json(outcome), ensure_ascii=False, indent=1))
    else:
        print("\n".join(_table(outcome)))
    return 0
