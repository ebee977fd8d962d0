"""Time the opinion engine beside red-dwarf (a Python port of Polis's math) and print the ratios.

Usage: .venv/bin/python benchmarks/opinion.py [DATA_DIR] [--timeout SECONDS]

DATA_DIR defaults to ../shared/data beside the repository and must hold polis/<conversation>/.
Each measurement runs in its own subprocess (so peak memory is the child's own, and a peer that
takes too long is stopped, or fails at the 6 GiB address-space cap); lines give medians over the
repeats of wall time and of CPU time (on a shared machine the CPU time shows the work done).
The ratio is red-dwarf's median wall time over ours. The generated conversation has
100,000 participants, 1,000 statements and 5,000,000 votes in three opinion camps (seed 2026).
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # run from a checkout without installing the package
CONVERSATIONS = ("15-per-hour-seattle", "vtaiwan.uberx", "scoop-hivemind.ubi")
GENERATED = "generated-100k"
REPEATS = {"real": 5, "generated": 3}
MEMORY_LIMIT = 6 * 1024**3


def generated_votes(seed: int = 2026) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return 5,000,000 votes: 100,000 participants in three camps each vote on 50 of 1,000 statements."""
    rng = np.random.default_rng(seed)
    n_participants, n_statements, per_participant = 100_000, 1_000, 50
    stance = rng.choice([-1, 1], size=(3, n_statements))
    camp = rng.integers(0, 3, n_participants)
    chosen = np.empty((n_participants, per_participant), dtype=np.int32)
    for start in range(0, n_participants, 10_000):
        block = rng.random((min(10_000, n_participants - start), n_statements))
        chosen[start : start + len(block)] = np.argpartition(block, per_participant, axis=1)[:, :per_participant]
    participants = np.repeat(np.arange(n_participants), per_participant)
    statements = chosen.ravel()
    agree = stance[camp[participants], statements]
    noise = rng.random(len(statements))
    votes = np.where(noise < 0.15, 0, np.where(noise < 0.25, -agree, agree)).astype(np.int8)
    return participants, statements, votes


def _load(dataset: str, data_dir: Path):
    """Return (participants, statements, votes, timestamps, moderated_out) of a dataset."""
    if dataset == GENERATED:
        participants, statements, votes = generated_votes()
        return participants, statements, votes, None, frozenset()
    from delaktig.engines.opinion import read_conversation

    conversation = read_conversation(data_dir / "polis" / dataset)
    return (
        conversation.participant_ids,
        conversation.statement_ids,
        conversation.votes,
        conversation.timestamps,
        conversation.moderated_out,
    )


def _prepare_ours(data):
    """Return the job for our engine: build the matrix from the raw votes and analyse it."""
    from delaktig.engines.opinion import analyze, build_vote_matrix

    participants, statements, votes, timestamps, moderated = data
    return lambda: analyze(build_vote_matrix(participants, statements, votes, timestamps), moderated_out=moderated)


def _prepare_red_dwarf(data):
    """Return the job for red-dwarf's Polis pipeline on vote records, re-votes removed beforehand.

    red-dwarf's pipeline needs one vote per (participant, statement), which its loader ensures;
    we de-duplicate outside the timing (latest vote wins, as in ours).
    """
    from reddwarf.implementations.polis import run_pipeline

    from delaktig.engines.opinion import build_vote_matrix

    participants, statements, votes, timestamps, moderated = data
    matrix = build_vote_matrix(participants, statements, votes, timestamps)
    entries = matrix.votes.tocoo()
    records = [
        {"participant_id": int(matrix.participants[r]), "statement_id": int(matrix.statements[c]), "vote": int(v)}
        for r, c, v in zip(entries.row, entries.col, entries.data, strict=True)
    ]
    return lambda: run_pipeline(votes=records, mod_out_statement_ids=sorted(moderated), random_state=0)


def child(engine: str, dataset: str, data_dir: Path) -> None:
    """Time one engine on one dataset in this process and print JSON (seconds, peak MiB)."""
    data = _load(dataset, data_dir)
    run = (_prepare_ours if engine == "ours" else _prepare_red_dwarf)(data)
    repeats = REPEATS["generated" if dataset == GENERATED else "real"]
    seconds, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"median": statistics.median(seconds), "cpu": statistics.median(cpu), "peak_mib": peak}))


def _limit_memory() -> None:
    """Cap a child's address space so a peer that needs too much memory fails instead of swamping the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def measure(engine: str, dataset: str, data_dir: Path, timeout: float) -> dict | str:
    """Run ``child`` in a subprocess; return its measurement, or why it gave none."""
    command = [sys.executable, __file__, str(data_dir), "--child", engine, dataset]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT, preexec_fn=_limit_memory
        )
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"failed ({last[:80]})"
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe(result: dict | str) -> str:
    """Format a measurement: median wall time, median CPU time and peak memory."""
    if isinstance(result, str):
        return result
    return f"{result['median']:.3f} s (CPU {result['cpu']:.3f} s, peak {result['peak_mib']:.0f} MiB)"


def main() -> int:
    """Print one line per dataset: our median, red-dwarf's median, the ratio and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is stopped")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "DATASET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.data)
        return 0
    for dataset in (*CONVERSATIONS, GENERATED):
        ours = measure("ours", dataset, args.data, args.timeout)
        peer = measure("red-dwarf", dataset, args.data, args.timeout)
        both = isinstance(ours, dict) and isinstance(peer, dict)
        ratio = f"ratio {peer['median'] / ours['median']:.1f}" if both else "ratio n/a"
        print(f"{dataset}: ours {describe(ours)} | red-dwarf {describe(peer)} | {ratio}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
