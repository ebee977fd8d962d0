import csv
import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Committee
from delaktig.core.models import AuditEvent
from delaktig.inventory import services
from delaktig.inventory.models import Initiative
from tests.factories import user_with_role, verified_user

pytestmark = pytest.mark.django_db

D = datetime.date
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "sample_inventory.csv"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_public_list_shows_only_published_initiatives(client, make_initiative):
    make_initiative(name="Öppet forum", published=True)
    make_initiative(name="Hemligt utkast", published=False)
    response = client.get(reverse("inventory:list"))
    assert "Öppet forum" in response.text
    assert "Hemligt utkast" not in response.text


def test_editors_see_unpublished_initiatives_marked(editor_client, make_initiative):
    make_initiative(name="Hemligt utkast", published=False)
    response = editor_client.get(reverse("inventory:list"))
    assert "Hemligt utkast" in response.text
    assert "Inte publicerat" in response.text


def test_list_filters_by_area_kind_group_and_text(client, make_initiative):
    make_initiative(name="Ungdomsforum Hisingen", areas=[Area.objects.get(slug="hisingen")], target_groups=["youth"])
    make_initiative(name="Seniorråd Nordost", kind="council", target_groups=["elderly"])
    assert "Seniorråd" not in client.get(reverse("inventory:list"), {"area": "hisingen"}).text
    assert "Ungdomsforum" not in client.get(reverse("inventory:list"), {"kind": "council"}).text
    assert "Seniorråd" not in client.get(reverse("inventory:list"), {"group": "youth"}).text
    assert "Ungdomsforum" not in client.get(reverse("inventory:list"), {"q": "senior"}).text


def test_a_bad_filter_is_a_400_with_the_list_unfiltered(client, make_initiative):
    response = client.get(reverse("inventory:list"), {"kind": "rocket"})
    assert response.status_code == 400


def test_list_query_count_is_pinned(client, make_initiative, django_assert_num_queries):
    for _ in range(5):
        make_initiative()
    # Count, initiatives with committees, areas, target groups, committees and areas for the filter form, area nav.
    with django_assert_num_queries(7):
        client.get(reverse("inventory:list"))


def test_detail_shows_the_histories(client, report_data):
    response = client.get(report_data.get_absolute_url())
    for text in ["Stadsdelsnämnden Angered", "Socialnämnden Nordost", "KF 2020-06-11 § 14", "2021-01-01", "100"]:
        assert text in response.text
    assert "från ”Aktiv” till ”Pausad”" in response.text
    assert "Ändra status" not in response.text


def test_editors_see_the_actions_on_the_detail_page(editor_client, make_initiative):
    response = editor_client.get(make_initiative(published=False).get_absolute_url())
    for action in ["Ändra initiativet", "Ändra status", "För över ansvaret", "Registrera deltagare"]:
        assert action in response.text


def test_unpublished_detail_is_not_found_for_the_public(client, make_initiative):
    initiative = make_initiative(published=False)
    assert client.get(initiative.get_absolute_url()).status_code == 404
    assert client.get(reverse("inventory:detail", kwargs={"pk": 99999})).status_code == 404


def test_mapping_names_the_gaps_in_text(client, make_initiative):
    make_initiative(areas=list(Area.objects.all()), target_groups=["everyone"])
    make_initiative(
        name="Ungdomsråd", kind="council", target_groups=["youth"], areas=[Area.objects.get(slug="nordost")]
    )
    response = client.get(reverse("inventory:mapping"))
    assert response.status_code == 200
    assert "saknas" in response.text
    gaps = {area.slug: missing for area, missing in response.context["mapping"].by_group.gaps}
    assert "Unga" in gaps["sydvast"]
    assert "Unga" not in gaps["nordost"] and "Äldre" in gaps["nordost"]
    assert "Alla" not in gaps["sydvast"]


