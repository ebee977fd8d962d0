"""Who may do what in Göteborgsförslaget; views, templates, services and the API share these rules.

The verification levels needed to propose and to vote are installation settings, read at check time.
"""

import rules
from django.conf import settings

from delaktig.accounts.models import RoleAssignment
from delaktig.accounts.rules import is_administrator, is_authenticated, is_committee_secretary, is_moderator, role_pairs

DECIDABLE = frozenset({"assigned"})
WITHDRAWABLE = frozenset({"draft", "submitted", "open", "threshold_reached", "assigned"})


def _verified_for(setting_name: str):
    @rules.predicate(name=f"verified_for_{setting_name.lower()}")
    def predicate(user) -> bool:
        person = getattr(user, "person", None) if user.is_authenticated else None
        return person is not None and person.verification_level >= getattr(settings, setting_name)

    return predicate


can_propose = _verified_for("DELAKTIG_PROPOSAL_PROPOSE_LEVEL")
can_vote = _verified_for("DELAKTIG_PROPOSAL_VOTE_LEVEL")


@rules.predicate
def is_author(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.author_id == user.pk


@rules.predicate
def is_published(user, proposal) -> bool:
    return proposal is not None and proposal.published_at is not None


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == "draft"


@rules.predicate
def is_withdrawable(user, proposal) -> bool:
    return proposal is not None and proposal.status in WITHDRAWABLE


@rules.predicate
def is_secretary_of_its_committee(user, proposal) -> bool:
    """True for a secretary of the committee the proposal is assigned to."""
    if proposal is None or proposal.committee_id is None:
        return False
    return (RoleAssignment.Role.COMMITTEE_SECRETARY, proposal.committee_id) in role_pairs(user)


rules.add_perm("proposals.propose", can_propose)
rules.add_perm("proposals.vote", can_vote)
rules.add_perm("proposals.comment", can_vote)
rules.add_perm("proposals.follow", is_authenticated)
rules.add_perm("proposals.report_comment", is_authenticated)
rules.add_perm("proposals.view", is_published | is_author | is_moderator | is_secretary_of_its_committee)
rules.add_perm("proposals.edit", is_author & is_draft)
rules.add_perm("proposals.withdraw", is_author & is_withdrawable)
rules.add_perm("proposals.moderate", is_moderator)
rules.add_perm("proposals.view_committee_queue", is_committee_secretary)
rules.add_perm("proposals.record_decision", is_secretary_of_its_committee | is_administrator)
