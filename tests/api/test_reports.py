"""The annual report: each step counted in its year, per area and committee, the same in every format."""


import pytest

from delaktig.api.reports import NO_AREA, annual_report
from delaktig.city.models import Area, Committee
from delaktig.proposals.models import Outcome, RefusalRule
from tests.api import helpers
from tests.api.helpers import moment

YEAR = 2025


@pytest.fixture
def year_of_proposals(gothenburg, threshold_one):
    """A year in Gothenburg: two decisions (60 and 20 days after the threshold), two refusals, and edges."""
    nordost, centrum, hisingen = (Area.objects.get(slug=slug) for slug in ("nordost", "centrum", "hisingen"))
    parks, culture = Committee.objects.get(slug="park-och-natur"), Committee.objects.get(slug="kultur")
    helpers.decided(
        at=moment(YEAR, 2, 1),
        published_at=moment(YEAR, 2, 2),
        threshold_at=moment(YEAR, 2, 10),
        decision_date=moment(YEAR, 4, 11).date(),
        committee=parks,
        outcome=Outcome.APPROVED,
        area=nordost,
    )
    helpers.decided(
        at=moment(YEAR, 3, 1),
        published_at=moment(YEAR, 3, 2),
        threshold_at=moment(YEAR, 3, 5),
        decision_date=moment(YEAR, 3, 25).date(),
        committee=culture,
        outcome=Outcome.REJECTED,
        area=centrum,
    )
    helpers.refused(at=moment(YEAR, 5, 1), refused_at=moment(YEAR, 5, 3), rule=RefusalRule.PERSONAL_DATA, area=centrum)
    helpers.refused(at=moment(YEAR, 6, 1), refused_at=moment(YEAR, 6, 2), rule=RefusalRule.ADVERTISING)
    helpers.published(at=moment(YEAR - 1, 12, 20), published_at=moment(YEAR, 1, 5), area=hisingen)
    helpers.published(at=moment(YEAR, 11, 1), published_at=moment(YEAR, 11, 2), area=nordost)
    helpers.draft(at=moment(YEAR, 7, 1), area=nordost)
    helpers.submitted(at=moment(YEAR + 1, 1, 2), area=nordost)


def test_whole_city_counts_each_step_in_its_year(year_of_proposals):
    city = annual_report(YEAR).city
    assert (city.submitted, city.published, city.reached_threshold) == (5, 4, 2)
    assert city.refused == {"personal_data": 1, "advertising": 1}
    assert city.decisions == {"approved": 1, "rejected": 1}
    assert city.median_days == 40


def test_per_area_and_per_committee(year_of_proposals):
    report = annual_report(YEAR)
    nordost, centrum, hisingen = report.areas["Nordost"], report.areas["Centrum"], report.areas["Hisingen"]
    assert (nordost.submitted, nordost.published, nordost.reached_threshold, nordost.median_days) == (2, 2, 1, 60)
    assert (centrum.submitted, centrum.published, centrum.refused.total(), centrum.median_days) == (2, 1, 1, 20)
    assert (hisingen.submitted, hisingen.published) == (0, 1)
    assert report.areas["Sydväst"].submitted == 0
    assert report.areas[str(NO_AREA)].refused == {"advertising": 1}
    parks = report.committees["Park- och naturnämnden"]
    assert (parks.reached_threshold, parks.decisions["approved"], parks.median_days) == (1, 1, 60)


def test_a_year_without_proposals_is_all_zeros(year_of_proposals):
    city = annual_report(2019).city
    assert (city.submitted, city.published, city.median_days) == (0, 0, None)
