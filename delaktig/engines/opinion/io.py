"""Read Polis open-data exports and plain vote triples; write an analysis as JSON.

A Polis export directory holds ``votes.csv`` (timestamp, datetime, comment-id, voter-id, vote, one
row per vote cast, re-votes included), ``comments.csv`` (with ``moderated``: -1 out, 0 unmoderated,
1 accepted), ``participants-votes.csv`` (a wide matrix with Polis's own ``group-id``) and
``summary.csv``. A plain triples file has the header ``participant,statement,vote`` and optionally
``timestamp``. Bad input raises ``EngineInputError`` naming the file and line.
"""

import csv
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from delaktig.engines.errors import EngineInputError
from delaktig.engines.opinion.analysis import Analysis, WarmStart
from delaktig.engines.opinion.clusters import Clustering, KSmoother
from delaktig.engines.opinion.matrix import VoteMatrix, build_vote_matrix, vote_matrix_from_dense

POLIS_VOTES = ("comment-id", "voter-id", "vote")
TRIPLES = ("participant", "statement", "vote")
WIDE_FIXED = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")
MILLISECONDS = 1000.0


@dataclass(frozen=True, eq=False)
class Conversation:
    """Votes (one row per vote cast, times in seconds) with what the export says about statements."""

    participant_ids: np.ndarray
    statement_ids: np.ndarray
    votes: np.ndarray
    timestamps: np.ndarray | None
    moderated_out: frozenset = frozenset()
    statement_texts: dict = field(default_factory=dict)
    polis_groups: dict = field(default_factory=dict)
    title: str = ""

    def matrix(self) -> VoteMatrix:
        """Return the vote matrix with each participant's latest vote per statement."""
        return build_vote_matrix(self.participant_ids, self.statement_ids, self.votes, self.timestamps)


def read_conversation(path: Path) -> Conversation:
    """Read a Polis export directory, a Polis ``votes.csv`` or a triples CSV file."""
    path = Path(path)
    if not path.is_dir():
        return _read_votes(path)
    conversation = _read_votes(path / "votes.csv")
    moderated, texts = read_comments(path / "comments.csv") if (path / "comments.csv").exists() else ({}, {})
    groups = read_polis_groups(path / "participants-votes.csv") if (path / "participants-votes.csv").exists() else {}
    return Conversation(
        participant_ids=conversation.participant_ids,
        statement_ids=conversation.statement_ids,
        votes=conversation.votes,
        timestamps=conversation.timestamps,
        moderated_out=frozenset(moderated),
        statement_texts=texts,
        polis_groups=groups,
        title=_read_title(path / "summary.csv"),
    )


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV file after checking its header has the required columns."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise EngineInputError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, row


def _integer(path: Path, line: int, name: str, text: str | None) -> int:
    """Parse an integer cell, naming the file, line and column when it is not one."""
    try:
        return int(text or "")
    except ValueError:
        raise EngineInputError(f"{path}: line {line}: {name} must be an integer, not {text!r}") from None


def _vote(path: Path, line: int, text: str | None) -> int:
    """Parse a vote cell: 1 agree, -1 disagree, 0 pass."""
    value = _integer(path, line, "vote", text)
    if value not in (-1, 0, 1):
        raise EngineInputError(f"{path}: line {line}: vote must be 1, -1 or 0, not {text!r}")
    return value


def _read_votes(path: Path) -> Conversation:
    """Read one vote per row, from Polis's ``votes.csv`` or a plain triples file."""
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    polis = all(name in header for name in POLIS_VOTES)
    names = ("voter-id", "comment-id") if polis else ("participant", "statement")
    has_time = "timestamp" in header
    participants, statements, votes, times = [], [], [], []
    for line, row in _rows(path, POLIS_VOTES if polis else TRIPLES):
        participants.append(_identifier(row[names[0]]))
        statements.append(_identifier(row[names[1]]))
        votes.append(_vote(path, line, row["vote"]))
        if has_time:
            times.append(_timestamp(path, line, row["timestamp"], polis))
    if not votes:
        raise EngineInputError(f"{path}: no votes")
    return Conversation(
        participant_ids=np.asarray(participants),
        statement_ids=np.asarray(statements),
        votes=np.asarray(votes, dtype=np.int64),
        timestamps=np.asarray(times, dtype=np.float64) if has_time else None,
    )


def _identifier(text: str) -> int | str:
    """Return an id as an integer when it is one (Polis's ids are), otherwise as text."""
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else text


def _timestamp(path: Path, line: int, text: str, milliseconds: bool) -> float:
    """Parse a timestamp in seconds (Polis exports milliseconds since 1970)."""
    try:
        value = float(text)
    except ValueError:
        raise EngineInputError(f"{path}: line {line}: timestamp must be a number, not {text!r}") from None
    if not math.isfinite(value):
        raise EngineInputError(f"{path}: line {line}: timestamp must be finite, not {text!r}")
    return value / MILLISECONDS if milliseconds else value


def read_comments(path: Path) -> tuple[set, dict]:
    """Return the moderated-out statement ids and each statement's text from ``comments.csv``."""
    moderated, texts = set(), {}
    for line, row in _rows(path, ("comment-id", "moderated")):
        statement = _integer(path, line, "comment-id", row["comment-id"])
        if _integer(path, line, "moderated", row["moderated"]) == -1:
            moderated.add(statement)
        texts[statement] = row.get("comment-body") or ""
    return moderated, texts


