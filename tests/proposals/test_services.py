from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delaktig.accounts.models import Person
from delaktig.core.errors import DomainError, PermissionDeniedError
from delaktig.core.models import AuditEvent, RateLimitCounter
from delaktig.core.ratelimit import rate_limit_hit
from delaktig.proposals import services
from delaktig.proposals.models import CommitteeNotice, Outcome, Proposal, RefusalRule, Vote
from tests.factories import UserFactory, verified_user
from tests.proposals.conftest import draft, eid_user, published

Status = Proposal.Status
pytestmark = pytest.mark.django_db
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT")


def test_full_lifecycle_is_timestamped_audited_and_on_the_timeline(moderator, park_committee, secretary):
    with override_settings(DELAKTIG_PROPOSAL_THRESHOLD=2):
        proposal = published(moderator=moderator)
    for _voter in range(2):
        services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    proposal.refresh_from_db()
    assert proposal.status == Status.THRESHOLD_REACHED
    assert proposal.threshold_reached_at is not None
    services.proposal_assign(proposal=proposal, actor=moderator, committee=park_committee)
    services.proposal_decide(
        proposal=proposal,
        actor=secretary,
        outcome=Outcome.PARTLY_APPROVED,
        decision_text="Nämnden sätter upp tio bänkar under 2027.",
        decision_date=date(2026, 11, 1),
        case_number="PN 2026-01234",
        minutes_url="https://example.se/protokoll.pdf",
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.DECIDED and proposal.decided_at is not None
    timeline = list(proposal.events.values_list("status", flat=True))
    assert timeline == ["draft", "submitted", "open", "threshold_reached", "assigned", "decided"]
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"proposal.submitted", "proposal.open", "proposal.threshold_reached", "proposal.decided"} <= verbs


def test_publication_opens_the_configured_window(moderator):
    with override_settings(DELAKTIG_PROPOSAL_WINDOW_DAYS=60, DELAKTIG_PROPOSAL_THRESHOLD=100):
        proposal = published(moderator=moderator)
    assert proposal.closes_at - proposal.published_at == timedelta(days=60)
    assert proposal.vote_threshold == 100


def test_only_a_moderator_publishes(db):
    proposal = draft()
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    with pytest.raises(PermissionDeniedError):
        services.proposal_publish(proposal=proposal, actor=verified_user())


def test_a_draft_cannot_be_published_before_it_is_submitted(moderator):
    with pytest.raises(DomainError) as error:
        services.proposal_publish(proposal=draft(), actor=moderator)
    assert error.value.message == services.NOT_ALLOWED_NOW


def test_refusal_names_its_rule_and_shows_its_text(moderator):
    proposal = draft()
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    services.proposal_refuse(proposal=proposal, actor=moderator, rule=RefusalRule.ADVERTISING, note="Reklam.")
    proposal.refresh_from_db()
    assert proposal.status == Status.REFUSED and proposal.refusal_rule == "advertising"
    assert proposal.events.last().status == Status.REFUSED
    assert proposal.published_at is None


def test_refusal_needs_a_published_rule(moderator):
    proposal = draft()
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    with pytest.raises(DomainError):
        services.proposal_refuse(proposal=proposal, actor=moderator, rule="i-dont-like-it")


def test_unverified_person_cannot_propose(db):
    with pytest.raises(PermissionDeniedError):
        draft(UserFactory())


@override_settings(DELAKTIG_PROPOSAL_PROPOSE_LEVEL=Person.Level.EID)
def test_proposing_can_require_eid(db):
    with pytest.raises(PermissionDeniedError):
        draft(verified_user(Person.Level.EMAIL))
    assert draft(eid_user()).status == Status.DRAFT


def test_empty_or_overlong_title_is_refused_and_nothing_is_saved(db):
    with pytest.raises(ValidationError):
        draft(title="   ")
    with pytest.raises(ValidationError):
        draft(title="x" * 121)
    assert Proposal.objects.count() == 0


def test_proposer_can_withdraw_before_decision_but_others_cannot(moderator):
    proposal = published(moderator=moderator)
    with pytest.raises(PermissionDeniedError):
        services.proposal_withdraw(proposal=proposal, actor=verified_user())
    services.proposal_withdraw(proposal=proposal, actor=proposal.author)
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    with pytest.raises(DomainError):
        services.vote_cast(proposal_id=proposal.pk, actor=verified_user())


def test_window_closing_under_threshold_expires_the_proposal(moderator):
    proposal = published(moderator=moderator)
    services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    with time_machine.travel(proposal.closes_at + timedelta(seconds=1)):
        with pytest.raises(DomainError) as error:
            services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
        assert error.value.message == services.VOTING_CLOSED
        assert services.proposals_expire() == 1
    proposal.refresh_from_db()
    assert proposal.status == Status.EXPIRED


def test_services_accept_a_past_now_for_the_demo(moderator):
    then = timezone.now() - timedelta(days=100)
    proposal = published(moderator=moderator, now=then)
    assert proposal.published_at == then
    assert services.proposals_expire() == 1


