"""The whole Polis analysis of a conversation: map, groups, what sets them apart, what unites them.

``analyze`` is the function the dialogues app calls (in a background task) with plain data; pass the
previous ``Analysis`` to warm-start, so groups keep their numbers as votes come in. ``replay``
rebuilds a conversation's analysis the way a live Polis server did, one batch of votes at a time.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

from delaktig.engines.errors import EngineInputError
from delaktig.engines.opinion import clusters, repness
from delaktig.engines.opinion.matrix import VoteMatrix, build_vote_matrix
from delaktig.engines.opinion.pca import Pca, fit_pca, project_participants, project_statements
from delaktig.engines.opinion.repness import ConsensusStatement, Direction, RepresentativeStatement

MIN_VOTES = 7
GREEDY_PARTICIPANTS = 15
BASE_K = 100
BASE_ITERS = 100
# Polis asks for 100 group iterations under a keyword its k-means ignores, so its default of 20 applies.
GROUP_ITERS = 20
MAX_GROUPS = 5
K_BUFFER = 4
BLAS = ThreadpoolController()


@dataclass(frozen=True, eq=False)
class WarmStart:
    """What the next analysis starts from: the map's axes, who is clustered, the clusters, the k memory.

    Small enough to store as JSON (see ``io.warm_start_to_dict``) between background tasks.
    """

    statements: np.ndarray
    components: np.ndarray
    clustered: np.ndarray
    base_clusters: clusters.Clustering | None
    group_clusterings: dict[int, clusters.Clustering]
    k_smoother: clusters.KSmoother | None


@dataclass(frozen=True, eq=False)
class Analysis:
    """The result of one analysis; arrays are indexed like ``participants`` and ``statements``.

    ``group_of`` is -1 for participants not (yet) clustered; ``clustered`` marks those in the
    clustering (enough votes, once in always in). The last four fields are the state a later
    ``analyze(..., previous=this)`` warm-starts from.
    """

    participants: np.ndarray
    statements: np.ndarray
    moderated_out: frozenset
    positions: np.ndarray
    clustered: np.ndarray
    group_of: np.ndarray
    k: int
    silhouettes: dict[int, float]
    statement_positions: np.ndarray
    extremity: np.ndarray
    priorities: np.ndarray
    repness: dict[int, list[RepresentativeStatement]]
    consensus: dict[Direction, list[ConsensusStatement]]
    group_aware_consensus_agree: np.ndarray
    group_aware_consensus_disagree: np.ndarray
    pca: Pca
    base_clusters: clusters.Clustering | None
    group_clusterings: dict[int, clusters.Clustering]
    k_smoother: clusters.KSmoother | None

    @property
    def groups(self) -> dict:
        """Map each clustered participant id to its group number."""
        return {
            pid: int(group)
            for pid, group in zip(self.participants.tolist(), self.group_of.tolist(), strict=True)
            if group >= 0
        }

    @property
    def group_ids(self) -> list[int]:
        """Return the group numbers in ascending order."""
        return sorted(self.repness)

    def priority(self, statement: object) -> float:
        """Return a statement's priority for being shown to a voter next.

        A statement nobody has voted on is not in the analysis; it gets what Polis's formula gives
        zero votes (the new-statement boost at its fullest), so new statements are seen quickly.
        """
        where = np.flatnonzero(self.statements == statement)
        if len(where):
            return float(self.priorities[where[0]])
        empty = np.zeros((1, 1))
        return float(repness.priorities(repness.VoteCounts(empty, empty, empty), np.zeros(1), np.zeros(1, bool))[0])

    def warm_start(self) -> WarmStart:
        """Return the state a later analysis of the same conversation starts from."""
        return WarmStart(
            statements=self.statements,
            components=self.pca.components,
            clustered=self.participants[self.clustered],
            base_clusters=self.base_clusters,
            group_clusterings=self.group_clusterings,
            k_smoother=self.k_smoother,
        )

    def position_of(self) -> dict:
        """Map each participant id to its [x, y] place on the map."""
        return dict(zip(self.participants.tolist(), self.positions.tolist(), strict=True))


Triples = Iterable[Sequence]


def analyze(
    votes: VoteMatrix | Triples,
    *,
    moderated_out: Iterable = (),
    meta: Iterable = (),
    previous: Analysis | WarmStart | None = None,
) -> Analysis:
    """Analyse a conversation: place participants, find 2–5 opinion groups, pick their statements.

    ``votes`` is a ``VoteMatrix`` or (participant, statement, vote[, timestamp]) triples with
    1 = agree, -1 = disagree, 0 = pass. Moderated-out statements are zeroed for the map and never
    chosen as representative or consensus; meta statements get a fixed priority.

    Linear algebra runs on one BLAS thread: multi-threaded BLAS is slower for these small matrices
    on a busy server, and one thread keeps the floating-point sums in one order.
    """
    matrix = votes if isinstance(votes, VoteMatrix) else _matrix_from_triples(votes)
    with BLAS.limit(limits=1, user_api="blas"):
        state = previous.warm_start() if isinstance(previous, Analysis) else previous
        return _analyze(matrix, frozenset(moderated_out), meta, state)


def _analyze(matrix: VoteMatrix, moderated: frozenset, meta: Iterable, previous: WarmStart | None) -> Analysis:
    """Run the analysis steps (see ``analyze``)."""
    zeroed = matrix.statement_index(sorted(moderated, key=str))
    pca = fit_pca(matrix, zeroed, _aligned_pca(previous, matrix.statements))
    positions = project_participants(matrix, zeroed, pca)
    clustered = _in_conversation(matrix, previous)
    grouping = _cluster(matrix, positions, clustered, previous)
    return _describe(matrix, moderated, meta, zeroed, pca, positions, clustered, grouping)


def _matrix_from_triples(votes: Triples) -> VoteMatrix:
    """Build the vote matrix from triples (optionally with a fourth item, the vote's time)."""
    rows = [tuple(row) for row in votes]
    if any(len(row) not in (3, 4) for row in rows):
        bad = next(number for number, row in enumerate(rows, 1) if len(row) not in (3, 4))
        raise EngineInputError(f"vote {bad}: expected (participant, statement, vote[, timestamp])")
    columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    timestamps = columns[3] if len(columns) == 4 else None
    return build_vote_matrix(columns[0], columns[1], columns[2], timestamps)


def _aligned_pca(previous: WarmStart | None, statements: np.ndarray) -> Pca | None:
    """Express the previous axes on the current statements, so signs can be kept between updates."""
    if previous is None:
        return None
    index = {sid: i for i, sid in enumerate(previous.statements.tolist())}
    where = np.array([index.get(sid, -1) for sid in statements.tolist()], dtype=np.int64)
    components = np.where(where >= 0, previous.components[:, where.clip(0)], 0.0)
    return Pca(center=np.zeros(len(statements)), components=components)


def _in_conversation(matrix: VoteMatrix, previous: WarmStart | None) -> np.ndarray:
    """Mark who is clustered: min(7, statements) votes or clustered before; at least the 15 most active."""
    counts = matrix.votes_per_participant()
    clustered = counts >= min(MIN_VOTES, matrix.shape[1])
    if previous is not None:
        clustered |= np.isin(matrix.participants, previous.clustered)
    missing = GREEDY_PARTICIPANTS - int(clustered.sum())
    if missing > 0:
        order = np.lexsort((np.arange(len(counts)), -counts))
        clustered[order[~clustered[order]][:missing]] = True
    return clustered


@dataclass(frozen=True)
class _Grouping:
    """The clustering step's output: base clusters, one clustering per k, the chosen k."""

    base: clusters.Clustering | None
    clusterings: dict[int, clusters.Clustering]
    silhouettes: dict[int, float]
    smoother: clusters.KSmoother | None
    group_of: np.ndarray


def _cluster(matrix: VoteMatrix, positions: np.ndarray, clustered: np.ndarray, previous: WarmStart | None) -> _Grouping:
    """Cluster participants into base clusters, then base clusters into groups; pick k by silhouette."""
    group_of = np.full(matrix.shape[0], -1, dtype=np.int64)
    if not clustered.any():
        return _Grouping(None, {}, {}, None, group_of)
    ids = matrix.participants[clustered]
    base = clusters.kmeans(
        ids, positions[clustered], np.ones(len(ids)), BASE_K, BASE_ITERS, previous and previous.base_clusters
    )
    weights = base.sizes().astype(np.float64)
    max_k = min(MAX_GROUPS, 2 + len(base.ids) // 12)
    clusterings, silhouettes = {}, {}
    for k in range(2, max_k + 1):
        start = previous.group_clusterings.get(k) if previous is not None else None
        clusterings[k] = clusters.kmeans(base.ids, base.centers, weights, k, GROUP_ITERS, start)
        silhouettes[k] = clusters.silhouette(base.centers, clusterings[k].labels)
    best = max(silhouettes, key=lambda k: (silhouettes[k], k))
    smoother = clusters.smooth_k(best, previous and previous.k_smoother, K_BUFFER, set(clusterings))
    chosen = clusterings[smoother.smoothed_k]
    group_of[clustered] = chosen.labels[np.searchsorted(base.ids, base.labels)]
    return _Grouping(base, clusterings, silhouettes, smoother, group_of)


def _describe(
    matrix: VoteMatrix,
    moderated: frozenset,
    meta: Iterable,
    zeroed: np.ndarray,
    pca: Pca,
    positions: np.ndarray,
    clustered: np.ndarray,
    grouping: _Grouping,
) -> Analysis:
    """Compute the statement statistics for the groups found and assemble the result."""
    group_ids = np.unique(grouping.group_of[grouping.group_of >= 0])
    votes = matrix.votes
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(votes.indptr))
    in_group = clustered[rows] & (grouping.group_of[rows] >= 0)
    group_index = np.searchsorted(group_ids, grouping.group_of).clip(0, max(len(group_ids) - 1, 0))
    counts = repness.count_votes(
        rows[in_group], votes.indices[in_group], votes.data[in_group], group_index, (len(group_ids), matrix.shape[1])
    )
    stats = repness.group_statistics(counts)
    candidates = ~zeroed
    everyone = repness.count_votes(
        rows, votes.indices, votes.data, np.zeros(matrix.shape[0], dtype=np.int64), (1, matrix.shape[1])
    )
    statement_positions = project_statements(pca)
    extremity = np.linalg.norm(statement_positions, axis=1)
    agree, disagree = repness.group_aware_consensus(stats)
    chosen = repness.representative_statements(stats, matrix.statements, candidates)
    return Analysis(
        participants=matrix.participants,
        statements=matrix.statements,
        moderated_out=moderated,
        positions=positions,
        clustered=clustered,
        group_of=grouping.group_of,
        k=len(group_ids),
        silhouettes=grouping.silhouettes,
        statement_positions=statement_positions,
        extremity=extremity,
        priorities=repness.priorities(counts, extremity, matrix.statement_index(list(meta))),
        repness={int(gid): chosen[i] for i, gid in enumerate(group_ids)},
        consensus=repness.consensus_statements(everyone, matrix.statements, candidates),
        group_aware_consensus_agree=agree,
        group_aware_consensus_disagree=disagree,
        pca=pca,
        base_clusters=grouping.base,
        group_clusterings=grouping.clusterings,
        k_smoother=grouping.smoother,
    )


def replay(
    participant_ids: Sequence,
    statement_ids: Sequence,
    votes: Sequence[int],
    timestamps: Sequence[float],
    *,
    pause: float,
    moderated_out: Iterable = (),
    meta: Iterable = (),
) -> Analysis:
    """Rebuild the analysis as a live server would have: update after every pause in the voting.

    Each update warm-starts from the last, so the groups depend on the path, and the path on
    ``pause`` (seconds without a vote that end a batch). There is deliberately no default: no
    cadence follows from the votes, and on Polis's own exports the result swings with it (see
    AGREEMENT.md beside this module).
    """
    order = np.argsort(np.asarray(timestamps, dtype=np.float64), kind="stable")
    times = np.asarray(timestamps, dtype=np.float64)[order]
    columns = [np.asarray(values)[order] for values in (participant_ids, statement_ids, votes)]
    ends = [*(np.flatnonzero(np.diff(times) > pause) + 1).tolist(), len(times)]
    analysis = None
    for end in ends:
        matrix = build_vote_matrix(*(values[:end] for values in columns), times[:end])
        analysis = analyze(matrix, moderated_out=moderated_out, meta=meta, previous=analysis)
    assert analysis is not None  # ``ends`` always holds the end of the log
    return analysis
