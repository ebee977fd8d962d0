"""Determinism, order independence, warm-start stability, and the Lanczos path of the PCA."""

import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from delaktig.engines.opinion import analyze, build_vote_matrix
from delaktig.engines.opinion.pca import DENSE_GRAM_LIMIT, centred_votes, fit_pca
from tests.engines.opinion.conftest import SEATTLE_FIXTURE, conversation


def two_camps(n_participants: int, n_statements: int, seed: int) -> list[tuple[int, int, int]]:
    """Generate votes of two camps that disagree on every statement, with 10 % noise and gaps."""
    rng = np.random.default_rng(seed)
    triples = []
    for participant in range(n_participants):
        camp = 1 if participant % 3 else -1
        for statement in range(n_statements):
            if rng.random() < 0.7:
                vote = camp * (1 if statement % 2 else -1)
                triples.append((participant, statement, int(rng.choice([vote, 0, -vote], p=[0.8, 0.1, 0.1]))))
    return triples


def _same(a, b) -> None:
    assert a.groups == b.groups
    assert a.k == b.k
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.priorities, b.priorities)
    assert a.repness == b.repness
    assert a.consensus == b.consensus


random_votes = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 9), st.sampled_from([-1, 0, 1])), min_size=1, max_size=250
)


@settings(max_examples=40, deadline=None)
@given(votes=random_votes, seed=st.integers(0, 2**32 - 1))
def test_permuting_vote_order_changes_nothing(votes, seed):
    distinct = list({(p, s): (p, s, v) for p, s, v in votes}.values())
    shuffled = [distinct[i] for i in np.random.default_rng(seed).permutation(len(distinct))]
    _same(analyze(distinct), analyze(shuffled))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_relabelling_rows_and_columns_in_order_changes_nothing(seed):
    votes = two_camps(40, 12, seed)
    relabelled = [(p + 1000, f"s{s:03d}", v) for p, s, v in votes]
    a, b = analyze(votes), analyze(relabelled)
    assert list(a.groups.values()) == list(b.groups.values())
    np.testing.assert_array_equal(a.positions, b.positions)


def test_same_input_gives_bit_identical_output():
    conv = conversation(SEATTLE_FIXTURE)
    _same(
        analyze(conv.matrix(), moderated_out=conv.moderated_out),
        analyze(conv.matrix(), moderated_out=conv.moderated_out),
    )


@settings(max_examples=30, deadline=None)
@given(new_votes=st.dictionaries(st.integers(0, 19), st.sampled_from([-1, 0, 1]), min_size=1, max_size=20))
def test_one_new_participant_moves_nobody_else(new_votes):
    votes = two_camps(90, 20, seed=7)
    before = analyze(votes)
    after = analyze(votes + [(999, s, v) for s, v in new_votes.items()], previous=before)
    assert after.k == before.k == 2
    assert {p: g for p, g in after.groups.items() if p != 999} == before.groups


def test_warm_start_keeps_group_numbers_as_votes_arrive():
    conv = conversation(SEATTLE_FIXTURE)
    order = np.argsort(conv.timestamps, kind="stable")
    cut = int(len(order) * 0.9)
    early = build_vote_matrix(
        *(np.asarray(x)[order[:cut]] for x in (conv.participant_ids, conv.statement_ids, conv.votes))
    )
    before = analyze(early, moderated_out=conv.moderated_out)
    after = analyze(conv.matrix(), moderated_out=conv.moderated_out, previous=before)
    common = set(before.groups) & set(after.groups)
    same = sum(before.groups[p] == after.groups[p] for p in common)
    assert same / len(common) >= 0.9
    assert after.clustered[np.isin(after.participants, before.participants[before.clustered])].all()


def test_lanczos_pca_equals_exact_eigenvectors_for_many_statements():
    rng = np.random.default_rng(3)
    n, m = 2000, DENSE_GRAM_LIMIT + 100
    taste = rng.normal(size=(n, 2)) @ rng.normal(size=(2, m))
    mask = rng.random((n, m)) < 0.05
    rows, cols = np.nonzero(mask)
    votes = np.sign(taste[rows, cols] + rng.normal(scale=0.5, size=len(rows))).astype(int)
    matrix = build_vote_matrix(rows, cols, votes)
    zeroed = np.zeros(m, dtype=bool)
    pca = fit_pca(matrix, zeroed)
    centred, _ = centred_votes(matrix, zeroed)
    _, exact = scipy.linalg.eigh((centred.T @ centred).toarray())
    for axis in range(2):
        expected = exact[:, -1 - axis]
        np.testing.assert_allclose(np.abs(pca.components[axis] @ expected), 1.0, atol=1e-9)
