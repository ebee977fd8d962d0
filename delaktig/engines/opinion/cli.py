"""The ``delaktig opinion`` sub-command: analyse a Polis export or a vote file."""

import argparse
import sys
from pathlib import Path

from delaktig.engines.errors import EngineInputError
from delaktig.engines.opinion.analysis import analyze, replay
from delaktig.engines.opinion.io import read_conversation, write_json
from delaktig.engines.opinion.report import group_letter, render_report


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``opinion analyze DIR_OR_CSV [--json] [--report FILE] [--replay]`` to the CLI."""
    parser = subparsers.add_parser("opinion", help="Polis-style opinion groups of a consultation")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze_parser = commands.add_parser("analyze", help="find opinion groups, their statements and consensus")
    analyze_parser.add_argument("source", type=Path, help="Polis export directory, Polis votes.csv or triples CSV")
    analyze_parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    analyze_parser.add_argument("--report", type=Path, metavar="FILE", help="write an HTML report to FILE")
    analyze_parser.add_argument(
        "--replay",
        type=float,
        metavar="SECONDS",
        help="rebuild the groups as a live server would, updating after every pause of SECONDS in the votes",
    )
    analyze_parser.set_defaults(func=run_analyze)


def run_analyze(args: argparse.Namespace) -> int:
    """Run the analysis on the file or directory and print a summary or JSON."""
    conversation = read_conversation(args.source)
    if args.replay is not None:
        if conversation.timestamps is None:
            raise EngineInputError(f"{args.source}: --replay needs vote timestamps")
        analysis = replay(
            conversation.participant_ids,
            conversation.statement_ids,
            conversation.votes,
            conversation.timestamps,
            pause=args.replay,
            moderated_out=conversation.moderated_out,
        )
    else:
        analysis = analyze(conversation.matrix(), moderated_out=conversation.moderated_out)
    if args.report is not None:
        title = conversation.title or args.source.name
        args.report.write_text(render_report(analysis, title, conversation.statement_texts), encoding="utf-8")
    if args.json:
        sys.stdout.write(write_json(analysis, None, conversation.statement_texts) + "\n")
    else:
        sizes = ", ".join(
            f"{group_letter(analysis, group)}: {int((analysis.group_of == group).sum())}"
            for group in analysis.group_ids
        )
        print(f"{len(analysis.participants)} participants, {analysis.k} groups ({sizes})")
    return 0