def test_second_vote_by_same_person_is_refused(moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    services.vote_cast(proposal_id=proposal.pk, actor=voter)
    with pytest.raises(DomainError) as error:
        services.vote_cast(proposal_id=proposal.pk, actor=voter)
    assert error.value.message == services.ALREADY_VOTED
    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == Vote.objects.count()


def test_vote_withdrawal_keeps_the_counter_exact(moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    services.vote_cast(proposal_id=proposal.pk, actor=voter, show_name=True)
    services.vote_withdraw(proposal_id=proposal.pk, actor=voter)
    proposal.refresh_from_db()
    assert proposal.vote_count == 0 == Vote.objects.count()
    with pytest.raises(DomainError):
        services.vote_withdraw(proposal_id=proposal.pk, actor=voter)


def test_vote_on_a_proposal_not_taking_votes_is_refused_and_leaves_no_trace(moderator):
    unpublished = draft()
    with pytest.raises(DomainError) as error:
        services.vote_cast(proposal_id=unpublished.pk, actor=verified_user())
    assert error.value.message == services.VOTING_CLOSED
    assert not Vote.objects.exists()
    assert not AuditEvent.objects.filter(verb="proposal.vote").exists()
    assert Proposal.objects.get(pk=unpublished.pk).vote_count == 0


def test_withdrawal_after_the_window_closed_is_refused_and_keeps_the_vote(moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    services.vote_cast(proposal_id=proposal.pk, actor=voter)
    with time_machine.travel(proposal.closes_at + timedelta(seconds=1)), pytest.raises(DomainError) as error:
        services.vote_withdraw(proposal_id=proposal.pk, actor=voter)
    assert error.value.message == services.VOTING_CLOSED
    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == Vote.objects.count()


def test_a_vote_writes_its_row_and_the_counter_together(moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    voter.person  # noqa: B018 - the request's permission check has loaded it before the service runs
    with CaptureQueriesContext(connection) as queries:
        services.vote_cast(proposal_id=proposal.pk, actor=voter)
    statements = [query["sql"] for query in queries.captured_queries if not query["sql"].startswith(SAVEPOINTS)]
    if connection.vendor == "postgresql":
        assert len(statements) == 1 and statements[0].startswith('WITH counted AS (UPDATE "proposals_proposal"')
    else:
        assert [statement.split()[0] for statement in statements] == ["INSERT", "UPDATE"]
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 1 == Vote.objects.count()
    assert not AuditEvent.objects.filter(verb="proposal.vote").exists()  # the vote row is the record


def test_threshold_notice_is_written_once_and_mailed_after_commit(
    moderator, park_committee, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    with override_settings(DELAKTIG_PROPOSAL_THRESHOLD=2):
        proposal = published(moderator=moderator, committee=park_committee)
    for _voter in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    notice = CommitteeNotice.objects.get(proposal=proposal)
    assert notice.kind == "threshold" and notice.sent_at is not None
    committee_mail = [mail for mail in mailoutbox if secretary.email in mail.to]
    assert len(committee_mail) == 1
    assert proposal.title in committee_mail[0].subject


def test_reconciliation_repairs_drift_and_audits_it(moderator):
    proposal = published(moderator=moderator)
    services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=7)
    assert services.vote_counts_reconcile() == [(proposal.pk, 7, 1)]
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    assert AuditEvent.objects.filter(verb="proposal.vote_count_repair").count() == 1
    assert services.vote_counts_reconcile() == []


def test_upkeep_command_expires_and_repairs(moderator):
    from django.core.management import call_command

    proposal = published(moderator=moderator)
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=4)
    with time_machine.travel(proposal.closes_at + timedelta(hours=1)):
        call_command("proposals_upkeep")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.vote_count) == (Status.EXPIRED, 0)


def test_upkeep_finishes_a_threshold_crossing_left_undone(moderator, park_committee):
    from django.core.management import call_command

    proposal = published(moderator=moderator, committee=park_committee)
    voters = [verified_user() for _voter in range(2)]
    for voter in voters:
        services.vote_cast(proposal_id=proposal.pk, actor=voter)
    # As if the process stopped after the vote reaching the threshold committed, before crossing it.
    Proposal.objects.filter(pk=proposal.pk).update(vote_threshold=2)
    call_command("proposals_upkeep")
    proposal.refresh_from_db()
    assert proposal.status == Status.THRESHOLD_REACHED
    assert CommitteeNotice.objects.filter(proposal=proposal, kind="threshold").count() == 1
    assert services.proposals_threshold_catch_up() == 0


def test_upkeep_command_purges_ended_rate_limit_windows(db):
    from django.core.management import call_command

    rate_limit_hit(scope="proposals-vote", key="user-1", rate="30/m")
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        call_command("proposals_upkeep")
    assert not RateLimitCounter.objects.exists()
