import pytest

from delaktig.city.models import Area, Committee
from delaktig.proposals.models import Outcome, RefusalRule
from tests.api import helpers
from tests.api.helpers import moment


@pytest.fixture
def threshold_one(settings):
    """Let one vote reach the threshold, so a decided proposal needs one voter, not two hundred."""
    settings.DELAKTIG_PROPOSAL_THRESHOLD = 1


@pytest.fixture
def public_and_hidden(gothenburg, threshold_one):
    """Three published proposals (open, open, decided) and four that must never be public."""
    nordost, centrum = Area.objects.get(slug="nordost"), Area.objects.get(slug="centrum")
    committee = Committee.objects.get(slug="park-och-natur")
    public = {
        "open_nordost": helpers.published(
            at=moment(2025, 3, 1),
            published_at=moment(2025, 3, 2),
            area=nordost,
            title="Badplats i Angered",
            proposer_name="Karin Ek",
        ),
        "open_centrum": helpers.published(
            at=moment(2025, 4, 1), published_at=moment(2025, 4, 2), area=centrum, title="Cykelbana på Avenyn"
        ),
        "decided": helpers.decided(
            at=moment(2025, 1, 1),
            published_at=moment(2025, 1, 2),
            threshold_at=moment(2025, 1, 10),
            decision_date=moment(2025, 2, 1).date(),
            committee=committee,
            outcome=Outcome.APPROVED,
            area=centrum,
            title="Fler träd i Brunnsparken",
        ),
    }
    hidden = {
        "draft": helpers.draft(at=moment(2025, 5, 1), title="Hemligt utkast"),
        "submitted": helpers.submitted(at=moment(2025, 5, 2), title="Väntar på granskning"),
        "refused": helpers.refused(
            at=moment(2025, 5, 3), refused_at=moment(2025, 5, 4), rule=RefusalRule.ADVERTISING, title="Köp min glass"
        ),
    }
    return public, hidden
