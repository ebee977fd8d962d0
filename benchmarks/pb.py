"""Time the PB engine against pabutools on the large pabulib files, side by side.

    .venv/bin/python benchmarks/pb.py [DATA_DIR] [--peer-limit SECONDS] [--repeat N] [--files F.pb ...]

DATA_DIR defaults to ../shared/data beside the repository. Each measurement runs in a fresh worker
process, so peak memory (max RSS of that process, interpreter and numpy included) is per task; our
times are medians of N runs, pabutools' are single runs (it takes seconds to hours). A pabutools task
that exceeds the limit prints "did not finish in N s"; for MES+add1 the line then also gives pabutools'
single-pass CPU time times the number of add1 passes our run needed, as an estimate. Times are wall
clock with CPU time beside them, and ratios compare CPU times, because the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILES = ("Poland_Warszawa_2026.pb", "Poland_Lodz_2022.pb")
TASKS = ("parse", "greedy", "mes", "mes+add1")


def _ours(task: str, path: Path, repeat: int) -> dict:
    """Run one of our tasks ``repeat`` times and return the median time (and add1 passes)."""
    from delaktig.engines.pb import count, read_election

    times, cpu_times, passes = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        election = read_election(path)
        if task != "parse":
            start, cpu = time.perf_counter(), time.process_time()
            rule, completion = ("mes", "add1") if task == "mes+add1" else (task, "none")
            outcome = count(election, rule, completion)
            passes = outcome.parameters.get("passes")
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    return {"seconds": statistics.median(times), "cpu": statistics.median(cpu_times), "passes": passes}


def _peer(task: str, path: Path) -> dict:
    """Run one pabutools task once and return its time (for MES, also one pass for estimates)."""
    from tests.engines.pb import peer

    start, cpu = time.perf_counter(), time.process_time()
    instance, profile = peer.load(path)
    if task == "parse":
        return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}
    calls = {
        "greedy": lambda: peer.greedy(instance, profile),
        "mes": lambda: peer.mes(instance, profile, add1=False),
        "mes+add1": lambda: peer.mes(instance, profile, add1=True),
    }
    start, cpu = time.perf_counter(), time.process_time()
    calls[task]()
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def worker(side: str, task: str, path: Path, repeat: int) -> None:
    """Run one task in this process and print its result with the process's peak memory, as JSON."""
    sys.path.insert(0, str(REPO))
    result = _ours(task, path, repeat) if side == "ours" else _peer(task, path)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _spawn(side: str, task: str, path: Path, repeat: int, limit: float) -> dict | None:
    """Run a task in a fresh process; return None if it did not finish within ``limit`` seconds."""
    command = [sys.executable, __file__, "--worker", side, task, str(path), "--repeat", str(repeat)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=True, cwd=REPO)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cell(result: dict | None, limit: float) -> str:
    """Format a result as wall time with CPU time in brackets (the machine may be shared)."""
    if result is None:
        return f"did not finish in {limit:.0f} s"
    return f"{result['seconds']:.3f} s (cpu {result['cpu']:.3f} s)"


def measure(path: Path, repeat: int, limit: float) -> list[list[str]]:
    """Measure every task on one file, print one line each, and return table rows."""
    rows, single_pass = [], None
    for task in TASKS:
        ours = _spawn("ours", task, path, repeat if task != "mes+add1" else max(1, repeat // 2), 3600)
        assert ours is not None
        peer = _spawn("peer", task, path, 1, limit)
        if task == "mes" and peer is not None:
            single_pass = peer["cpu"]
        peer_text, ratio = _cell(peer, limit), ""
        if peer is not None:
            ratio = f"{peer['cpu'] / max(ours['cpu'], 1e-6):.0f}×"
        elif task == "mes+add1" and single_pass is not None:
            estimate = single_pass * ours["passes"]
            peer_text += f" (est. cpu {estimate:.0f} s = {single_pass:.1f} s × {ours['passes']} passes)"
            ratio = f"≈{estimate / max(ours['cpu'], 1e-6):.0f}×"
        extra = f", {ours['passes']} passes" if task == "mes+add1" else ""
        line = (
            f"{path.stem} {task}: ours {_cell(ours, 0)} (median{extra}, peak {ours['peak_mb']:.0f} MB), "
            f"pabutools {peer_text}" + (f", peak {peer['peak_mb']:.0f} MB" if peer else "") + f", ratio {ratio}"
        )
        print(line, flush=True)
        peer_peak = f"{peer['peak_mb']:.0f} MB" if peer else "–"
        rows.append(
            [
                path.stem,
                task + extra,
                _cell(ours, 0),
                f"{ours['peak_mb']:.0f} MB",
                peer_text,
                peer_peak,
                ratio,
            ]
        )
    return rows


def main() -> None:
    """Benchmark the large files and print a markdown table for the README."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--peer-limit", type=float, default=600.0, help="seconds before pabutools is stopped")
    parser.add_argument("--repeat", type=int, default=5, help="runs of ours per task (median)")
    parser.add_argument("--files", nargs="+", default=list(FILES), help="pabulib file names to measure")
    parser.add_argument("--worker", nargs=3, metavar=("SIDE", "TASK", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        side, task, path = args.worker
        worker(side, task, Path(path), args.repeat)
        return
    rows = []
    for name in args.files:
        rows += measure(Path(args.data) / "pabulib" / name, args.repeat, args.peer_limit)
    header = ["file", "task", "ours (median)", "ours peak", "pabutools 1.2.3", "pabutools peak", "ratio (cpu)"]
    print("\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
