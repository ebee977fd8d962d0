"""The page cache serves anonymous visitors a stored copy of public pages, and nobody else."""

import pytest
from django.contrib import messages
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from delaktig.core.pagecache import public_page
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


def test_an_anonymous_visitor_gets_the_stored_page_without_queries(
    client, page_cache, proposal, django_assert_num_queries
):
    set_vote_count(proposal, 17)
    first = client.get(proposal.get_absolute_url())
    set_vote_count(proposal, 18)
    with django_assert_num_queries(0):
        second = client.get(proposal.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content
    assert '<span class="number">17</span>' in second.text
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert "Content-Security-Policy" in second and "X-Frame-Options" in second


def test_the_cache_is_off_at_zero_seconds(client, settings, proposal):
    settings.DELAKTIG_PAGE_CACHE_SECONDS = 0
    set_vote_count(proposal, 17)
    client.get(proposal.get_absolute_url())
    set_vote_count(proposal, 18)
    assert '<span class="number">18</span>' in client.get(proposal.get_absolute_url()).text


def test_a_logged_in_resident_always_gets_a_fresh_page(client, page_cache, proposal):
    client.get(proposal.get_absolute_url())
    client.force_login(verified_user())
    set_vote_count(proposal, 42)
    assert '<span class="number">42</span>' in client.get(proposal.get_absolute_url()).text


def test_languages_are_stored_apart(client, page_cache, proposal):
    swedish = client.get(proposal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sv")
    english = client.get(proposal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="sv"' in swedish.text
    assert 'lang="en"' in english.text


def test_htmx_requests_are_not_served_from_the_cache(client, page_cache, proposal):
    client.get(proposal.get_absolute_url())
    set_vote_count(proposal, 5)
    response = client.get(proposal.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert '<span class="number">5</span>' in response.text


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
