"""Göteborgsförslaget in Chromium: each page type passes axe-core, voting works with htmx and without
JavaScript, and hostile text in titles, texts and comments never runs."""

import pytest
from django.test import Client

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Committee
from delaktig.proposals import services
from delaktig.proposals.models import Proposal
from tests.e2e.conftest import assert_accessible
from tests.factories import user_with_role, verified_user
from tests.proposals.conftest import draft, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS = [
    "<script>window.__xss = 1</script>",
    '<svg onload="window.__xss = 1"></svg>',
    '<img src=x onerror="window.__xss = 1">',
    '<a href="javascript:window.__xss = 1">klicka</a>',
    "javascript:window.__xss=1",
]


def log_in(page, live_server, user) -> None:
    """Give the browser the session cookie of ``user``."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def proposal(gothenburg):
    return published(
        title="Fler sittplatser längs Angeredsbanan",
        body="Bänkar med ryggstöd var tredje hundra meter.",
        area=Area.objects.get(slug="nordost"),
        committee=Committee.objects.get(slug="park-och-natur"),
    )


def test_list_detail_and_rules_pages_are_accessible(live_server, proposal, page, console_errors):
    services.comment_create(proposal=proposal, actor=verified_user(), body="Bra idé, jag går där varje dag.")
    page.goto(f"{live_server.url}/forslag/")
    page.get_by_role("textbox", name="Sök").fill("sittplatser")
    page.get_by_role("button", name="Visa förslag").click()
    assert_accessible(page, "proposals-list")
    page.get_by_role("link", name=proposal.title).click()
    assert page.get_by_role("heading", name="Det här har hänt").is_visible()
    assert_accessible(page, "proposals-detail")
    page.goto(f"{live_server.url}/forslag/regler/")
    assert_accessible(page, "proposals-rules")
    assert console_errors == []


def test_vote_and_similar_proposals_with_htmx(live_server, proposal, page, console_errors):
    log_in(page, live_server, verified_user())
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    page.get_by_role("button", name="Rösta på förslaget").click()
    page.get_by_role("button", name="Dra tillbaka min röst").wait_for()
    assert page.get_by_role("status").inner_text() == "Tack! Din röst är räknad."
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 1
    assert_accessible(page, "proposals-detail-voted")
    page.goto(f"{live_server.url}/forslag/nytt/")
    page.get_by_label("Rubrik").fill("Sittplatser vid Angeredsbanan")
    page.get_by_label("Rubrik").press("Tab")
    page.get_by_role("heading", name="Liknande förslag").wait_for()
    assert page.get_by_role("link", name=proposal.title).is_visible()
    assert_accessible(page, "proposals-write")
    assert console_errors == []


def test_vote_and_proposing_work_without_javascript(live_server, proposal, nojs_page):
    log_in(nojs_page, live_server, verified_user())
    nojs_page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    nojs_page.get_by_role("button", name="Rösta på förslaget").click()
    assert "Tack! Din röst är räknad." in nojs_page.content()
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 1
    nojs_page.goto(f"{live_server.url}/forslag/nytt/")
    nojs_page.get_by_label("Rubrik").fill("Fler sittplatser vid Angered centrum")
    nojs_page.locator("#id_body").fill("Sittplatser behövs.")
    nojs_page.get_by_role("button", name="Spara utkastet").click()
    assert "Ditt utkast är sparat" in nojs_page.content()
    assert "Liknande förslag" in nojs_page.content()


def test_staff_pages_are_accessible(live_server, proposal, page, console_errors):
    waiting = draft(title="Tydligare skyltning till medborgarkontoret")
    services.proposal_submit(proposal=waiting, actor=waiting.author)
    log_in(page, live_server, user_with_role(RoleAssignment.Role.MODERATOR))
    page.goto(f"{live_server.url}/forslag/moderering/")
    assert_accessible(page, "proposals-moderation")
    page.get_by_role("link", name=waiting.title).click()
    assert_accessible(page, "proposals-review")
    page.context.clear_cookies()
    secretary = user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=proposal.committee)
    log_in(page, live_server, secretary)
    page.goto(f"{live_server.url}/forslag/namnd/")
    assert_accessible(page, "proposals-committee")
    assert console_errors == []


def test_hostile_text_never_executes(live_server, gothenburg, page, console_errors):
    hostile = published(title=XSS[0][:120], body="\n".join(XSS))
    for text in XSS:
        services.comment_create(proposal=hostile, actor=verified_user(), body=text)
    page.goto(f"{live_server.url}/forslag/?q=script")
    page.goto(f"{live_server.url}{hostile.get_absolute_url()}")
    for link in page.locator("main a").all():
        assert not (link.get_attribute("href") or "").startswith("javascript:")
    assert page.evaluate("window.__xss") is None
    assert page.locator("main script, main svg[onload], main img").count() == 0
    assert "<script>window.__xss = 1</script>" in page.locator("h1").inner_text()
