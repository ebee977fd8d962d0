"""The annual report and the API's documentation page open in Chromium with zero axe-core violations."""

import pytest

from delaktig.proposals.models import Outcome, RefusalRule
from tests.api import helpers
from tests.api.helpers import moment
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def a_year(gothenburg, settings):
    settings.DELAKTIG_PROPOSAL_THRESHOLD = 1
    from delaktig.city.models import Area, Committee

    helpers.decided(
        at=moment(2025, 2, 1),
        published_at=moment(2025, 2, 2),
        threshold_at=moment(2025, 2, 10),
        decision_date=moment(2025, 4, 11).date(),
        committee=Committee.objects.get(slug="park-och-natur"),
        outcome=Outcome.PARTLY_APPROVED,
        area=Area.objects.get(slug="nordost"),
    )
    helpers.refused(at=moment(2025, 5, 1), refused_at=moment(2025, 5, 3), rule=RefusalRule.DUPLICATE)


def test_annual_report_page_has_no_axe_violations(live_server, a_year, page, console_errors):
    page.goto(f"{live_server.url}/forslag/rapport/2025/")
    assert page.locator("svg.chart").count() == 1
    assert_accessible(page, "annual-report-2025")
    assert console_errors == []


def test_api_docs_page_has_no_axe_violations(live_server, gothenburg, page, console_errors):
    page.goto(f"{live_server.url}/api/v1/docs")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page, "api-docs")
    assert console_errors == []
