"""Göteborgsförslaget's part of a resident's data download and account deletion (GDPR).

On deletion, unpublished proposals are deleted; published ones stay (they are part of a public civic
record) but lose the proposer's name. Votes on proposals still open are withdrawn; votes in a closed
process are kept, unnamed, on the pseudonymised account so the published counts stay right.
"""

from django.db.models import F, Q
from django.utils import timezone

from delaktig.accounts.gdpr import register_erasure, register_personal_data
from delaktig.proposals.models import VOTABLE_STATUSES, Comment, Follow, Proposal, Vote
from delaktig.proposals.services import vote_withdraw


def proposals_personal_data(user) -> dict:
    """Return the person's proposals, votes, comments and follows."""
    return {
        "proposals": list(
            Proposal.objects.filter(author=user).values(
                "id", "title", "body", "status", "proposer_name", "created_at", "published_at"
            )
        ),
        "votes": list(
            Vote.objects.filter(voter=user).values("proposal_id", "proposal__title", "show_name", "created_at")
        ),
        "comments": list(Comment.objects.filter(author=user).values("proposal_id", "body", "status", "created_at")),
        "follows": list(Follow.objects.filter(user=user).values("proposal_id", "created_at")),
    }


def proposals_erase(user) -> None:
    """Delete what is only the person's own; keep what a closed process counted, without the name."""
    Proposal.objects.filter(author=user, published_at__isnull=True).delete()
    # Every page that showed the person's name changes, so no cached copy of it is served again.
    shown = Q(author=user) | Q(votes__voter=user, votes__show_name=True) | Q(comments__author=user)
    Proposal.objects.filter(pk__in=Proposal.objects.filter(shown).values("pk")).update(
        page_revision=F("page_revision") + 1
    )
    Proposal.objects.filter(author=user).update(proposer_name="")
    open_votes = Vote.objects.filter(
        voter=user, proposal__status__in=VOTABLE_STATUSES, proposal__closes_at__gt=timezone.now()
    )
    for proposal_id in list(open_votes.values_list("proposal_id", flat=True)):
        vote_withdraw(proposal_id=proposal_id, actor=user)
    Vote.objects.filter(voter=user).update(show_name=False)
    Comment.objects.filter(author=user).delete()
    Follow.objects.filter(user=user).delete()


register_personal_data("proposals", proposals_personal_data)
register_erasure("proposals", proposals_erase)
