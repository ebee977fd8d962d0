"""The committee secretary's handling page in Chromium: no axe-core violations, and a decision recorded
with a plain form post when JavaScript is off."""

import pytest
from django.test import override_settings

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from delaktig.proposals import services
from delaktig.proposals.models import Outcome, Proposal
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_proposals_pages import log_in
from tests.factories import user_with_role, verified_user
from tests.proposals.conftest import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def park_committee(gothenburg):
    return Committee.objects.get(slug="park-och-natur")


@pytest.fixture
def assigned(park_committee):
    """Return a proposal that reached its threshold and was assigned to Park- och naturnämnden."""
    moderator = user_with_role(RoleAssignment.Role.MODERATOR)
    with override_settings(DELAKTIG_PROPOSAL_THRESHOLD=1):
        proposal = published(moderator=moderator, title="Fler bänkar i Slottsskogen")
    services.vote_cast(proposal_id=proposal.pk, actor=verified_user())
    return services.proposal_assign(
        proposal=Proposal.objects.get(pk=proposal.pk), actor=moderator, committee=park_committee
    )


@pytest.fixture
def secretary(park_committee):
    return user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, committee=park_committee)


def test_handling_page_is_accessible(live_server, assigned, secretary, page, console_errors):
    log_in(page, live_server, secretary)
    page.goto(f"{live_server.url}/forslag/namnd/")
    page.get_by_role("link", name=assigned.title).click()
    page.get_by_role("heading", name="Beslut").wait_for()
    assert_accessible(page, "proposals-committee-handling")
    page.get_by_role("button", name="Registrera och publicera beslutet").click()
    assert_accessible(page, "proposals-committee-handling-errors")
    assert console_errors == []


def test_handling_page_ids_are_unique(live_server, assigned, secretary, page):
    log_in(page, live_server, secretary)
    page.goto(f"{live_server.url}/forslag/namnd/{assigned.pk}/")
    ids = page.locator("[id]").evaluate_all("elements => elements.map(element => element.id)")
    assert sorted({name for name in ids if ids.count(name) > 1}) == []


def test_decision_is_recorded_without_javascript(live_server, assigned, secretary, nojs_page):
    log_in(nojs_page, live_server, secretary)
    nojs_page.goto(f"{live_server.url}/forslag/namnd/{assigned.pk}/")
    decision = nojs_page.locator("form", has=nojs_page.get_by_role("heading", name="Beslut"))
    decision.get_by_label("Bifallet", exact=True).check()
    decision.get_by_label("Beslutstext").fill("Nämnden sätter upp tio bänkar under 2027.")
    decision.get_by_label("Beslutsdatum").fill("2026-11-20")
    decision.get_by_label("Diarienummer").fill("PN 2026-01234")
    decision.get_by_role("button", name="Registrera och publicera beslutet").click()
    assert "Beslutet är registrerat och publicerat." in nojs_page.content()
    proposal = Proposal.objects.get(pk=assigned.pk)
    assert proposal.status == Proposal.Status.DECIDED
    assert (proposal.outcome, proposal.case_number) == (Outcome.APPROVED, "PN 2026-01234")
