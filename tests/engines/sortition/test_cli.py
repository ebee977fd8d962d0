"""``delaktig sortition select``: JSON output, the draw, and one-line errors with status 2."""

from __future__ import annotations

import argparse
import json

import pytest

from delaktig.cli import main
from delaktig.engines.sortition.cli import register

from .conftest import SHARED, SHARED_DATA


def paths(name: str) -> list[str]:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared sortition data not found at {SHARED_DATA}")
    quota_file, people_file, id_column, size = SHARED[name]
    return [
        "--people",
        str(SHARED_DATA / people_file),
        "--quotas",
        str(SHARED_DATA / quota_file),
        "--size",
        str(size),
        "--id-column",
        id_column,
    ]


def test_register_adds_the_select_command():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="engine"))
    args = parser.parse_args(["sortition", "select", "--people", "p.csv", "--quotas", "q.csv", "--size", "5"])
    assert args.algorithm == "leximin" and args.seed is None and callable(args.func)


def test_json_output_has_probabilities_panel_and_audit(capsys):
    assert main(["sortition", "select", *paths("sa_fixture"), "--seed", "lotto 1 2 3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["min_probability"] == pytest.approx(1 / 11)
    assert len(result["probabilities"]) == 150
    assert result["panels"] == len(result["distribution"])
    assert len(result["panel"]) == 22
    assert result["audit"]["seed"] == "lotto 1 2 3"
    assert result["audit"]["panel"] == result["panel"]


def test_text_output_without_seed(capsys):
    assert main(["sortition", "select", *paths("example_small_20"), "--algorithm", "maximin"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maximin:")
    assert "gender\tfemale\t9\t20" in out


def run_on(tmp_path, quotas: str, people: str) -> int:
    """Write the two files and run ``select`` on them with a panel of 2."""
    (tmp_path / "q.csv").write_text(quotas)
    (tmp_path / "p.csv").write_text(people)
    files = ["--people", str(tmp_path / "p.csv"), "--quotas", str(tmp_path / "q.csv")]
    return main(["sortition", "select", *files, "--size", "2"])


def test_bad_input_is_one_line_and_status_2(tmp_path, capsys):
    assert run_on(tmp_path, "feature,value,min,max\ng,a,1,2\ng,b,1,2\n", "id,g\n1,a\n2,c\n") == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "delaktig: error: p.csv, line 3: column 'g' has value 'c', which has no row for feature 'g' in the quotas"
    )


def test_infeasible_quotas_are_reported_with_the_fix(tmp_path, capsys):
    assert run_on(tmp_path, "feature,value,min,max\ng,a,2,2\ng,b,1,2\n", "id,g\n1,a\n2,b\n3,b\n") == 2
    err = capsys.readouterr().err
    assert "Only 1 people in the pool have g = a, but the minimum is 2. Smallest fix: g = a: minimum 2 → 1" in err
    assert err.count("\n") == 1


def test_console_script_prints_clean_json_on_stdout():
    """HiGHS prints a banner on standard output; the command must keep it out of the JSON."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "delaktig.cli", "sortition", "select", *paths("example_small_20"), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(done.stdout)["min_probability"] == pytest.approx(0.1)
