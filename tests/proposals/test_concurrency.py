"""One person, one vote under real concurrency: parallel PostgreSQL connections, not one transaction."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from delaktig.core.errors import DomainError
from delaktig.proposals import services
from delaktig.proposals.models import CommitteeNotice, Proposal, ProposalEvent, Vote
from tests.factories import verified_user
from tests.proposals.conftest import many_voters, published

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def vote_in_thread(proposal_id: int, voter, barrier: threading.Barrier | None = None) -> str:
    """Cast one vote on this thread's own connection; return "ok", the refusal code or the error."""
    try:
        if barrier is not None:
            barrier.wait()
        services.vote_cast(proposal_id=proposal_id, actor=voter)
        return "ok"
    except DomainError as error:
        return error.code
    except Exception as error:
        return f"crash: {error!r}"
    finally:
        connection.close()


def logged_in_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def vote_over_http(proposal_id: int, session: str, barrier: threading.Barrier | None = None) -> int:
    """Post the plain vote form as a browser would, on this thread's own connection; return the status."""
    client = Client()
    client.cookies["sessionid"] = session
    try:
        if barrier is not None:
            barrier.wait()
        return client.post(reverse("proposals:vote", args=[proposal_id]), {"action": "vote"}).status_code
    finally:
        connection.close()


def assert_counter_exact(proposal_id: int, expected: int) -> None:
    proposal = Proposal.objects.get(pk=proposal_id)
    assert Vote.objects.filter(proposal_id=proposal_id).count() == expected
    assert proposal.vote_count == expected


def test_two_hundred_people_voting_at_once_give_two_hundred_votes(moderator):
    proposal = published(moderator=moderator)
    sessions = [logged_in_cookie(voter) for voter in many_voters(200)]
    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda session: vote_over_http(proposal.pk, session), sessions))
    assert statuses == [302] * 200  # every vote accepted, no 5xx
    assert_counter_exact(proposal.pk, 200)


def test_fifty_parallel_votes_by_one_person_give_one_vote(moderator):
    proposal = published(moderator=moderator)
    voter = verified_user()
    barrier = threading.Barrier(50)
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda _index: vote_in_thread(proposal.pk, voter, barrier), range(50)))
    assert results.count("ok") == 1
    assert results.count("already_voted") == 49
    assert_counter_exact(proposal.pk, 1)


def test_fifty_parallel_form_posts_by_one_person_are_refused_cleanly(moderator):
    proposal = published(moderator=moderator)
    session = logged_in_cookie(verified_user())
    barrier = threading.Barrier(50)
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _index: vote_over_http(proposal.pk, session, barrier), range(50)))
    # One vote counted; the rest refused as already voted (409) or, past the account's rate, 429.
    assert statuses.count(302) == 1
    assert set(statuses) <= {302, 409, 429}
    assert_counter_exact(proposal.pk, 1)


@override_settings(DELAKTIG_PROPOSAL_THRESHOLD=200)
def test_threshold_is_crossed_once_when_twenty_votes_arrive_together(moderator, park_committee, secretary, mailoutbox):
    proposal = published(moderator=moderator, committee=park_committee)
    for voter in many_voters(199):
        services.vote_cast(proposal_id=proposal.pk, actor=voter)
    voters = many_voters(20)
    barrier = threading.Barrier(20)
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda voter: vote_in_thread(proposal.pk, voter, barrier), voters))
    assert results == ["ok"] * 20
    assert_counter_exact(proposal.pk, 219)
    assert ProposalEvent.objects.filter(proposal=proposal, status="threshold_reached").count() == 1
    assert CommitteeNotice.objects.filter(proposal=proposal, kind="threshold").count() == 1
    assert Proposal.objects.get(pk=proposal.pk).status == "threshold_reached"
    assert CommitteeNotice.objects.get(proposal=proposal).sent_at is not None
    assert len([mail for mail in mailoutbox if mail.to == [secretary.email]]) == 1


def test_votes_and_withdrawals_at_once_keep_the_counter_exact(moderator):
    proposal = published(moderator=moderator)
    staying, leaving, arriving = many_voters(10), many_voters(20), many_voters(20)
    for voter in staying + leaving:
        services.vote_cast(proposal_id=proposal.pk, actor=voter)
    barrier = threading.Barrier(40)

    def withdraw_in_thread(voter) -> str:
        try:
            barrier.wait()
            services.vote_withdraw(proposal_id=proposal.pk, actor=voter)
            return "ok"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=40) as pool:  # map submits every call at once: all 40 meet at the barrier
        withdrawn = pool.map(withdraw_in_thread, leaving)
        cast = pool.map(lambda voter: vote_in_thread(proposal.pk, voter, barrier), arriving)
        assert list(withdrawn) == list(cast) == ["ok"] * 20
    assert_counter_exact(proposal.pk, 30)
