"""Participatory budgeting: read pabulib elections and count them with the standard rules, explained.

The web application calls :func:`read_election`, :func:`count` and :func:`write_election`.
"""

from delaktig.engines.pb.count import COMPLETIONS, RULES, count
from delaktig.engines.pb.io import outcome_as_json, parse_election, read_election, write_election
from delaktig.engines.pb.model import Election, Explanation, Outcome, Project, ProjectResult, VoterStatistics
from delaktig.engines.pb.profile import TIE_BREAKING

__all__ = [
    "COMPLETIONS",
    "RULES",
    "TIE_BREAKING",
    "Election",
    "Explanation",
    "Outcome",
    "Project",
    "ProjectResult",
    "VoterStatistics",
    "count",
    "outcome_as_json",
    "parse_election",
    "read_election",
    "write_election",
]
