"""Polis-style opinion analysis: the map, the opinion groups, and what divides and unites them.

The dialogues app calls ``analyze`` with votes and stores the ``Analysis``; ``io`` reads Polis exports.
"""

from delaktig.engines.opinion.analysis import Analysis, analyze, replay
from delaktig.engines.opinion.io import Conversation, read_conversation
from delaktig.engines.opinion.matrix import VoteMatrix, build_vote_matrix

__all__ = ["Analysis", "Conversation", "VoteMatrix", "analyze", "build_vote_matrix", "read_conversation", "replay"]
