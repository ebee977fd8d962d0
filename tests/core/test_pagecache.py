"""The page cache serves anonymous visitors a stored copy of public pages, and nobody else."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path
from django.utils import timezone

from delaktig.core.pagecache import cache_public
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


# A small page registered for the cache: what makes an answer personal keeps it out of the cache.

rendered = []


def personal_csrf(request):
    get_token(request)


def personal_message(request):
    messages.info(request, "Hej")


def personal_session(request):
    request.session["seen"] = True


PERSONAL = {"plain": None, "csrf": personal_csrf, "message": personal_message, "session": personal_session}


def small_page(request, kind: str):
    rendered.append(request.path)
    if kind == "missing":
        return HttpResponse(f"render {len(rendered)}", status=404)
    if PERSONAL[kind]:
        PERSONAL[kind](request)
    return HttpResponse(f"render {len(rendered)}")


urlpatterns = [path("sida/<str:kind>/", small_page, name="tests-small-page")]
cache_public("tests-small-page")


def read_twice(path: str, **request_options) -> tuple[bytes, bytes]:
    """Read the page as two different visitors (two clients: no cookie of the first reaches the second)."""
    first, second = (Client().get(path, **request_options) for _visitor in range(2))
    return first.content, second.content


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("kind", PERSONAL)
def test_only_impersonal_pages_are_stored(page_cache, db, kind):
    first, second = read_twice(f"/sida/{kind}/")
    assert (first == second) is (kind == "plain")


@pytest.mark.urls(__name__)
def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(page_cache, db, settings):
    first, second = read_twice("/sida/plain/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert first != second


@pytest.mark.urls(__name__)
def test_error_answers_are_not_stored(page_cache, db):
    first, second = read_twice("/sida/missing/")
    assert first != second


def test_an_unknown_host_gets_the_usual_400_not_a_stored_page(page_cache, proposal):
    Client().get("/forslag/")
    assert Client().get("/forslag/", HTTP_HOST="evil.example").status_code == 400


# The open-data API shares answers the same way; only answers that have to be made count against its rate.


def test_an_api_detail_is_served_from_the_cache_until_the_proposal_changes(
    client, page_cache, proposal, django_assert_num_queries
):
    url = f"/api/v1/proposals/{proposal.pk}"
    first = client.get(url).json()
    with django_assert_num_queries(1):  # the version
        assert client.get(url).json() == first
    set_vote_count(proposal, 18)
    assert client.get(url).json()["votes"] == 18


def test_api_answers_keep_their_host_apart(client, page_cache, proposal, settings):
    settings.ALLOWED_HOSTS = ["testserver", "delaktig.goteborg.se"]
    url = f"/api/v1/proposals/{proposal.pk}"
    assert client.get(url).json()["url"].startswith("http://testserver/")
    assert client.get(url, HTTP_HOST="delaktig.goteborg.se").json()["url"].startswith("http://delaktig.goteborg.se/")


@pytest.mark.parametrize("path", ["/api/v1/proposals", "/api/v1/proposals/{pk}", "/api/v1/proposals.csv"])
def test_api_answers_from_the_cache_do_not_count_against_the_rate(client, page_cache, proposal, settings, path):
    settings.DELAKTIG_API_RATE = "1/m"
    url = path.format(pk=proposal.pk)
    assert [client.get(url).status_code for _request in range(3)] == [200, 200, 200]


def test_api_answers_that_have_to_be_made_count_against_the_rate(client, page_cache, settings, db):
    settings.DELAKTIG_API_RATE = "2/m"
    proposals = [published(title=f"Förslag {number}") for number in range(3)]
    statuses = [client.get(f"/api/v1/proposals/{proposal.pk}").status_code for proposal in proposals]
    assert statuses == [200, 200, 429]
    assert client.get(f"/api/v1/proposals/{proposals[2].pk}").json()["detail"]


@pytest.mark.parametrize("proposal_id", ["abc", "0", "99999999999999999999", "\u00b2"])
def test_api_paths_that_are_no_id_get_the_endpoint_answer(client, page_cache, db, proposal_id):
    response = client.get(f"/api/v1/proposals/{proposal_id}")
    assert response.status_code in (400, 404)
    assert response.json()["detail"]


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
