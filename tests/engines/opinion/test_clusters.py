"""Polis's clustering pieces: k smoothing, warm starts, weighted k-means and silhouette."""

import json

import numpy as np
from sklearn.metrics import silhouette_score

from delaktig.engines.opinion import analyze
from delaktig.engines.opinion.clusters import KSmoother, kmeans, silhouette, smooth_k
from delaktig.engines.opinion.io import warm_start_from_dict, warm_start_to_dict
from tests.engines.opinion.conftest import SEATTLE_FIXTURE, conversation


def test_group_count_changes_only_after_four_updates_in_a_row():
    state = smooth_k(2, None, 4, {2, 3})
    assert state == KSmoother(last_k=2, last_k_count=1, smoothed_k=2)
    for count in (1, 2, 3):
        state = smooth_k(3, state, 4, {2, 3})
        assert (state.last_k_count, state.smoothed_k) == (count, 2)
    assert smooth_k(3, state, 4, {2, 3}).smoothed_k == 3


def test_silhouette_equals_scikit_learn_when_no_cluster_is_a_singleton():
    rng = np.random.default_rng(1)
    points = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(5, 1, (20, 2)), rng.normal((0, 6), 1, (25, 2))])
    labels = np.repeat([4, 7, 9], [30, 20, 25])
    assert np.isclose(silhouette(points, labels), silhouette_score(points, labels))


def test_weighted_kmeans_centres_are_weighted_means():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0]])
    result = kmeans(np.arange(4), points, np.array([1.0, 3.0, 1.0, 1.0]), 2, 20)
    np.testing.assert_allclose(sorted(result.centers[:, 0]), [0.75, 10.5])


def test_warm_start_on_unchanged_votes_keeps_every_group_and_number():
    conv = conversation(SEATTLE_FIXTURE)
    first = analyze(conv.matrix(), moderated_out=conv.moderated_out)
    again = analyze(conv.matrix(), moderated_out=conv.moderated_out, previous=first)
    assert again.groups == first.groups
    np.testing.assert_array_equal(again.base_clusters.ids, first.base_clusters.ids)


def test_warm_start_gives_a_new_outlying_point_its_own_cluster_when_room_remains():
    points = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 0.0]])
    before = kmeans(np.array([1, 2, 3]), points, np.ones(3), 4, 20)
    grown = np.vstack([points, [[50.0, 50.0]]])
    after = kmeans(np.array([1, 2, 3, 4]), grown, np.ones(4), 4, 20, previous=before)
    assert set(before.ids) <= set(after.ids)
    assert after.labels[-1] not in before.ids


def test_priority_of_a_statement_without_votes_follows_polis_formula():
    result = analyze([(1, "a", 1), (2, "a", -1)])
    assert result.priority("never voted on") == (0.5 * 0.5 * 1 * 9) ** 2
    assert result.priority("a") == result.priorities[0]


def test_warm_start_survives_a_json_round_trip():
    conv = conversation(SEATTLE_FIXTURE)
    first = analyze(conv.matrix(), moderated_out=conv.moderated_out)
    stored = json.loads(json.dumps(warm_start_to_dict(first.warm_start())))
    from_json = analyze(conv.matrix(), moderated_out=conv.moderated_out, previous=warm_start_from_dict(stored))
    direct = analyze(conv.matrix(), moderated_out=conv.moderated_out, previous=first)
    assert from_json.groups == direct.groups
    np.testing.assert_array_equal(from_json.positions, direct.positions)
    np.testing.assert_array_equal(from_json.base_clusters.centers, direct.base_clusters.centers)