def test_mapping_counts_ignore_ended_and_unpublished_initiatives_and_filter_by_committee(client, make_initiative):
    make_initiative(kind="panel")
    make_initiative(kind="panel", published=False)
    ended = make_initiative(kind="panel")
    services.initiative_status_change(initiative=ended, status="ended", effective_on=D(2024, 1, 1), actor=None)
    make_initiative(kind="panel", responsible_committee=Committee.objects.get(slug="funktionsstod"))
    nordost_panels = lambda response: response.context["mapping"].by_kind.rows[0].cells[4].count  # noqa: E731
    assert nordost_panels(client.get(reverse("inventory:mapping"))) == 2
    assert nordost_panels(client.get(reverse("inventory:mapping"), {"committee": "funktionsstod"})) == 1


def test_mapping_query_count_is_pinned(client, make_initiative, django_assert_num_queries):
    for _ in range(5):
        make_initiative()
    # Kind counts, group counts, areas, committees for the filter form, area navigation.
    with django_assert_num_queries(5):
        client.get(reverse("inventory:mapping"))


@pytest.fixture
def report_data(make_initiative, former_districts):
    """An initiative moved from a former district committee to Socialnämnden Nordost in 2021, with participants."""
    initiative = make_initiative(
        name="Angereds ungdomsråd",
        kind="council",
        responsible_committee=Committee.objects.get(slug="stadsdelsnamnd-angered"),
        started_on=D(2012, 9, 1),
    )
    services.initiative_transfer(
        initiative=initiative,
        to_committee=Committee.objects.get(slug="socialnamnd-nordost"),
        effective_on=D(2021, 1, 1),
        decision_reference="KF 2020-06-11 § 14",
        actor=None,
    )
    services.initiative_status_change(initiative=initiative, status="paused", effective_on=D(2021, 3, 1), actor=None)
    for day, count in [(D(2021, 2, 1), 12), (D(2021, 2, 15), 8), (D(2022, 2, 1), 100)]:
        services.participation_record(initiative=initiative, occurred_on=day, participants=count, actor=None)
    make_initiative(name="Annat forum", responsible_committee=Committee.objects.get(slug="funktionsstod"))
    return initiative


def report_url(**params) -> str:
    query = {"committee": "socialnamnd-nordost", "start": "2021-01-01", "end": "2021-12-31", **params}
    return reverse("inventory:report") + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def test_report_page_shows_chart_and_tables(editor_client, report_data):
    response = editor_client.get(report_url())
    assert response.status_code == 200
    assert '<svg class="chart"' in response.text
    report = response.context["report"]
    assert (report.initiative_count, report.participant_count) == (1, 20)
    assert report.by_kind.rows[1] == ["Råd", 1, 2, 20]
    assert [row[2:4] for row in report.status_changes.rows] == [["Aktiv", "Pausad"]]
    assert report.responsibility.rows == [
        [
            D(2021, 1, 1),
            "Angereds ungdomsråd",
            "Stadsdelsnämnden Angered",
            "Socialnämnden Nordost",
            "KF 2020-06-11 § 14",
        ]
    ]


def test_a_transfer_puts_the_initiative_in_both_committees_reports(editor_client, report_data):
    former = editor_client.get(report_url(committee="stadsdelsnamnd-angered", start="2020-01-01")).context["report"]
    assert former.initiative_count == 1
    assert len(former.responsibility.rows) == 1
    later = editor_client.get(report_url(committee="stadsdelsnamnd-angered", start="2021-01-01")).context["report"]
    assert later.initiative_count == 0


