"""The democracy inventory in Chromium: each page type checked with axe-core; the staff flows without JavaScript."""

import datetime
from pathlib import Path

import pytest
from django.test import Client

from delaktig.accounts.models import RoleAssignment
from delaktig.inventory.models import Initiative
from delaktig.inventory.services import inventory_import, participation_record
from tests.e2e.conftest import assert_accessible
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "sample_inventory.csv"
YOUTH_COUNCIL = "Ungdomsråd Angered (prov)"
FORUM = "Dialogforum Biskopsgården (prov)"


@pytest.fixture
def inventory(gothenburg):
    """The sample spreadsheet imported (transfers from former district committees included), with participants."""
    inventory_import(content=SAMPLE.read_bytes(), filename=SAMPLE.name, actor=None)
    initiatives = {initiative.name: initiative for initiative in Initiative.objects.all()}
    for day, count in [(datetime.date(2025, 2, 4), 14), (datetime.date(2025, 3, 4), 11)]:
        participation_record(initiative=initiatives[YOUTH_COUNCIL], occurred_on=day, participants=count, actor=None)
    return initiatives


def log_in_as_editor(page, live_server) -> None:
    """Give the browser the session cookie of a fresh inventory editor."""
    client = Client()
    client.force_login(user_with_role(RoleAssignment.Role.INVENTORY_EDITOR))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_public_inventory_pages(live_server, inventory, page, console_errors):
    page.goto(f"{live_server.url}/inventering/")
    assert page.get_by_role("link", name=FORUM).is_visible()
    assert_accessible(page, "inventory-list")
    page.get_by_role("link", name=YOUTH_COUNCIL).click()
    assert page.get_by_role("cell", name="Stadsdelsnämnden Angered").first.is_visible()
    assert_accessible(page, "inventory-detail")
    page.goto(f"{live_server.url}/inventering/kartlaggning/")
    assert page.get_by_role("heading", name="Målgrupper som saknar initiativ i varje område").is_visible()
    assert_accessible(page, "inventory-mapping")
    page.goto(f"{live_server.url}/omraden/nordost/")
    assert page.get_by_role("heading", name="Demokratiinitiativ i området").is_visible()
    assert_accessible(page, "inventory-hub-section")
    assert console_errors == []


def test_mapping_in_english(live_server, inventory, page):
    page.goto(f"{live_server.url}/inventering/kartlaggning/")
    page.get_by_role("button", name="In English").click()
    assert page.get_by_role("heading", name="Democracy initiatives per area").is_visible()
    assert_accessible(page, "inventory-mapping-en")


def test_editor_pages(live_server, inventory, page, console_errors):
    log_in_as_editor(page, live_server)
    page.goto(
        f"{live_server.url}/inventering/aterrapportering/?committee=socialnamnd-nordost&start=2025-01-01&end=2025-12-31"
    )
    assert page.locator("svg.chart").is_visible()
    assert_accessible(page, "inventory-report")
    page.goto(f"{live_server.url}/inventering/ny/")
    assert_accessible(page, "inventory-create")
    page.goto(f"{live_server.url}/inventering/{inventory[FORUM].pk}/overfor/")
    assert_accessible(page, "inventory-transfer")
    assert console_errors == []
    page.goto(f"{live_server.url}/inventering/importera/")
    page.get_by_label("Kalkylfil (CSV eller Excel .xlsx)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Kontrollera filen").click()
    assert page.get_by_role("heading", name="Filen har problem").is_visible()
    assert_accessible(page, "inventory-import-problems")  # the sample is already imported: every row a duplicate


def test_import_and_status_change_work_without_javascript(live_server, inventory, nojs_page, tmp_path):
    log_in_as_editor(nojs_page, live_server)
    bad = tmp_path / "inventering.csv"
    bad.write_text("namn;typ;ansvarig_namnd;omraden;malgrupper;status\nNytt forum;Forum;Okänd;Nordost;Unga;Aktiv\n")
    nojs_page.goto(f"{live_server.url}/inventering/importera/")
    nojs_page.get_by_label("Kalkylfil (CSV eller Excel .xlsx)").set_input_files(str(bad))
    nojs_page.get_by_role("button", name="Kontrollera filen").click()
    assert nojs_page.get_by_role("cell", name="Okänd nämnd ”Okänd”.").is_visible()

    good = tmp_path / "nytt.csv"
    good.write_text(
        "namn;typ;ansvarig_namnd;omraden;malgrupper;status\nNytt forum;Forum;Socialnämnden Nordost;Nordost;Unga;Aktiv\n"
    )
    nojs_page.get_by_label("Kalkylfil (CSV eller Excel .xlsx)").set_input_files(str(good))
    nojs_page.get_by_role("button", name="Importera filen").click()
    assert "1 initiativ importerades" in nojs_page.content()

    initiative = inventory[FORUM]
    nojs_page.goto(f"{live_server.url}/inventering/{initiative.pk}/status/")
    nojs_page.get_by_label("Ny status").select_option("paused")
    nojs_page.get_by_role("button", name="Ändra status").click()
    assert "Statusen är ändrad" in nojs_page.content()
    initiative.refresh_from_db()
    assert initiative.status == "paused"
