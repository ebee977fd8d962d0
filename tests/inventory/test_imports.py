import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from delaktig.core.errors import DomainError
from delaktig.core.models import AuditEvent
from delaktig.inventory.imports import MAX_IMPORT_BYTES, plan_import, read_rows
from delaktig.inventory.models import Initiative
from delaktig.inventory.services import IMPORT_HAS_PROBLEMS, inventory_import

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "sample_inventory.csv"
HEADER = "namn;typ;ansvarig_namnd;omraden;stadsdelar;malgrupper;status;startdatum;slutdatum;publicerad"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode("utf-8")


def problems_of(content: bytes, filename: str = "inventering.csv") -> list[tuple[int, str]]:
    return [(problem.row, problem.message) for problem in plan_import(read_rows(content, filename)).problems]


def test_the_sample_file_imports_every_row_with_its_transfers(gothenburg):
    initiatives = inventory_import(content=SAMPLE.read_bytes(), filename=SAMPLE.name, actor=None)
    assert len(initiatives) == 4
    angered = Initiative.objects.get(name="Ungdomsråd Angered (prov)")
    assert angered.responsible_committee.slug == "socialnamnd-nordost"
    history = [
        (row.from_committee and row.from_committee.name, row.to_committee.name, row.effective_on)
        for row in angered.responsibility_changes.all()
    ]
    assert history == [
        (None, "Stadsdelsnämnden Angered", datetime.date(2012, 9, 1)),
        ("Stadsdelsnämnden Angered", "Socialnämnden Nordost", datetime.date(2021, 1, 1)),
    ]
    bus = Initiative.objects.get(name="Demokratibussen (prov)")
    assert bus.areas.count() == 4
    biskopsgarden = Initiative.objects.get(name="Dialogforum Biskopsgården (prov)")
    assert sorted(biskopsgarden.target_groups.values_list("group", flat=True)) == ["everyone", "newly_arrived"]
    assert not Initiative.objects.get(name="Pensionärsrådet Centrum (prov)").published
    assert AuditEvent.objects.get(verb="inventory.import").data["initiatives"] == 4


def test_dry_run_lists_every_problem_with_its_row_in_plain_swedish(gothenburg, make_initiative):
    make_initiative(name="Finns redan")
    content = csv_bytes(
        "Forum A;Forum;Socialnämnden Anger;Nordost;;Unga;Aktiv;2020-01-01;;ja",
        "Forum B;Forum;Socialnämnden Nordost;Atlantis;;Unga;Aktiv;1/1/2020;;ja",
        "Forum C;Samtal;Socialnämnden Nordost;Nordost;;Unga;Igång;2020-01-01;;ja",
        "Forum A;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja",
        "finns redan;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja",
        ";Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja",
        "Forum D;Forum;Socialnämnden Nordost;Nordost;;Barn;Aktiv;2020-05-01;2020-01-01;kanske",
    )
    assert problems_of(content) == [
        (2, "Okänd nämnd ”Socialnämnden Anger”."),
        (3, "Okänt område ”Atlantis”."),
        (3, "Datumet ”1/1/2020” i kolumnen ”startdatum” är inte ett datum. Skriv det som 2021-01-31."),
        (4, "Okänd typ ”Samtal”."),
        (4, "Okänd status ”Igång”."),
        (5, "Namnet finns också på rad 2."),
        (6, "Det finns redan ett initiativ med det här namnet i inventeringen."),
        (7, "Initiativet saknar namn (kolumnen ”namn” är tom)."),
        (8, "Okänd målgrupp ”Barn”."),
        (8, "Skriv ”ja” eller ”nej” i kolumnen ”publicerad”, inte ”kanske”."),
        (8, "Slutdatumet är före startdatumet."),
    ]


