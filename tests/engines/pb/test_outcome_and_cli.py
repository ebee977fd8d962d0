"""Outcomes explain themselves, add up, and come out of the CLI as the issue's JSON."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction

import pytest

from delaktig.engines.errors import EngineInputError
from delaktig.engines.pb import cli, count, read_election
from tests.engines.pb.data import fixture_file

ASSEN = fixture_file("Netherlands_Assen_2024.pb")
MTURK = fixture_file("Worldwide_Mechanical_Turk_Utilities_3.pb")


def run_cli(*argv: str) -> int:
    """Run ``delaktig pb ...`` through our own ``register``, as the top-level CLI does."""
    parser = argparse.ArgumentParser(prog="delaktig")
    cli.register(parser.add_subparsers(dest="engine", required=True))
    args = parser.parse_args(["pb", *argv])
    return args.func(args)


@pytest.mark.parametrize("path", [ASSEN, MTURK])
def test_mes_payments_add_up_to_each_selected_cost(path):
    election = read_election(path)
    outcome = count(election, "mes", "add1")
    profile_utils = {p.id: p for p in election.projects}
    for result in outcome.projects.values():
        if not result.selected:
            assert result.payments is None
            continue
        paid = result.payments
        if election.is_approval:
            total = paid["price"] * paid["payers"] + paid["all_in_total"]
            assert total == profile_utils[result.id].cost


def test_rejected_mes_project_says_what_was_needed_and_what_was_left():
    outcome = count(read_election(ASSEN), "mes", "add1")
    rejected = [r for r in outcome.projects.values() if not r.selected]
    assert rejected
    for result in rejected:
        assert result.explanation.code == "mes-unaffordable"
        text = result.explanation.text
        assert f"from each of its {result.supporters} supporters" in text and "left on average" in text
        assert result.explanation.data["needed_each"] > result.explanation.data["average_left"]


def test_rounds_follow_the_order_of_selection():
    outcome = count(read_election(ASSEN), "mes", "add1u")
    assert [outcome.projects[pid].round for pid in outcome.rounds] == list(range(1, len(outcome.rounds) + 1))
    assert any(r.explanation.code == "completion-selected" for r in outcome.projects.values())
    assert sorted(outcome.selected) == sorted(outcome.rounds)


def test_voter_statistics_count_voters_with_a_selected_project():
    election = read_election(ASSEN)
    outcome = count(election, "greedy")
    chosen = {election.project_index()[pid] for pid in outcome.selected}
    served = sum(1 for v in range(election.num_voters) if chosen & set(election.ballots.row(v).tolist()))
    stats = outcome.voter_statistics
    assert stats.voters_with_selected_project == served
    assert stats.share_with_selected_project == served / election.num_voters
    assert sum(stats.selected_per_voter.values()) == election.num_voters


def test_spending_is_summed_per_category():
    election = read_election(MTURK)
    outcome = count(election, "greedy")
    spending = outcome.voter_statistics.spending_by_column["category"]
    chosen = [p for p in election.projects if p.id in outcome.selected]
    assert sum(spending.values()) == sum(p.cost * len(p.columns["category"].split(",")) for p in chosen)


def test_count_json_has_the_fields_the_issue_names(capsys):
    assert run_cli("count", str(ASSEN), "--rule", "mes", "--completion", "add1", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    election = read_election(ASSEN)
    assert data["selected"] == list(election.official_selection())
    assert {"selected", "total_cost", "budget", "rule", "completion", "per_voter_budget", "projects"} <= set(data)
    assert Fraction(data["per_voter_budget_exact"]) == count(election, "mes", "add1").per_voter_budget
    assert set(data["projects"]) == {p.id for p in election.projects}
    assert all({"selected", "explanation"} <= set(p) for p in data["projects"].values())


def test_info_and_text_count_print_a_summary(capsys):
    assert run_cli("info", str(ASSEN)) == 0
    assert "voters:      84" in capsys.readouterr().out
    assert run_cli("count", str(ASSEN), "--rule", "greedy") == 0
    assert "[x] 3: Selected" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("count", str(MTURK), "--rule", "phragmen"), "phragmen counts approval ballots only"),
        (("count", str(ASSEN), "--rule", "greedy", "--completion", "add1"), "applies to the mes rule only"),
        (("count", str(ASSEN), "--rule", "greedy-threshold"), "META has no min_project_score_threshold"),
        (("count", str(ASSEN), "--rule", "mes", "--step", "0"), "step must be positive"),
    ],
)
def test_impossible_parameters_are_input_errors(argv, message):
    with pytest.raises(EngineInputError, match=message):
        run_cli(*argv)


def test_bad_file_is_an_input_error_naming_the_line(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text(ASSEN.read_text().replace(";7200;", ";seven;", 1))
    with pytest.raises(EngineInputError, match=r"bad.pb, line \d+: cost of project '3' 'seven' is not a number"):
        run_cli("info", str(bad))


@pytest.mark.parametrize("tie_breaking", ["lexicographic", "min-cost", "max-cost", "max-score"])
def test_tie_breaking_is_recorded(tie_breaking):
    outcome = count(read_election(ASSEN), "greedy", tie_breaking=tie_breaking)
    assert outcome.tie_breaking == tie_breaking


def test_floor_start_uses_a_whole_per_voter_budget():
    outcome = count(read_election(ASSEN), "mes", "add1", start="floor")
    assert outcome.per_voter_budget.denominator == 1


def test_top_level_cli_exits_2_with_one_line_for_a_bad_file(tmp_path, capsys):
    from delaktig.cli import main

    bad = tmp_path / "bad.pb"
    bad.write_text(
        "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;x\nVOTES\nvoter_id;vote\n"
    )
    assert main(["pb", "count", str(bad), "--rule", "greedy"]) == 2
    error = capsys.readouterr().err
    assert error == "delaktig: error: bad.pb, line 7: cost of project 'a' 'x' is not a number\n"
