"""Agreement with Polis's own group assignments (``group-id`` in participants-votes.csv).

Polis's groups are path dependent: every update warm-starts k-means from the previous update, so
the exported groups are the end of the conversation's history, not a function of its final votes.
One analysis of the final votes matches vtaiwan.uberx; 15-per-hour-seattle needs the history,
which ``replay`` rebuilds from the vote log's timestamps. The replayed result depends on the update
cadence (Seattle: 0.88 after pauses of 30 s to 1 h; 0.36–0.80 for every 20–500 votes, 1–10 s or 6–24 h), so
this is a reconstruction of Polis's path, not a second independent method.
"""

from sklearn.metrics import adjusted_rand_score

from delaktig.engines.opinion import replay
from tests.engines.opinion.conftest import SEATTLE_FIXTURE, analysis, conversation, polis_dir


def _ari(result, polis_groups: dict) -> float:
    ours = result.groups
    common = sorted(set(ours) & set(polis_groups))
    return adjusted_rand_score([polis_groups[p] for p in common], [ours[p] for p in common])


def test_vtaiwan_single_analysis_matches_polis_groups():
    path = polis_dir("vtaiwan.uberx")
    result = analysis(path)
    assert result.k == 2
    assert int(result.clustered.sum()) == 1218  # Polis clustered 1,219 (one more than 7-vote rule gives)
    assert _ari(result, conversation(path).polis_groups) >= 0.90


def test_seattle_replayed_history_matches_polis_groups():
    conv = conversation(SEATTLE_FIXTURE)
    result = replay(
        conv.participant_ids, conv.statement_ids, conv.votes, conv.timestamps, moderated_out=conv.moderated_out
    )
    assert result.k == 2
    assert _ari(result, conv.polis_groups) >= 0.88


def test_seattle_single_analysis_finds_the_other_two_group_split():
    """Documents the known gap: from the final votes alone k-means settles in a different local optimum."""
    result = analysis(SEATTLE_FIXTURE)
    assert result.k == 2
    assert set(result.groups) == set(conversation(SEATTLE_FIXTURE).polis_groups)
    assert 0.5 < _ari(result, conversation(SEATTLE_FIXTURE).polis_groups) < 0.6


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
    assert _ari(result, conversation(path).polis_groups) < 0.2
