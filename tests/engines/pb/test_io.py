"""Reading and writing pabulib files: real files round-trip, malformed files get a one-line reason."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from delaktig.engines.errors import EngineInputError
from delaktig.engines.pb.io import format_money, parse_money, read_election, write_election
from tests.engines.pb import peer
from tests.engines.pb.data import fixture_file, shared_file, shared_files

PEER_PARSE_LIMIT = 200_000
SMALL = """META
key;value
description;"A ""quoted"" description; with a semicolon"
num_projects;3
num_votes;3
budget;100.5
vote_type;approval
PROJECTS
project_id;cost;name;selected
a;50;"Park; benches";1
b;40.25;Library;0
c;60;Skate ramp;0
VOTES
voter_id;vote;age
v1;a,b;30
v2;c;
v3;;41
"""


@pytest.mark.parametrize("path", shared_files(), ids=lambda p: p.stem)
def test_every_shared_file_round_trips(path):
    election = read_election(path)
    assert read_election(write_election(election)) == election


@pytest.mark.parametrize(
    "path", [p for p in shared_files() if p.stat().st_size < PEER_PARSE_LIMIT], ids=lambda p: p.stem
)
def test_shared_file_reads_like_pabutools(path):
    """Budget, costs and ballots agree with pabutools' parser (ordinal ballots keep their order).

    Files over 200 kB are left out because pabutools needs up to a minute to parse them.
    """
    election = read_election(path)
    instance, profile = peer.load(path)
    assert election.budget == instance.budget_limit
    assert {p.id: Fraction(p.cost) for p in election.projects} == {p.name: Fraction(p.cost) for p in instance}
    assert election.num_voters == len(profile)
    ids = [p.id for p in election.projects]
    for voter in range(0, election.num_voters, max(1, election.num_voters // 500)):
        ours = [ids[i] for i in election.ballots.row(voter)]
        theirs = [p.name for p in profile[voter]]
        assert ours == theirs if election.vote_type == "ordinal" else sorted(ours) == sorted(theirs)


def test_small_file_reads_quotes_decimals_and_empty_ballots():
    election = read_election(SMALL)
    assert election.meta["description"] == 'A "quoted" description; with a semicolon'
    assert election.budget == Fraction(201, 2)
    assert election.projects[0].name == "Park; benches"
    assert election.projects[1].cost == Fraction(161, 4)
    assert election.ballots.row_lengths().tolist() == [2, 1, 0]
    assert election.voter_columns["age"] == ("30", "", "41")
    assert election.official_selection() == ("a",)
    assert read_election(write_election(election)) == election


def test_byte_order_mark_is_ignored():
    assert read_election("\ufeff" + SMALL) == read_election(SMALL)


def test_fixture_file_is_the_shared_file():
    election = read_election(fixture_file("Netherlands_Assen_2024.pb"))
    assert election == read_election(shared_file("Netherlands_Assen_2024.pb"))
    assert np.array_equal(election.ballots.indptr, read_election(write_election(election)).ballots.indptr)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("v2;c;", "v2;z;"), "line 16: the vote names project 'z', which PROJECTS does not list"),
        (lambda t: t.replace("v2;c;", "v2;c,c;"), "line 16: the vote names the same project twice"),
        (lambda t: t.replace("b;40.25;", "b;forty;"), "line 11: cost of project 'b' 'forty' is not a number"),
        (lambda t: t.replace("b;40.25;Library;0", "b;40.25;Library"), "line 11: PROJECTS row has 3 fields"),
        (lambda t: t.replace("c;60;", "a;60;"), "line 12: project 'a' is listed twice"),
        (lambda t: t.replace("v3;;41", "v1;;41"), "line 17: voter 'v1' appears twice"),
        (lambda t: t.replace("vote_type;approval", "vote_type;lottery"), "vote_type 'lottery' is not one of"),
        (lambda t: t.replace("budget;100.5\n", ""), "META has no 'budget'"),
        (lambda t: t.replace("num_votes;3", "num_votes;4"), "META says num_votes is 4, but the file holds 3"),
        (lambda t: t.split("VOTES")[0], "the file has no VOTES section"),
        (lambda t: "junk\n" + t, "line 1: expected a section name"),
        (lambda t: t.replace("vote_type;approval", "vote_type;cumulative"), "need a 'points' column"),
    ],
)
def test_malformed_file_names_line_and_problem(edit, message):
    with pytest.raises(EngineInputError) as error:
        read_election(edit(SMALL))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_points_must_match_the_vote():
    text = SMALL.replace("vote_type;approval", "vote_type;cumulative").replace(
        "voter_id;vote;age", "voter_id;vote;points"
    )
    text = text.replace("v1;a,b;30", "v1;a,b;3,4").replace("v2;c;", "v2;c;1,2").replace("v3;;41", "v3;;")
    with pytest.raises(EngineInputError, match="line 16: the vote names 1 projects but gives 2 points"):
        read_election(text)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        read_election(tmp_path / "absent.pb")


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("12,5", Fraction(25, 2)), ("0.125", Fraction(1, 8))])
def test_money_parses_and_formats_back(text, value):
    assert parse_money(text, "cost") == value
    assert parse_money(format_money(value), "cost") == value
