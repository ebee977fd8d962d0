from datetime import timedelta

import pytest
import time_machine

from delaktig.accounts.services import account_delete, personal_data_export
from delaktig.proposals import services
from delaktig.proposals.models import Comment, Proposal, Vote
from tests.factories import verified_user
from tests.proposals.conftest import draft, published

pytestmark = pytest.mark.django_db


def test_download_contains_the_persons_proposals_votes_and_comments(moderator):
    person = verified_user()
    proposal = published(person, moderator=moderator, title="Mitt förslag")
    services.vote_cast(proposal_id=proposal.pk, actor=person)
    services.comment_create(proposal=proposal, actor=person, body="Min kommentar")
    data = personal_data_export(user=person, actor=person)["apps"]["proposals"]
    assert [row["title"] for row in data["proposals"]] == ["Mitt förslag"]
    assert len(data["votes"]) == 1 and data["comments"][0]["body"] == "Min kommentar"


def test_deletion_keeps_closed_votes_unnamed_and_withdraws_open_ones(moderator):
    person = verified_user()
    closed = published(moderator=moderator)
    services.vote_cast(proposal_id=closed.pk, actor=person, show_name=True)
    with time_machine.travel(closed.closes_at + timedelta(days=1)):
        services.proposals_expire()
        still_open = published(moderator=moderator)
        services.vote_cast(proposal_id=still_open.pk, actor=person)
        own_draft = draft(person)
        own_published = published(person, moderator=moderator)
        services.comment_create(proposal=still_open, actor=person, body="Text")
        account_delete(user=person, actor=person)
    assert list(Vote.objects.filter(voter=person).values_list("proposal_id", "show_name")) == [(closed.pk, False)]
    assert Proposal.objects.get(pk=still_open.pk).vote_count == 0
    assert Proposal.objects.get(pk=closed.pk).vote_count == 1
    assert not Proposal.objects.filter(pk=own_draft.pk).exists()
    assert Proposal.objects.get(pk=own_published.pk).proposer_name == ""
    assert not Comment.objects.filter(author=person).exists()
