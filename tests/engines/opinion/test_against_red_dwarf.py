"""Live comparison with red-dwarf (a port of Polis's math) on the real conversations.

Given the same participants and group labels, every statement statistic, the representative and
consensus statements, the group-aware consensus and the priorities must equal red-dwarf's; the map
must equal red-dwarf's PCA up to the sign of each axis.
"""

from pathlib import Path

import numpy as np
import pandas as pd
from reddwarf.utils.consensus import select_consensus_statements
from reddwarf.utils.matrix import simple_filter_matrix
from reddwarf.utils.reducer.base import run_reducer
from reddwarf.utils.stats import (
    calculate_comment_statistics_dataframes,
    populate_priority_calculations_into_statements_df,
    select_representative_statements,
)

from tests.engines.opinion.conftest import analysis, as_dataframe, conversation


def _red_dwarf_inputs(path: Path):
    """Return our analysis, red-dwarf's raw matrix, the clustered ids and labels 0..k-1."""
    ours = analysis(path)
    raw = as_dataframe(conversation(path).matrix())
    clustered = ours.participants[ours.clustered]
    labels = np.searchsorted(ours.group_ids, ours.group_of[ours.clustered])
    return ours, raw, clustered, labels


def _same_up_to_sign(a: np.ndarray, b: np.ndarray) -> None:
    for axis in range(a.shape[1]):
        sign = np.sign(a[:, axis] @ b[:, axis]) or 1.0
        np.testing.assert_allclose(a[:, axis], sign * b[:, axis], atol=1e-7)


def test_map_equals_red_dwarf_pca_up_to_sign(polis_conversation: Path):
    ours = analysis(polis_conversation)
    conv = conversation(polis_conversation)
    filtered = simple_filter_matrix(as_dataframe(conv.matrix()), sorted(conv.moderated_out))
    # red-dwarf's default solver is sklearn's "auto", which picks an approximate randomized SVD for
    # vtaiwan's size; the exact solver is the method Polis describes (power iteration to convergence).
    participants, statements, _ = run_reducer(filtered.values, svd_solver="full")
    _same_up_to_sign(ours.positions, participants)
    _same_up_to_sign(ours.statement_positions, statements)


KEYS = ("p-success", "p-test", "repness", "repness-test")
FIELDS = ("p_success", "p_test", "repness", "repness_test")


def _rounded(values) -> tuple[float, ...]:
    return tuple(round(float(value), 9) for value in values)


def test_representative_statements_equal_red_dwarf(polis_conversation: Path):
    ours, raw, clustered, labels = _red_dwarf_inputs(polis_conversation)
    mod_out = sorted(conversation(polis_conversation).moderated_out)
    grouped, _ = calculate_comment_statistics_dataframes(raw.loc[clustered], labels)
    theirs = select_representative_statements(grouped, mod_out)
    for index, group in enumerate(ours.group_ids):
        expected = [
            (row["tid"], row["repful-for"], row["n-success"], row["n-trials"], *_rounded(row[key] for key in KEYS))
            for row in theirs[index]
        ]
        got = [
            (item.statement, item.direction, item.n_success, item.n_trials, *_rounded(getattr(item, f) for f in FIELDS))
            for item in ours.repness[group]
        ]
        assert got == expected
        assert [item.best_agree for item in ours.repness[group]] == [
            bool(row.get("best-agree", False)) for row in theirs[index]
        ]


def test_consensus_equals_red_dwarf(polis_conversation: Path):
    ours, raw, _, _ = _red_dwarf_inputs(polis_conversation)
    theirs = select_consensus_statements(raw, sorted(conversation(polis_conversation).moderated_out))
    for direction in ("agree", "disagree"):
        expected = [
            (row["tid"], row["n-success"], row["n-trials"], round(row["p-success"], 9), round(row["p-test"], 9))
            for row in theirs[direction]
        ]
        got = [
            (item.statement, item.n_success, item.n_trials, round(item.p_success, 9), round(item.p_test, 9))
            for item in ours.consensus[direction]
        ]
        assert got == expected


def test_group_aware_consensus_and_priorities_equal_red_dwarf(polis_conversation: Path):
    ours, raw, clustered, labels = _red_dwarf_inputs(polis_conversation)
    _, consensus = calculate_comment_statistics_dataframes(raw.loc[clustered], labels)
    np.testing.assert_allclose(ours.group_aware_consensus_agree, consensus["group-aware-consensus-agree"], rtol=1e-12)
    np.testing.assert_allclose(
        ours.group_aware_consensus_disagree, consensus["group-aware-consensus-disagree"], rtol=1e-12
    )
    statements = pd.DataFrame(ours.statement_positions, columns=["x", "y"], index=ours.statements)
    statements["is_meta"] = False
    theirs = populate_priority_calculations_into_statements_df(statements, raw.loc[clustered])
    np.testing.assert_allclose(ours.extremity, theirs["extremity"], rtol=1e-12)
    np.testing.assert_allclose(ours.priorities, theirs["priority"].astype(float), rtol=1e-12)
