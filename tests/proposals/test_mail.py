from datetime import date

import pytest
from django.test import override_settings

from delaktig.proposals import services
from delaktig.proposals.models import Outcome, RefusalRule
from tests.factories import verified_user
from tests.proposals.conftest import draft

pytestmark = pytest.mark.django_db


def test_proposer_is_mailed_at_every_status_change_and_followers_when_it_changes(
    moderator, park_committee, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    follower, quitter = verified_user(), verified_user()
    with django_capture_on_commit_callbacks(execute=True), override_settings(DELAKTIG_PROPOSAL_THRESHOLD=1):
        proposal = draft()
        services.proposal_submit(proposal=proposal, actor=proposal.author)
        services.proposal_publish(proposal=proposal, actor=moderator)
    services.follow_set(proposal=proposal, actor=follower, follow=True)
    services.follow_set(proposal=proposal, actor=quitter, follow=True)
    services.follow_set(proposal=proposal, actor=quitter, follow=False)
    with django_capture_on_commit_callbacks(execute=True), override_settings(DELAKTIG_PROPOSAL_THRESHOLD=1):
        services.vote_cast(proposal_id=proposal.pk, actor=follower)
        services.proposal_assign(proposal=proposal, actor=moderator, committee=park_committee)
        services.proposal_decide(
            proposal=proposal,
            actor=secretary,
            outcome=Outcome.APPROVED,
            decision_text="Bifall.",
            decision_date=date(2026, 11, 20),
            case_number="PN 1",
        )
    to_proposer = [mail.subject for mail in mailoutbox if mail.to == [proposal.author.email]]
    assert len(to_proposer) == 5  # submitted, open, threshold reached, assigned, decided
    assert "Beslutat" in to_proposer[-1]
    to_follower = [mail for mail in mailoutbox if mail.to == [follower.email]]
    assert len(to_follower) == 3, [mail.subject for mail in to_follower]
    assert "Bifall." in to_follower[-1].body
    assert not [mail for mail in mailoutbox if mail.to == [quitter.email]]


def test_refusal_mail_names_the_rule_text(moderator, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = draft()
        services.proposal_submit(proposal=proposal, actor=proposal.author)
        services.proposal_refuse(proposal=proposal, actor=moderator, rule=RefusalRule.PERSONAL_DATA, note="Namn.")
    body = mailoutbox[-1].body
    assert "personuppgifter om andra" in body and "Namn." in body


def test_nothing_is_mailed_when_the_change_is_rolled_back(moderator, mailoutbox, django_capture_on_commit_callbacks):
    proposal = draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.proposal_submit(proposal=proposal, actor=proposal.author)
    assert len(callbacks) == 1 and mailoutbox == []