def test_one_bad_row_means_nothing_is_written(gothenburg):
    content = csv_bytes(
        "Bra forum;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja",
        "Dåligt forum;Forum;Okänd nämnd;Nordost;;Unga;Aktiv;2020-01-01;;ja",
    )
    with pytest.raises(DomainError) as error:
        inventory_import(content=content, filename="inventering.csv", actor=None)
    assert str(error.value) == str(IMPORT_HAS_PROBLEMS % {"count": 1})
    assert not Initiative.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_transfer_needs_a_known_previous_committee_and_a_sensible_date(gothenburg):
    header = HEADER + ";tidigare_namnd;overford_datum;beslut"
    content = csv_bytes(
        "A;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja;Stadsdelsnämnden Angered;;",
        "B;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja;Stadsdelsnämnden Angered;2019-01-01;x",
        "C;Forum;Socialnämnden Nordost;Nordost;;Unga;Aktiv;2020-01-01;;ja;Stadsdelsnämnden Atlantis;2021-01-01;x",
        header=header,
    )
    assert problems_of(content) == [
        (2, "En överföring behöver både ”tidigare_namnd” och ”overford_datum”."),
        (3, "Datumet för överföringen är före startdatumet."),
        (4, "Okänd nämnd ”Stadsdelsnämnden Atlantis”."),
    ]


def test_excel_file_with_real_dates_imports(gothenburg):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Namn", "Typ", "Ansvarig nämnd", "Områden", "Målgrupper", "Status", "Startdatum"])
    sheet.append(
        ["Seniorforum", "Forum", "socialnamnd-centrum", "Centrum", "Äldre", "Active", datetime.datetime(2019, 4, 2)]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    [initiative] = inventory_import(content=buffer.getvalue(), filename="Inventering.XLSX", actor=None)
    assert (initiative.started_on, initiative.status, initiative.kind) == (datetime.date(2019, 4, 2), "active", "forum")


def test_windows_encoded_comma_separated_csv_is_read(gothenburg):
    content = (
        "namn,typ,ansvarig_namnd,omraden,malgrupper,status\n"
        "Äldreråd Öster,Råd,Socialnämnden Nordost,Nordost,Äldre,Planerad\n"
    )
    [initiative] = inventory_import(content=content.encode("cp1252"), filename="a.csv", actor=None)
    assert initiative.name == "Äldreråd Öster"


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"namn;typ\nx;y", "inventering.txt", "CSV-fil (.csv) eller en Excel-fil"),
        (b"PK\x03\x04 not really a workbook", "inventering.xlsx", "Det gick inte att läsa filen som Excel"),
        (b"\x00\x01\x02", "inventering.csv", "Det gick inte att läsa filen som CSV"),
        (b"", "inventering.csv", "Filen är tom"),
        (
            b"namn;typ;status\nx;Forum;Aktiv",
            "inventering.csv",
            "Rubrikraden saknar kolumnerna: ansvarig_namnd, omraden",
        ),
        (
            csv_bytes("x", header=HEADER + ";kommentar"),
            "inventering.csv",
            "kolumner som vi inte känner igen: kommentar",
        ),
        (b"x" * (MAX_IMPORT_BYTES + 1), "inventering.csv", "Filen är för stor"),
    ],
    ids=["not-a-spreadsheet", "broken-xlsx", "binary-csv", "empty", "missing-columns", "unknown-column", "too-large"],
)
def test_a_malformed_file_gets_a_clear_message_and_changes_nothing(gothenburg, content, filename, message):
    with pytest.raises(DomainError, match=re.escape(message)):
        inventory_import(content=content, filename=filename, actor=None)
    assert not Initiative.objects.exists()


def test_management_command_checks_and_imports(gothenburg, tmp_path, capsys):
    call_command("import_inventory", str(SAMPLE), "--dry-run")
    assert "4 rader kan importeras" in capsys.readouterr().out
    assert not Initiative.objects.exists()
    call_command("import_inventory", str(SAMPLE))
    assert Initiative.objects.count() == 4
    with pytest.raises(CommandError, match="Ingenting importerades"):
        call_command("import_inventory", str(SAMPLE))
    assert "Rad 2: Det finns redan ett initiativ" in capsys.readouterr().err
    assert Initiative.objects.count() == 4


def test_the_demo_loads_once_with_its_transfers_gaps_and_council_links(gothenburg):
    from delaktig.inventory import demo
    from delaktig.inventory.selectors import inventory_mapping

    demo.load()
    demo.load()
    assert Initiative.objects.count() == 30
    transfers_2021 = Initiative.objects.filter(
        responsibility_changes__effective_on=datetime.date(2021, 1, 1),
        responsibility_changes__from_committee__kind="former_district",
    )
    assert transfers_2021.count() >= 15
    mapping = inventory_mapping()
    assert "Forum" in dict((area.slug, missing) for area, missing in mapping.by_kind.gaps)["sydvast"]
    assert "Nyanlända" in dict((area.slug, missing) for area, missing in mapping.by_group.gaps)["centrum"]
