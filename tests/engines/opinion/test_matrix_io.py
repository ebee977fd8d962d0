"""Reading Polis exports and triples: latest vote wins, bad rows are named, formats agree."""

import argparse
from pathlib import Path

import numpy as np
import pytest

from delaktig.engines.errors import EngineInputError
from delaktig.engines.opinion import build_vote_matrix, read_conversation
from delaktig.engines.opinion.io import read_polis_groups, read_wide_matrix
from tests.engines.opinion.conftest import SEATTLE_FIXTURE


def test_latest_vote_per_participant_and_statement_wins_by_timestamp():
    matrix = build_vote_matrix([1, 1, 2], [10, 10, 10], [1, -1, 0], timestamps=[5.0, 3.0, 1.0])
    assert matrix.votes.toarray().tolist() == [[1.0], [0.0]]
    assert matrix.votes_per_participant().tolist() == [1, 1]


def test_without_timestamps_the_later_triple_wins():
    matrix = build_vote_matrix(["a", "a"], ["s", "s"], [1, -1])
    assert matrix.votes.toarray().tolist() == [[-1.0]]


def test_pass_votes_are_kept_as_explicit_entries():
    matrix = build_vote_matrix([1, 2], [1, 2], [0, 0])
    assert matrix.votes.nnz == 2


def test_invalid_vote_value_names_the_vote():
    with pytest.raises(EngineInputError, match="vote 2: vote must be 1, -1 or 0"):
        build_vote_matrix([1, 2], [1, 1], [1, 2])


def test_polis_votes_csv_keeps_latest_vote_and_matches_the_wide_export():
    conversation = read_conversation(SEATTLE_FIXTURE)
    matrix = conversation.matrix()
    assert len(conversation.votes) == 2995
    assert matrix.votes.nnz == 2872  # distinct (voter, comment) pairs
    wide = read_wide_matrix(SEATTLE_FIXTURE / "participants-votes.csv")
    rows = np.searchsorted(wide.participants, matrix.participants)
    cols = np.searchsorted(wide.statements, matrix.statements)
    assert (wide.participants[rows] == matrix.participants).all()
    assert (wide.votes.toarray()[np.ix_(rows, cols)] == np.nan_to_num(matrix.votes.toarray())).mean() > 0.99


def test_comments_give_moderation_and_texts():
    conversation = read_conversation(SEATTLE_FIXTURE)
    assert len(conversation.moderated_out) == 23
    assert conversation.title == "$15/hour"
    assert len(read_polis_groups(SEATTLE_FIXTURE / "participants-votes.csv")) == 138


def test_triples_file_with_timestamps(tmp_path: Path):
    path = tmp_path / "votes.csv"
    path.write_text("participant,statement,vote,timestamp\nanna,s1,1,2\nanna,s1,-1,1\nbo,s1,0,3\n")
    matrix = read_conversation(path).matrix()
    assert matrix.participants.tolist() == ["anna", "bo"]
    assert matrix.votes.toarray().tolist() == [[1.0], [0.0]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("participant,statement\n1,2\n", r"line 1: missing column\(s\) vote"),
        ("participant,statement,vote\n1,2,1\n1,3,yes\n", "line 3: vote must be an integer, not 'yes'"),
        ("participant,statement,vote\n1,2,5\n", "line 2: vote must be 1, -1 or 0"),
        ("participant,statement,vote,timestamp\n1,2,1,soon\n", "line 2: timestamp must be a number"),
        ("participant,statement,vote\n", "no votes"),
    ],
)
def test_bad_files_name_the_line(tmp_path: Path, content: str, message: str):
    path = tmp_path / "votes.csv"
    path.write_text(content)
    with pytest.raises(EngineInputError, match=message):
        read_conversation(path)


def test_bad_wide_matrix_names_the_line(tmp_path: Path):
    path = tmp_path / "participants-votes.csv"
    path.write_text("participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n1,0,0,2,1,1,1\n")
    with pytest.raises(EngineInputError, match="line 2: 7 cells, expected 8"):
        read_wide_matrix(path)


def test_cli_reports_bad_input_through_engine_error(tmp_path: Path):
    from delaktig.engines.opinion import cli

    path = tmp_path / "votes.csv"
    path.write_text("participant,statement,vote\n1,2,7\n")
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["opinion", "analyze", str(path)])
    with pytest.raises(EngineInputError, match="line 2"):
        args.func(args)
