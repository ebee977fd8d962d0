"""Polis-style opinion analysis: the map, the opinion groups, and what divides and unites them.

The dialogues app calls ``analyze`` with votes (in a background task), shows the ``Analysis`` and keeps
``warm_start_to_dict(analysis.warm_start())`` as JSON for the next update; ``io`` reads Polis exports.
AGREEMENT.md here measures how close the groups come to Polis's own exports, and why not always.
"""

from delaktig.engines.opinion.analysis import Analysis, WarmStart, analyze, replay
from delaktig.engines.opinion.io import (
    Conversation,
    analysis_to_dict,
    read_conversation,
    warm_start_from_dict,
    warm_start_to_dict,
)
from delaktig.engines.opinion.matrix import VoteMatrix, build_vote_matrix

__all__ = [
    "Analysis",
    "Conversation",
    "VoteMatrix",
    "WarmStart",
    "analysis_to_dict",
    "analyze",
    "build_vote_matrix",
    "read_conversation",
    "replay",
    "warm_start_from_dict",
    "warm_start_to_dict",
]