def test_report_csv_parses(editor_client, report_data):
    response = editor_client.get(report_url(format="csv", table="responsibility"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Datum", "Initiativ", "Från", "Till", "Beslut"]
    assert rows[1][2:] == ["Stadsdelsnämnden Angered", "Socialnämnden Nordost", "KF 2020-06-11 § 14"]
    kinds = list(csv.reader(io.StringIO(editor_client.get(report_url(format="csv")).content.decode("utf-8-sig"))))
    assert kinds[-1] == ["Totalt", "1", "2", "20"]
    assert editor_client.get(report_url(format="csv", table="nope")).status_code == 404


def test_report_xlsx_opens_with_a_sheet_per_table(editor_client, report_data):
    response = editor_client.get(report_url(format="xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    participants = workbook.worksheets[2]
    assert [cell.value for cell in participants[2]] == ["Angereds ungdomsråd", "Råd", 2, 20]


def test_report_pdf_is_a_pdf(editor_client, report_data):
    response = editor_client.get(report_url(format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_report_with_a_backwards_period_is_a_400(editor_client, gothenburg):
    response = editor_client.get(report_url(start="2022-01-01", end="2021-01-01"))
    assert response.status_code == 400
    assert "Perioden måste sluta" in response.text


def test_report_is_for_staff(client, gothenburg):
    assert client.get(report_url()).status_code == 302
    client.force_login(verified_user())
    assert client.get(report_url()).status_code == 403


def test_editor_creates_an_initiative(editor_client, editor):
    data = {
        "name": "Nytt dialogforum",
        "kind": "dialogue",
        "responsible_committee": Committee.objects.get(slug="socialnamnd-centrum").pk,
        "status": "planned",
        "areas": [Area.objects.get(slug="centrum").pk],
        "target_groups": ["youth"],
        "started_on": "2025-01-01",
        "frequency": "monthly",
        "published": "on",
    }
    response = editor_client.post(reverse("inventory:create"), data)
    initiative = Initiative.objects.get(name="Nytt dialogforum")
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert AuditEvent.objects.get(verb="inventory.initiative.create").actor == editor


def test_create_form_errors_are_a_400_and_write_nothing(editor_client, make_initiative):
    make_initiative(name="Finns redan")
    data = {"name": "Finns redan", "kind": "forum", "responsible_committee": Committee.objects.first().pk}
    data |= {"status": "active", "areas": [Area.objects.first().pk], "target_groups": ["youth"]}
    response = editor_client.post(reverse("inventory:create"), data)
    assert response.status_code == 400
    assert "Det finns redan ett initiativ som heter ”Finns redan”" in response.text
    response = editor_client.post(reverse("inventory:create"), {**data, "name": "Ny", "areas": []})
    assert response.status_code == 400 and "Välj minst ett område" in response.text
    assert Initiative.objects.count() == 1


def test_editor_edits_changes_status_transfers_and_records_participants(editor_client, make_initiative):
    initiative = make_initiative(started_on=D(2018, 1, 1))
    edit = {
        "name": "Omdöpt",
        "kind": "forum",
        "areas": [Area.objects.get(slug="nordost").pk],
        "target_groups": ["elderly"],
    }
    assert editor_client.post(reverse("inventory:edit", args=[initiative.pk]), edit).status_code == 302
    status = {"status": "paused", "effective_on": "2024-05-01", "note": "Sommaruppehåll"}
    assert editor_client.post(reverse("inventory:status", args=[initiative.pk]), status).status_code == 302
    transfer = {"to_committee": Committee.objects.get(slug="funktionsstod").pk, "effective_on": "2024-06-01"}
    transfer["decision_reference"] = "Dnr 77/24"
    assert editor_client.post(reverse("inventory:transfer", args=[initiative.pk]), transfer).status_code == 302
    occasion = {"occurred_on": "2024-09-10", "participants": "31"}
    assert editor_client.post(reverse("inventory:participation", args=[initiative.pk]), occasion).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.name, initiative.status, initiative.responsible_committee.slug) == (
        "Omdöpt",
        "paused",
        "funktionsstod",
    )
    assert initiative.participations.get().participants == 31
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"inventory.initiative.update", "inventory.initiative.status", "inventory.initiative.transfer"} <= verbs


def test_a_refused_status_change_is_a_400_with_the_reason(editor_client, make_initiative):
    initiative = make_initiative(started_on=D(2018, 1, 1))
    response = editor_client.post(
        reverse("inventory:status", args=[initiative.pk]), {"status": "paused", "effective_on": "2017-01-01"}
    )
    assert response.status_code == 400
    assert "Datumet kan inte vara tidigare än den senaste ändringen" in response.text
    response = editor_client.post(
        reverse("inventory:participation", args=[initiative.pk]), {"occurred_on": "2024-01-01", "participants": "-3"}
    )
    assert response.status_code == 400
    assert initiative.status_changes.count() == 1 and not initiative.participations.exists()


@pytest.mark.parametrize("name", ["create", "import"])
def test_staff_pages_send_visitors_to_log_in_and_refuse_residents(client, gothenburg, name):
    url = reverse(f"inventory:{name}")
    assert client.get(url).status_code == 302
    client.force_login(user_with_role(RoleAssignment.Role.MODERATOR))
    assert client.post(url, {}).status_code == 403


def test_upload_dry_run_lists_problems_and_changes_nothing(editor_client, gothenburg):
    bad = "namn;typ;ansvarig_namnd;omraden;malgrupper;status\nForum;Forum;Okänd;Nordost;Unga;Aktiv\n"
    upload = SimpleUploadedFile("inventering.csv", bad.encode(), content_type="text/csv")
    response = editor_client.post(reverse("inventory:import"), {"file": upload, "action": "import"})
    assert response.status_code == 400
    assert "Ingenting importerades" in response.text
    assert "Okänd nämnd ”Okänd”." in response.text
    assert not Initiative.objects.exists()


def test_upload_check_then_import(editor_client, gothenburg):
    def upload():
        return SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes(), content_type="text/csv")

    response = editor_client.post(reverse("inventory:import"), {"file": upload(), "action": "check"})
    assert response.status_code == 200
    assert "Alla 4 rader kan importeras" in response.text
    assert not Initiative.objects.exists()
    response = editor_client.post(reverse("inventory:import"), {"file": upload(), "action": "import"})
    assert response.status_code == 302
    assert Initiative.objects.count() == 4


def test_upload_of_a_malformed_file_says_why(editor_client, gothenburg):
    upload = SimpleUploadedFile("bild.png", b"\x89PNG....", content_type="image/png")
    response = editor_client.post(reverse("inventory:import"), {"file": upload, "action": "check"})
    assert response.status_code == 400
    assert "Filen måste vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)." in response.text


def test_hub_shows_the_areas_published_current_initiatives(client, make_initiative):
    make_initiative(name="Synligt forum")
    make_initiative(name="Utkastforum", published=False)
    ended = make_initiative(name="Avslutat forum")
    services.initiative_status_change(initiative=ended, status="ended", effective_on=D(2024, 1, 1), actor=None)
    response = client.get(reverse("city:area", kwargs={"slug": "nordost"}))
    assert "Synligt forum" in response.text
    assert "Utkastforum" not in response.text and "Avslutat forum" not in response.text
    assert "Demokratiinitiativ i området" in response.text


def test_pages_are_available_in_english(client, make_initiative):
    client.post("/sprak/", {"language": "en", "next": "/"})
    response = client.get(reverse("inventory:mapping"))
    assert "Democracy initiatives per area" in response.text
    assert "Young people" in response.text


def test_editor_links_an_initiative_to_a_council_through_contenttypes(editor_client, make_initiative):
    if not apps.is_installed("delaktig.councils"):
        pytest.skip("the councils app is not installed")
    council_model = apps.get_model("councils", "Council")
    council = council_model.objects.create(
        slug="ungdomsradet-nordost",
        name="Ungdomsrådet Nordost",
        kind="youth",
        area=Area.objects.get(slug="nordost"),
        committee=Committee.objects.get(slug="socialnamnd-nordost"),
        purpose="Unga ger råd.",
    )
    initiative = make_initiative()
    link = f"{ContentType.objects.get_for_model(council).pk}:{council.pk}"
    edit = {"name": initiative.name, "kind": "council", "areas": [council.area.pk], "target_groups": ["youth"]}
    assert link in editor_client.get(reverse("inventory:edit", args=[initiative.pk])).text
    editor_client.post(reverse("inventory:edit", args=[initiative.pk]), {**edit, "link": link, "published": "on"})
    response = editor_client.get(initiative.get_absolute_url())
    assert f'href="{council.get_absolute_url()}"' in response.text


def test_report_query_count_is_pinned(editor_client, report_data, make_initiative, django_assert_num_queries):
    for _ in range(5):
        make_initiative()
    # Session, user, roles; responsibility history, initiatives, status changes, transfers; the committees of
    # the form's menu; area navigation.
    with django_assert_num_queries(9):
        editor_client.get(report_url(committee=""))
