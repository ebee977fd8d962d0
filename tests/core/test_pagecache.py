"""The page cache serves anonymous visitors a stored copy of public pages, and nobody else."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib import messages
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.utils import timezone

from delaktig.core.pagecache import public_page
from delaktig.proposals import services
from delaktig.proposals.gdpr import proposals_erase
from delaktig.proposals.models import Proposal
from tests.factories import verified_user
from tests.proposals.conftest import published


@pytest.fixture
def page_cache(settings):
    settings.DELAKTIG_PAGE_CACHE_SECONDS = 30


@pytest.fixture
def proposal(db):
    return published(title="Fler cykelställ vid Järntorget")


def set_vote_count(proposal, count: int) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=count)


def test_an_anonymous_visitor_gets_the_stored_page_after_one_version_query(
    client, page_cache, proposal, django_assert_num_queries
):
    first = client.get(proposal.get_absolute_url())
    with django_assert_num_queries(1):
        second = client.get(proposal.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert "Content-Security-Policy" in second and "X-Frame-Options" in second


def test_a_new_vote_or_comment_shows_at_once(client, page_cache, proposal):
    client.get(proposal.get_absolute_url())
    set_vote_count(proposal, 18)
    assert '<span class="number">18</span>' in client.get(proposal.get_absolute_url()).text
    services.comment_create(proposal=proposal, actor=verified_user(), body="Bra idé, men tänk på cyklarna.")
    assert "tänk på cyklarna" in client.get(proposal.get_absolute_url()).text


def test_a_withdrawn_vote_and_a_new_one_change_the_named_voters_at_once(client, page_cache, proposal):
    named, unnamed = verified_user(), verified_user()
    services.vote_cast(proposal_id=proposal.pk, actor=named, show_name=True)
    assert named.display_name in client.get(proposal.get_absolute_url()).text
    services.vote_withdraw(proposal_id=proposal.pk, actor=named)
    services.vote_cast(proposal_id=proposal.pk, actor=unnamed)
    assert named.display_name not in client.get(proposal.get_absolute_url()).text


def test_an_erased_account_leaves_no_cached_page_with_its_name(client, page_cache, db):
    author = verified_user()
    proposal = published(author, proposer_name="Greta Gatsten")
    assert "Greta Gatsten" in client.get(proposal.get_absolute_url()).text
    proposals_erase(author)
    assert "Greta Gatsten" not in client.get(proposal.get_absolute_url()).text


def test_the_list_is_kept_for_the_configured_seconds(client, page_cache, proposal):
    client.get("/forslag/")
    Proposal.objects.filter(pk=proposal.pk).update(title="En ny rubrik")
    assert "En ny rubrik" not in client.get("/forslag/").text
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert "En ny rubrik" in client.get("/forslag/").text


def test_the_cache_is_off_at_zero_seconds(client, settings, proposal):
    settings.DELAKTIG_PAGE_CACHE_SECONDS = 0
    client.get("/forslag/")
    Proposal.objects.filter(pk=proposal.pk).update(title="En ny rubrik")
    assert "En ny rubrik" in client.get("/forslag/").text


def test_a_logged_in_resident_always_gets_a_fresh_page(client, page_cache, proposal):
    client.get("/forslag/")
    client.force_login(verified_user())
    Proposal.objects.filter(pk=proposal.pk).update(title="En ny rubrik")
    assert "En ny rubrik" in client.get("/forslag/").text


def test_languages_are_stored_apart(client, page_cache, proposal):
    swedish = client.get(proposal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sv")
    english = client.get(proposal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="sv"' in swedish.text
    assert 'lang="en"' in english.text


def test_htmx_requests_are_not_served_from_the_cache(client, page_cache, proposal):
    client.get("/forslag/")
    Proposal.objects.filter(pk=proposal.pk).update(title="En ny rubrik")
    assert "En ny rubrik" in client.get("/forslag/", HTTP_HX_REQUEST="true").text


def test_public_pages_carry_no_csrf_token_or_cookie(client, proposal):
    response = client.get("/forslag/")
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies


def test_the_language_switch_works_without_a_csrf_token(proposal):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sprak/", {"language": "en", "next": proposal.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert 'lang="en"' in client.get(proposal.get_absolute_url()).text


# The decorator on small views: what makes a page personal keeps it out of the cache.

rendered = []


def counting_view(make_personal=None):
    @public_page
    def view(request):
        rendered.append(request.path)
        if make_personal:
            make_personal(request)
        return HttpResponse(f"render {len(rendered)}")

    return view


def run_twice(view, **request_options) -> tuple[bytes, bytes]:
    factory = RequestFactory()
    answers = []
    for _attempt in range(2):
        request = factory.get("/sida/", **request_options)
        request.session = SessionStore()
        request._messages = messages.storage.default_storage(request)
        answers.append(view(request).content)
    return answers[0], answers[1]


def with_message(request):
    messages.info(request, "Hej")


def with_cookie_session(request):
    request.session["seen"] = True


@pytest.mark.parametrize(
    "make_personal", [None, get_token, with_message, with_cookie_session], ids=["plain", "csrf", "message", "session"]
)
def test_only_impersonal_pages_are_stored(page_cache, db, make_personal):
    first, second = run_twice(counting_view(make_personal))
    assert (first == second) is (make_personal is None)


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(page_cache, db, settings):
    first, second = run_twice(counting_view(), HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert first != second


def test_error_answers_are_not_stored(page_cache, db):
    @public_page
    def missing(request):
        rendered.append(request.path)
        return HttpResponse(f"render {len(rendered)}", status=404)

    first, second = run_twice(missing)
    assert first != second


def test_days_left_and_the_close_of_voting_show_at_once(client, page_cache, db):
    # Published at noon, so each pair of readings below falls on the same date in Gothenburg.
    proposal = published(now=datetime(2026, 5, 4, 12, 0, tzinfo=UTC))
    closes_at = proposal.closes_at
    readings = [
        (closes_at - timedelta(days=1, minutes=1), "1 dag kvar"),
        (closes_at - timedelta(days=1) + timedelta(minutes=1), "0 dagar kvar"),
        (closes_at - timedelta(minutes=1), "0 dagar kvar"),
        (closes_at + timedelta(minutes=1), "Röstningen är stängd"),
    ]
    for moment, expected in readings:
        with time_machine.travel(moment, tick=False):
            assert expected in client.get(proposal.get_absolute_url()).text
