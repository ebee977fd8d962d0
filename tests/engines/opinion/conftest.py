"""Shared fixtures: real Polis conversations (shared data or the copied fixture) and their analyses."""

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from delaktig.engines.opinion import analyze, read_conversation
from delaktig.engines.opinion.io import Conversation
from delaktig.engines.opinion.matrix import VoteMatrix
from tests.engines.shared_data import REPO_ROOT, shared_path

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "opinion"
SEATTLE_FIXTURE = FIXTURES / "15-per-hour-seattle"


def polis_dir(name: str) -> Path:
    """Return a shared Polis conversation directory, skipping the test when the shared data is absent."""
    return shared_path("polis", name)


@cache
def conversation(path: Path) -> Conversation:
    """Read a conversation once per test session."""
    return read_conversation(path)


@cache
def analysis(path: Path):
    """Analyse a conversation once per test session."""
    conv = conversation(path)
    return analyze(conv.matrix(), moderated_out=conv.moderated_out)


def as_dataframe(matrix: VoteMatrix) -> pd.DataFrame:
    """Return the vote matrix as red-dwarf's raw vote matrix (NaN = no vote)."""
    dense = np.full(matrix.shape, np.nan)
    coo = matrix.votes.tocoo()
    dense[coo.row, coo.col] = coo.data
    return pd.DataFrame(
        dense,
        index=pd.Index(matrix.participants, name="participant_id"),
        columns=pd.Index(matrix.statements, name="statement_id"),
    )


@pytest.fixture(params=["15-per-hour-seattle", "vtaiwan.uberx", "scoop-hivemind.ubi"])
def polis_conversation(request) -> Path:
    """Each real Polis conversation in the shared data."""
    return polis_dir(request.param)
