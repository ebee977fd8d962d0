"""Shared fixtures: real Polis conversations (shared data or the copied fixture) and their analyses."""

import os
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from delaktig.engines.opinion import analyze, read_conversation
from delaktig.engines.opinion.io import Conversation
from delaktig.engines.opinion.matrix import VoteMatrix

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_POLIS = Path(os.environ.get("DELAKTIG_SHARED_DATA", REPO_ROOT.parent / "shared" / "data")) / "polis"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "opinion"
SEATTLE_FIXTURE = FIXTURES / "15-per-hour-seattle"


def polis_dir(name: str) -> Path:
    """Return a shared Polis conversation directory, skipping the test when the shared data is absent."""
    path = SHARED_POLIS / name
    if not path.is_dir():
        pytest.skip(f"shared Polis data not found at {path} (set DELAKTIG_SHARED_DATA)")
    return path


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
