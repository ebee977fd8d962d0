"""Helpers the PB tests share: counting with our engine and with pabutools in the same terms."""

from __future__ import annotations

from delaktig.engines.pb import count, read_election
from delaktig.engines.pb.model import Election
from tests.engines.pb import peer

RULE_NAMES = ("greedy", "mes", "mes+add1", "add1u", "phragmen")


def ours(election: Election, name: str) -> list[str]:
    """Return our selection for a rule name used in the oracle recordings, sorted as pabutools' names."""
    rule, _, completion = name.partition("+")
    if name == "add1u":
        rule, completion = "mes", "add1u"
    return sorted(count(election, rule, completion or "none").selected)


def theirs(instance, profile, name: str, add1_outcome: list[str] | None = None) -> list[str]:
    """Return pabutools' selection for the same rule name (add1u may reuse a known add1 outcome)."""
    calls = {
        "greedy": lambda: peer.greedy(instance, profile),
        "mes": lambda: peer.mes(instance, profile, add1=False),
        "mes+add1": lambda: peer.mes(instance, profile, add1=True),
        "add1u": lambda: peer.add1u(instance, profile, add1_outcome),
        "phragmen": lambda: peer.phragmen(instance, profile),
    }
    return calls[name]()


def rule_names(election: Election) -> tuple[str, ...]:
    """Return the rules that apply to an election (Phragmén needs approval ballots)."""
    return RULE_NAMES if election.is_approval else tuple(n for n in RULE_NAMES if n != "phragmen")


def both(path_or_text):
    """Return our election and pabutools' instance and profile for the same file or text."""
    return read_election(path_or_text), *peer.load(path_or_text)
