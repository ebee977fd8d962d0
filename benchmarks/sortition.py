"""Time our LEXIMIN (and maximin) against sortition-algorithms on the shared instances and a 5,000 pool.

    .venv/bin/python benchmarks/sortition.py [DATA] [--runs 3] [--timeout 150] [--only NAME] [--ours-only]

DATA defaults to ../shared/data (relative to the repository root). Each line gives our median
wall and CPU time (reading the files included) and the reference's (one run, skipped with
--ours-only), each run in a subprocess that is stopped after the timeout, with the minimum
probabilities and the wall ratio.
CPU time is shown because the 2-core machine is often shared: it is less disturbed by others. The
5,000-person pool is generated: Gothenburg-like shares over 6 features with 30 values, a
response bias towards older and university-educated people, quotas of ±10 % (+1) around the
population share, panel of 100.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing the package
SHARED = {
    "example_small_20": ("converted/example_small_20/features.csv", "converted/example_small_20/people.csv", "id", 20),
    "sa_fixture": ("sa_fixture/features.csv", "sa_fixture/candidates.csv", "nationbuilder_id", 22),
    "example_large_200": (
        "converted/example_large_200/features.csv",
        "converted/example_large_200/people.csv",
        "id",
        200,
    ),
}
DISTRICTS = (
    "Angered",
    "Östra Göteborg",
    "Centrum",
    "Majorna–Linné",
    "Örgryte–Härlanda",
    "Askim–Frölunda–Högsbo",
    "Västra Göteborg",
    "Lundby",
    "Norra Hisingen",
    "Västra Hisingen",
)
POPULATION = {
    "gender": {"woman": 0.50, "man": 0.49, "other": 0.01},
    "age": {"16-24": 0.13, "25-34": 0.20, "35-44": 0.17, "45-54": 0.15, "55-64": 0.13, "65+": 0.22},
    "district": dict(zip(DISTRICTS, (0.09, 0.09, 0.11, 0.12, 0.12, 0.12, 0.09, 0.10, 0.08, 0.08), strict=True)),
    "education": {"compulsory": 0.15, "upper secondary": 0.37, "post-secondary short": 0.13, "university": 0.35},
    "born": {"Sweden": 0.72, "Europe": 0.10, "outside Europe": 0.18},
    "housing": {"rented": 0.50, "tenant-owned": 0.30, "owned house": 0.17, "other": 0.03},
}
COLUMNS = (
    "instance",
    "n",
    "k",
    "algorithm",
    "ours wall (s)",
    "ours CPU (s)",
    "min prob",
    "sortition-algorithms wall (s)",
    "its CPU (s)",
    "its min prob",
    "wall ratio",
)
RESPONSE_BIAS = {"education": {"university": 1.8, "compulsory": 0.5}, "age": {"16-24": 0.6, "65+": 1.4}}


def generate(directory: Path, people: int = 5000, size: int = 100, seed: int = 1) -> tuple[Path, Path]:
    """Write a generated pool and its quotas as CSV; return (quota file, people file)."""
    rng = np.random.default_rng(seed)
    columns = {}
    for feature, shares in POPULATION.items():
        weights = np.array([share * RESPONSE_BIAS.get(feature, {}).get(v, 1.0) for v, share in shares.items()])
        columns[feature] = rng.choice(list(shares), size=people, p=weights / weights.sum())
    people_file, quota_file = directory / "people.csv", directory / "quotas.csv"
    with people_file.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", *POPULATION])
        writer.writerows([f"r{i}", *(columns[f][i] for f in POPULATION)] for i in range(people))
    with quota_file.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["feature", "value", "min", "max"])
        for feature, shares in POPULATION.items():
            for value, share in shares.items():
                target = share * size
                writer.writerow([feature, value, max(0, int(target * 0.9) - 1), int(np.ceil(target * 1.1)) + 1])
    return quota_file, people_file


def ours(quota_file: Path, people_file: Path, id_column: str, size: int, algorithm: str) -> None:
    """Run our engine once and print its seconds and minimum probability (subprocess side)."""
    from delaktig.engines.sortition import read_people, read_quotas, select

    started, cpu = time.perf_counter(), time.process_time()
    quotas = read_quotas(quota_file)
    pool = read_people(people_file, quotas, id_column=id_column)
    distribution = select(pool, quotas, size, algorithm=algorithm)
    print(f"RESULT {time.perf_counter() - started} {time.process_time() - cpu} {distribution.min_probability}")


def peer(quota_file: Path, people_file: Path, id_column: str, size: int, algorithm: str) -> None:
    """Run sortition-algorithms once and print its seconds and minimum probability (subprocess side)."""
    import io
    from contextlib import redirect_stdout

    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import find_distribution_leximin, find_distribution_maximin

    started, cpu = time.perf_counter(), time.process_time()
    with quota_file.open(newline="") as handle:
        reader = csv.DictReader(handle)
        features, _, _ = read_in_features(reader.fieldnames, list(reader), size)
    with people_file.open(newline="") as handle:
        reader = csv.DictReader(handle)
        settings = Settings(id_column=id_column, columns_to_keep=[])
        pool, _ = read_in_people(reader.fieldnames, list(reader), features, settings)
    finder = find_distribution_leximin if algorithm == "leximin" else find_distribution_maximin
    with redirect_stdout(io.StringIO()):
        panels, weights, _ = finder(features, pool, size, [])
    probabilities = dict.fromkeys(pool, 0.0)
    for panel, weight in zip(panels, weights, strict=True):
        for person in panel:
            probabilities[person] += weight
    print(f"RESULT {time.perf_counter() - started} {time.process_time() - cpu} {min(probabilities.values())}")


def run(side: str, files: tuple[Path, Path, str, int], algorithm: str, timeout: float) -> tuple[str, float, str]:
    """Return (wall seconds, or "did not finish in N s", or why it failed; CPU seconds; minimum probability)."""
    quota_file, people_file, id_column, size = files
    command = [sys.executable, __file__, side, str(quota_file), str(people_file), id_column, str(size), algorithm]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s", float("nan"), "–"
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            _, wall, cpu, minimum = line.split()
            return wall, float(cpu), f"{float(minimum):.4f}"
    reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return f"failed: {reason[:100]}", float("nan"), "–"


def median_time(side: str, files: tuple, algorithm: str, runs: int, timeout: float) -> tuple[str, str, str]:
    """Return the median wall and CPU seconds of ``runs`` runs as text (or the first failure), and the minimum."""
    results = [run(side, files, algorithm, timeout) for _ in range(runs)]
    failed = [wall for wall, _, _ in results if not _is_number(wall)]
    if failed:
        return failed[0], "–", results[0][2]
    wall = statistics.median(float(w) for w, _, _ in results)
    return f"{wall:.2f}", f"{statistics.median(c for _, c, _ in results):.2f}", results[0][2]


def _is_number(text: str) -> bool:
    """Return whether a timing is a number rather than a failure."""
    return text.replace(".", "", 1).isdigit()


def main() -> None:
    """Time every instance and print one line per (instance, algorithm)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement of ours")
    parser.add_argument("--timeout", type=float, default=150.0, help="seconds before a run is stopped")
    parser.add_argument("--only", help="run one instance only")
    parser.add_argument("--ours-only", action="store_true", help="leave out sortition-algorithms")
    parser.add_argument("--peer", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--ours", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for side, function in (("peer", peer), ("ours", ours)):
        if getattr(args, side):
            quota_file, people_file, id_column, size, algorithm = getattr(args, side)
            function(Path(quota_file), Path(people_file), id_column, int(size), algorithm)
            return
    data = Path(args.data) / "sortition"
    with tempfile.TemporaryDirectory() as scratch:
        instances = {name: (data / q, data / p, i, k) for name, (q, p, i, k) in SHARED.items()}
        instances["generated_5000"] = (*generate(Path(scratch)), "id", 100)
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "---|" * len(COLUMNS))
        for name, files in instances.items():
            if args.only and name != args.only:
                continue
            people = sum(1 for _ in files[1].open()) - 1
            for algorithm in ("maximin", "leximin"):
                mine, my_cpu, my_min = median_time("--ours", files, algorithm, args.runs, args.timeout)
                if args.ours_only:
                    theirs, their_cpu, their_min = "not run", "–", "–"
                else:
                    theirs, their_cpu, their_min = median_time("--peer", files, algorithm, 1, args.timeout)
                both = _is_number(mine) and _is_number(theirs)
                ratio = f"{float(theirs) / float(mine):.0f}×" if both else "–"
                print(
                    f"| {name} | {people} | {files[3]} | {algorithm} | {mine} | {my_cpu} | {my_min} "
                    f"| {theirs} | {their_cpu} | {their_min} | {ratio} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
