"""Agreement with Polis's own group assignments (``group-id`` in participants-votes.csv).

One analysis of the final votes is Polis's published method run once; it matches vtaiwan.uberx.
On 15-per-hour-seattle it agrees with Polis on the map, the participants and k, but not on where
the line between the two groups falls: the 2-group split has sixteen k-means solutions within 1.6 %
of each other, Polis's export holds one that its history led to, and none of the rules on the final
votes we measured picks Polis's solution on both conversations. The measurements are in
delaktig/engines/opinion/AGREEMENT.md; the tests below pin the facts that argument rests on.
"""

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from delaktig.engines.opinion import replay
from delaktig.engines.opinion.analysis import GROUP_ITERS
from delaktig.engines.opinion.clusters import Clustering, kmeans
from tests.engines.opinion.conftest import SEATTLE_FIXTURE, analysis, conversation, polis_dir


def _ari(groups: dict, polis_groups: dict) -> float:
    common = sorted(set(groups) & set(polis_groups))
    return adjusted_rand_score([polis_groups[p] for p in common], [groups[p] for p in common])


def _participant_groups(result, base_labels: np.ndarray) -> dict:
    """Spread one label per base cluster (in ``base_clusters.ids`` order) to the participants."""
    base = result.base_clusters
    labels = base_labels[np.searchsorted(base.ids, base.labels)]
    return dict(zip(base.point_ids.tolist(), labels.tolist(), strict=True))


def _spread(result, base_labels: np.ndarray) -> float:
    """Return the size-weighted within-group sum of squares of base-cluster centres (k-means' objective)."""
    base = result.base_clusters
    weights = base.sizes().astype(np.float64)
    total = 0.0
    for label in np.unique(base_labels):
        member = base_labels == label
        centre = np.average(base.centers[member], axis=0, weights=weights[member])
        total += float(weights[member] @ ((base.centers[member] - centre) ** 2).sum(axis=1))
    return total


def _polis_labels_of_base_clusters(result, polis_groups: dict) -> np.ndarray:
    """Give each base cluster the Polis group most of its members are in."""
    base = result.base_clusters
    index = np.searchsorted(base.ids, base.labels)
    polis = np.array([polis_groups[p] for p in base.point_ids.tolist()])
    votes = np.zeros((len(base.ids), int(polis.max()) + 1))
    np.add.at(votes, (index, polis), 1)
    return votes.argmax(axis=1)


def _lowest_spread_split(result, k: int) -> np.ndarray:
    """Return the base-cluster labels of the best of many k-means starts (the lowest spread found)."""
    base = result.base_clusters
    weights = base.sizes().astype(np.float64)
    return KMeans(k, n_init=200, random_state=0).fit(base.centers, sample_weight=weights).labels_


def test_vtaiwan_single_analysis_matches_polis_groups():
    path = polis_dir("vtaiwan.uberx")
    result = analysis(path)
    assert result.k == 2
    assert int(result.clustered.sum()) == 1218  # Polis clustered 1,219 (one more than 7-vote rule gives)
    assert _ari(result.groups, conversation(path).polis_groups) >= 0.90


@pytest.mark.xfail(
    strict=True,
    reason="Polis's Seattle groups are one of many near-equal k-means solutions, reached through its update "
    "history; one analysis of the final votes reaches another (ARI 0.56). See AGREEMENT.md.",
)
def test_seattle_single_analysis_matches_polis_groups():
    assert _ari(analysis(SEATTLE_FIXTURE).groups, conversation(SEATTLE_FIXTURE).polis_groups) >= 0.88


def test_seattle_single_analysis_agrees_with_polis_on_participants_and_k_but_not_the_split():
    result = analysis(SEATTLE_FIXTURE)
    polis_groups = conversation(SEATTLE_FIXTURE).polis_groups
    assert result.k == 2 == len(set(polis_groups.values()))
    assert set(result.groups) == set(polis_groups)
    assert 0.5 < _ari(result.groups, polis_groups) < 0.6


def test_seattle_polis_groups_are_a_stable_k_means_solution_on_our_map():
    """Started from Polis's groups, our group k-means keeps them: the map is the same, the start is not."""
    result = analysis(SEATTLE_FIXTURE)
    polis_groups = conversation(SEATTLE_FIXTURE).polis_groups
    base = result.base_clusters
    start = Clustering(
        ids=np.array([0, 1]),
        centers=np.zeros((2, 2)),
        point_ids=base.ids,
        labels=_polis_labels_of_base_clusters(result, polis_groups),
    )
    kept = kmeans(base.ids, base.centers, base.sizes().astype(np.float64), 2, GROUP_ITERS, start)
    assert _ari(_participant_groups(result, kept.labels), polis_groups) == 1.0


def test_seattle_polis_split_is_better_than_ours_but_not_the_lowest_spread():
    """k-means' own objective barely separates the splits (ours is 1.4 % above the best), nor does it prefer Polis's."""
    result = analysis(SEATTLE_FIXTURE)
    ours = _spread(result, result.group_clusterings[2].labels)
    polis = _spread(result, _polis_labels_of_base_clusters(result, conversation(SEATTLE_FIXTURE).polis_groups))
    lowest = _spread(result, _lowest_spread_split(result, 2))
    assert lowest < polis < ours
    assert (ours - lowest) / lowest < 0.015


def test_choosing_the_lowest_spread_split_would_fix_seattle_and_break_vtaiwan():
    """Why "best of many starts" is no fix: Polis did not choose by the objective on either conversation."""
    seattle, vtaiwan = analysis(SEATTLE_FIXTURE), analysis(polis_dir("vtaiwan.uberx"))
    seattle_best = _participant_groups(seattle, _lowest_spread_split(seattle, 2))
    vtaiwan_best = _participant_groups(vtaiwan, _lowest_spread_split(vtaiwan, 2))
    assert _ari(seattle_best, conversation(SEATTLE_FIXTURE).polis_groups) >= 0.88
    assert _ari(vtaiwan_best, conversation(polis_dir("vtaiwan.uberx")).polis_groups) < 0.75


def test_seattle_replay_depends_on_the_update_cadence():
    """Replaying the vote log reaches Polis's neighbourhood only for some cadences; none follows from the data."""
    conv = conversation(SEATTLE_FIXTURE)
    columns = (conv.participant_ids, conv.statement_ids, conv.votes, conv.timestamps)
    every_5_minutes = replay(*columns, pause=300.0, moderated_out=conv.moderated_out)
    every_2_hours = replay(*columns, pause=7200.0, moderated_out=conv.moderated_out)
    assert every_5_minutes.k == every_2_hours.k == 2
    assert _ari(every_5_minutes.groups, conv.polis_groups) >= 0.88
    assert _ari(every_2_hours.groups, conv.polis_groups) < 0.85


def test_scoop_hivemind_silhouette_does_not_favour_polis_four_groups():
    """Polis shows 4 groups for scoop-hivemind.ubi; silhouettes on the final votes favour fewer.

    Polis also gave a group to all 234 participants, while only 174 cast the 7 votes the method
    requires, so its export reflects a state of the conversation these votes do not reproduce.
    """
    path = polis_dir("scoop-hivemind.ubi")
    result = analysis(path)
    assert int(result.clustered.sum()) == 174
    assert len(conversation(path).polis_groups) == 234
    assert max(result.silhouettes, key=result.silhouettes.get) != 4
    assert result.k == 3
    assert _ari(result.groups, conversation(path).polis_groups) < 0.2