def read_polis_groups(path: Path) -> dict[int, int]:
    """Return Polis's own group per participant from ``participants-votes.csv`` (blank = unclustered)."""
    groups = {}
    for line, row in _rows(path, ("participant", "group-id")):
        if (row["group-id"] or "").strip():
            participant = _integer(path, line, "participant", row["participant"])
            groups[participant] = _integer(path, line, "group-id", row["group-id"])
    return groups


def read_wide_matrix(path: Path) -> VoteMatrix:
    """Read ``participants-votes.csv`` as a vote matrix (blank cell = no vote)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if tuple(header[: len(WIDE_FIXED)]) != WIDE_FIXED:
            raise EngineInputError(f"{path}: line 1: expected the columns {', '.join(WIDE_FIXED)} first")
        statements = [_integer(path, 1, "statement column", name) for name in header[len(WIDE_FIXED) :]]
        participants, dense = [], []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise EngineInputError(f"{path}: line {line}: {len(row)} cells, expected {len(header)}")
            participants.append(_integer(path, line, "participant", row[0]))
            dense.append([_vote(path, line, cell) if cell else np.nan for cell in row[len(WIDE_FIXED) :]])
    return vote_matrix_from_dense(participants, statements, np.array(dense, dtype=np.float64))


def _read_title(path: Path) -> str:
    """Return the topic line of ``summary.csv`` (empty when absent)."""
    if not path.exists():
        return ""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) >= 2 and row[0] == "topic":
                return row[1]
    return ""


def analysis_to_dict(analysis: Analysis, texts: dict | None = None) -> dict:
    """Turn an analysis into JSON-ready data (ids become strings as JSON keys)."""
    texts = texts or {}
    statements = analysis.statements.tolist()
    return {
        "k": analysis.k,
        "groups": {str(pid): group for pid, group in analysis.groups.items()},
        "positions": {str(pid): [round(x, 6), round(y, 6)] for pid, (x, y) in analysis.position_of().items()},
        "repness": {
            str(gid): [_statement_dict(item, texts) for item in items] for gid, items in analysis.repness.items()
        },
        "consensus": {
            direction: [_statement_dict(item, texts) for item in items]
            for direction, items in analysis.consensus.items()
        },
        "silhouettes": {str(k): round(value, 6) for k, value in analysis.silhouettes.items()},
        "statements": {
            str(sid): {
                "position": [round(float(x), 6), round(float(y), 6)],
                "extremity": round(float(analysis.extremity[i]), 6),
                "priority": round(float(analysis.priorities[i]), 6),
                "group_aware_consensus_agree": round(float(analysis.group_aware_consensus_agree[i]), 6),
                "group_aware_consensus_disagree": round(float(analysis.group_aware_consensus_disagree[i]), 6),
                "moderated_out": sid in analysis.moderated_out,
            }
            for i, (sid, (x, y)) in enumerate(zip(statements, analysis.statement_positions, strict=True))
        },
    }


def _statement_dict(item, texts: dict) -> dict:
    """Turn a representative or consensus statement into a dict, with its text when known."""
    data = {name: value for name, value in item.__dict__.items() if not isinstance(value, float)}
    data.update({name: round(value, 6) for name, value in item.__dict__.items() if isinstance(value, float)})
    if item.statement in texts:
        data["text"] = texts[item.statement]
    return data


def write_json(analysis: Analysis, path: Path | None, texts: dict | None = None) -> str:
    """Serialise the analysis as JSON, to ``path`` when given; return the text."""
    text = json.dumps(analysis_to_dict(analysis, texts), ensure_ascii=False, indent=1)
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text


def _clustering_to_dict(clustering: Clustering) -> dict:
    """Turn a clustering into lists (floats keep their exact value through JSON)."""
    return {
        "ids": clustering.ids.tolist(),
        "centers": clustering.centers.tolist(),
        "point_ids": clustering.point_ids.tolist(),
        "labels": clustering.labels.tolist(),
    }


def _clustering_from_dict(data: dict) -> Clustering:
    """Rebuild a clustering from ``_clustering_to_dict`` output."""
    return Clustering(
        ids=np.asarray(data["ids"], dtype=np.int64),
        centers=np.asarray(data["centers"], dtype=np.float64).reshape(-1, 2),
        point_ids=np.asarray(data["point_ids"]),
        labels=np.asarray(data["labels"], dtype=np.int64),
    )


def warm_start_to_dict(state: WarmStart) -> dict:
    """Turn the warm-start state into JSON-ready data, for storing between background tasks."""
    return {
        "statements": state.statements.tolist(),
        "components": state.components.tolist(),
        "clustered": state.clustered.tolist(),
        "base_clusters": state.base_clusters and _clustering_to_dict(state.base_clusters),
        "group_clusterings": {str(k): _clustering_to_dict(c) for k, c in state.group_clusterings.items()},
        "k_smoother": state.k_smoother and state.k_smoother.__dict__,
    }


def warm_start_from_dict(data: dict) -> WarmStart:
    """Rebuild the warm-start state from ``warm_start_to_dict`` output (e.g. parsed JSON)."""
    return WarmStart(
        statements=np.asarray(data["statements"]),
        components=np.asarray(data["components"], dtype=np.float64).reshape(2, -1),
        clustered=np.asarray(data["clustered"]),
        base_clusters=data["base_clusters"] and _clustering_from_dict(data["base_clusters"]),
        group_clusterings={int(k): _clustering_from_dict(c) for k, c in data["group_clusterings"].items()},
        k_smoother=data["k_smoother"] and KSmoother(**data["k_smoother"]),
    )
