"""The annual report: each step counted in its year, per area and committee, the same in every format."""

import csv
import io
import shutil
import subprocess

import openpyxl
import pytest

from delaktig.api.reports import NO_AREA, annual_report, long_table
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


REPORT = f"/forslag/rapport/{YEAR}/"


def test_report_page_shows_the_chart_and_every_table(client, year_of_proposals):
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.text
    assert '<svg class="chart"' in html and "style=" not in html
    assert html.count("<table") == 4
    assert "Park- och naturnämnden" in html and "Hisingen" in html


def test_latest_report_is_last_year(client, db):
    response = client.get("/forslag/rapport/")
    assert response.status_code == 302
    assert response["Location"].startswith("/forslag/rapport/20")


@pytest.mark.parametrize("path", ["/forslag/rapport/1990/", "/forslag/rapport/2999/", f"{REPORT}docx/"])
def test_unknown_years_and_formats_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_csv_holds_every_number_of_the_page(client, year_of_proposals):
    response = client.get(f"{REPORT}csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = {(table, row, column): value for table, row, column, value in rows[1:]}
    report = annual_report(YEAR)
    summary, areas = report.tables[0].title, report.tables[1].title
    assert values[(summary, report.tables[0].rows[0][0], report.tables[0].columns[1])] == "5"
    assert values[(areas, "Nordost", report.tables[1].columns[1])] == "2"
    assert len(rows) - 1 == len(long_table(report).rows)


def test_xlsx_has_a_sheet_per_table_with_the_numbers(client, year_of_proposals):
    response = client.get(f"{REPORT}xlsx/")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    areas = workbook.worksheets[1]
    by_name = {row[0]: row for row in areas.iter_rows(min_row=2, values_only=True)}
    assert by_name["Nordost"][1:3] == (2, 2)
    assert by_name["Centrum"][-1] == 20


def test_pdf_is_a_pdf_holding_the_numbers(client, year_of_proposals):
    response = client.get(f"{REPORT}pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils): the HTML is checked instead")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Kulturnämnden" in text
    nordost_line = next(line for line in text.splitlines() if line.strip().startswith("Nordost"))
    assert nordost_line.split()[1:3] == ["2", "2"]


def test_pdf_template_renders_the_same_tables(rf, year_of_proposals):
    from django.template.loader import render_to_string

    report = annual_report(YEAR)
    html = render_to_string("reports/annual_pdf.html", {"report": report, "chart": "", "print_css": ""})
    assert html.count("<table") == 4
    assert "Park- och naturnämnden" in html
