"""``delaktig sortition select``: choose and draw a citizen panel from CSV files."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator

from delaktig.engines.sortition.io import read_people, read_quotas
from delaktig.engines.sortition.lottery import canonical_panels, draw
from delaktig.engines.sortition.model import ALGORITHMS, Distribution, Draw
from delaktig.engines.sortition.selection import select, summarize


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sortition`` command with its ``select`` sub-command."""
    parser = subparsers.add_parser("sortition", help="select citizen panels by stratified lottery")
    commands = parser.add_subparsers(dest="command", required=True)
    select_parser = commands.add_parser("select", help="find the fairest lottery and optionally draw a panel")
    select_parser.add_argument("--people", required=True, help="people CSV (an id column and one per feature)")
    select_parser.add_argument("--quotas", required=True, help="quota CSV (feature,value,min,max)")
    select_parser.add_argument("--size", required=True, type=int, help="panel size")
    select_parser.add_argument("--id-column", help="id column of the people file (default: the first)")
    select_parser.add_argument(
        "--address-columns", default="", help="comma-separated columns; at most one person per address"
    )
    select_parser.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    select_parser.add_argument("--seed", help="public seed string; draws one panel when given")
    select_parser.add_argument("--json", action="store_true", help="print the result as JSON")
    select_parser.set_defaults(func=run_select)


def run_select(args: argparse.Namespace) -> int:
    """Read the files, select, draw when a seed is given, and print the result."""
    quotas = read_quotas(args.quotas)
    addresses = [column.strip() for column in args.address_columns.split(",") if column.strip()]
    pool = read_people(args.people, quotas, id_column=args.id_column, address_columns=addresses)
    with _solver_banner_to_stderr():
        distribution = select(
            pool, quotas, args.size, algorithm=args.algorithm, progress=lambda m: print(m, file=sys.stderr)
        )
    drawn = draw(distribution, args.seed) if args.seed is not None else None
    if args.json:
        print(json.dumps(to_json(distribution, drawn), ensure_ascii=False, indent=1))
    else:
        print(to_text(distribution, drawn))
    return 0


@contextlib.contextmanager
def _solver_banner_to_stderr() -> Iterator[None]:
    """Send what HiGHS writes to standard output (its banner) to standard error, keeping JSON clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def to_json(distribution: Distribution, drawn: Draw | None) -> dict:
    """Return the result as a JSON-ready dict: probabilities, the distribution, the panel and audit."""
    return {
        "algorithm": distribution.algorithm,
        "size": distribution.size,
        "probabilities": distribution.probabilities,
        "min_probability": distribution.min_probability,
        "panels": distribution.panel_count,
        "distribution": [
            {"seats": [[group, seats] for group, seats in key], "probability": weight}
            for key, weight in canonical_panels(distribution)
        ],
        "groups": {distribution.pool.ids[min(g)]: [distribution.pool.ids[i] for i in g] for g in distribution.groups},
        "summary": [vars(row) for row in summarize(distribution)],
        "panel": list(drawn.panel) if drawn else None,
        "alternates": drawn.alternates if drawn else None,
        "audit": vars(drawn.audit) if drawn else None,
    }


def to_text(distribution: Distribution, drawn: Draw | None) -> str:
    """Return a short human-readable report."""
    values = sorted(distribution.probabilities.values())
    lines = [
        f"{distribution.algorithm}: {distribution.panel_count} panel types, selection probability "
        f"from {values[0]:.4f} to {values[-1]:.4f} (mean {distribution.size / len(values):.4f})",
        "feature\tvalue\tmin\tmax\tin pool\texpected seats",
    ]
    lines += [
        f"{r.feature}\t{r.value}\t{r.min}\t{r.max}\t{r.in_pool}\t{r.expected_on_panel:.2f}"
        for r in summarize(distribution)
    ]
    if drawn:
        lines.append(f"panel drawn with seed {drawn.audit.seed!r}: {', '.join(drawn.panel)}")
        lines.append(f"inputs sha256 {drawn.audit.inputs_sha256}")
    return "\n".join(lines)
