"""Record pabutools' outcomes for the pabulib files too slow to count live in the test suite.

Run once (it takes hours on the large files; nice it)::

    nice .venv/bin/python -m tests.engines.pb.make_oracle [FILE.pb ...]
    .venv/bin/python -m tests.engines.pb.make_oracle --spot-check [FILE.pb ...]

The second form records, for the large files, pabutools' MES at the per-voter budget where our add1
stopped and one unit above (two passes instead of hundreds; see :func:`spot_check`).

Each file gets ``tests/fixtures/pb/oracle/<name>.json`` with the peer version, the command, every rule's
outcome (project ids, sorted) and pabutools' wall time per rule. The file is rewritten after every rule,
so an interrupted run keeps what it finished, and a rerun skips the rules already recorded.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.engines.pb import peer
from tests.engines.pb.paths import ORACLE_DIR, SHARED_PABULIB

RECORDED_FILES = (
    "Poland_Swiecie_2023.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "France_Toulouse_2019.pb",
    "Netherlands_Amsterdam_309.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Krakow_2022.pb",
)
LARGE_FILES = ("Poland_Lodz_2022.pb", "Poland_Warszawa_2026.pb", "Poland_Krakow_2022.pb")
QUICK_RULES = ("greedy", "mes", "phragmen", "max-welfare")
SLOW_RULES = ("mes+add1", "add1u")


def _add1_by_passes(instance, profile, record: dict) -> list[str]:
    """Record MES+add1 pass by pass (bounded memory), keeping the pass count and pabutools' pass times."""
    outcome, passes, seconds = peer.mes_add1_by_passes(instance, profile)
    record["add1_passes"] = passes
    record["add1_pass_seconds_median"] = round(sorted(seconds)[len(seconds) // 2], 2)
    return outcome


def _rules(instance, profile, results: dict, record: dict) -> dict[str, Callable[[], object]]:
    """Return the recorded computations; add1u reuses the recorded add1 outcome instead of recounting it.

    For the large files MES+add1 is driven pass by pass (see ``peer.mes_add1_by_passes``).
    """
    rules = {
        "greedy": lambda: peer.greedy(instance, profile),
        "mes": lambda: peer.mes(instance, profile, add1=False),
        "max-welfare": lambda: peer.max_welfare_value(instance, profile),
        "mes+add1": lambda: peer.mes(instance, profile, add1=True),
        "add1u": lambda: peer.add1u(instance, profile, results["mes+add1"]),
    }
    if record["file"] in LARGE_FILES:
        rules["mes+add1"] = lambda: _add1_by_passes(instance, profile, record)
    if peer.is_approval(profile):
        rules["phragmen"] = lambda: peer.phragmen(instance, profile)
    return rules


def record(path: Path, rule_names: tuple[str, ...]) -> None:
    """Count one file with pabutools for the named rules and store each outcome as soon as it is known."""
    target = ORACLE_DIR / (path.stem + ".json")
    record = json.loads(target.read_text()) if target.exists() else {}
    record.update(
        peer=peer.PEER_VERSION,
        file=path.name,
        command="nice .venv/bin/python -m tests.engines.pb.make_oracle " + path.name,
    )
    results, seconds = record.setdefault("results", {}), record.setdefault("seconds", {})
    instance, profile = peer.load(path)
    rules = _rules(instance, profile, results, record)
    for name in rule_names:
        if name in results or name not in rules:
            continue
        start = time.perf_counter()
        results[name] = rules[name]()
        seconds[name] = round(time.perf_counter() - start, 2)
        target.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        print(f"{path.name} {name}: {seconds[name]} s", flush=True)


def spot_check(path: Path) -> None:
    """Record pabutools' MES at the per-voter budget where our add1 stopped, and one unit above.

    pabutools' full add1 loop takes hours on the large files; this records, with the real peer, the two
    passes that decide where add1 stops. It does not show that pabutools would not have stopped earlier.
    """
    from delaktig.engines.pb import count, read_election

    target = ORACLE_DIR / (path.stem + ".json")
    record = json.loads(target.read_text())
    ours = count(read_election(path), "mes", "add1").per_voter_budget
    instance, profile = peer.load(path)
    checks = record.setdefault("add1_spot_check", {})
    for per_voter in (ours, ours + 1):
        key = str(per_voter)
        if key not in checks:
            checks[key] = peer.mes_pass_at(instance, profile, per_voter)
            target.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
            print(f"{path.name} MES at {float(per_voter):.2f} per voter: {checks[key]['seconds']} s", flush=True)


def main(argv: list[str]) -> None:
    """Record the quick rules for every file first, then the add1 completions."""
    ORACLE_DIR.mkdir(parents=True, exist_ok=True)
    if argv[:1] == ["--spot-check"]:
        for name in argv[1:] or LARGE_FILES:
            spot_check(SHARED_PABULIB / name)
        return
    files = [SHARED_PABULIB / name for name in (argv or RECORDED_FILES)]
    for rule_names in (QUICK_RULES, SLOW_RULES):
        for path in files:
            record(path, rule_names)


if __name__ == "__main__":
    main(sys.argv[1:])
