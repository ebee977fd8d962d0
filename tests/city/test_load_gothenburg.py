from django.core.management import call_command

from delaktig.city.models import Area, Committee, District, Office

REQUIRED_COMMITTEES = [
    "Nämnden för demokrati och medborgarservice",
    "Äldre samt vård- och omsorgsnämnden",
    "Nämnden för funktionsstöd",
    "Socialnämnden Hisingen",
    "Socialnämnden Nordost",
    "Socialnämnden Centrum",
    "Socialnämnden Sydväst",
    "Kommunstyrelsen",
    "Stadsmiljönämnden",
    "Park- och naturnämnden",
    "Kulturnämnden",
    "Idrotts- och föreningsnämnden",
    "Förskolenämnden",
    "Grundskolenämnden",
    "Utbildningsnämnden",
    "Miljö- och klimatnämnden",
    "Byggnadsnämnden",
    "Fastighetsnämnden",
]


def test_load_gothenburg_creates_the_areas_and_their_former_districts(db):
    call_command("load_gothenburg")
    by_area = {area.name: sorted(d.name for d in area.districts.all()) for area in Area.objects.all()}
    assert by_area == {
        "Nordost": ["Angered", "Östra Göteborg"],
        "Centrum": ["Centrum", "Majorna–Linné", "Örgryte–Härlanda"],
        "Sydväst": ["Askim–Frölunda–Högsbo", "Västra Göteborg"],
        "Hisingen": ["Lundby", "Norra Hisingen", "Västra Hisingen"],
    }


def test_load_gothenburg_creates_every_required_committee_and_offices_with_hours(db):
    call_command("load_gothenburg")
    names = set(Committee.objects.values_list("name", flat=True))
    assert set(REQUIRED_COMMITTEES) <= names
    assert Committee.objects.get(name="Socialnämnden Nordost").area.slug == "nordost"
    assert Committee.objects.filter(kind=Committee.Kind.COMPANY_BOARD).exists()
    assert all(office.opening_hours.exists() for office in Office.objects.all())


def test_load_gothenburg_is_idempotent(db):
    call_command("load_gothenburg")
    counts = (
        Area.objects.count(),
        District.objects.count(),
        Committee.objects.count(),
        Office.objects.count(),
    )
    call_command("load_gothenburg")
    assert (
        Area.objects.count(),
        District.objects.count(),
        Committee.objects.count(),
        Office.objects.count(),
    ) == counts
    assert counts[:2] == (4, 10)
