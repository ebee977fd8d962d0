"""Demo inventory: Gothenburg's democracy initiatives (written for the demo) in the import file's format.

The ten former district committees are created first, so the 2021 transfers to the social committees
show in each initiative's history. Sydväst has no forum any more (its youth forum ended in 2022) and
Centrum no initiative for newly arrived: gaps the area map shows. Initiatives named like a demo council
are linked to it.
"""

import datetime
from pathlib import Path

from django.apps import apps
from django.utils import timezone

from delaktig.accounts.models import User
from delaktig.inventory.models import Initiative
from delaktig.inventory.services import (
    former_district_committees_ensure,
    initiative_link,
    initiative_status_change,
    inventory_import,
    participation_record,
)

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_inventory.csv"
EDITOR_EMAIL = "inventering@demo.delaktig.se"

STATUS_CHANGES = [
    # (initiative, new status, date, note)
    ("Demokratibussen", "paused", "2020-03-16", "Uppehåll under pandemin."),
    ("Demokratibussen", "active", "2021-05-03", "Bussen rullar igen med utomhusstopp."),
    ("Ungdomsforum Askim–Frölunda–Högsbo", "paused", "2021-09-01", "Samordnaren slutade efter omorganisationen."),
    ("Ungdomsforum Askim–Frölunda–Högsbo", "ended", "2022-06-30", "Forumet lades ned; inget ersätter det ännu."),
    ("Dialogforum Majorna–Linné", "paused", "2025-09-01", "Paus i väntan på ny mötesform."),
]

# (initiative, first occasion, months between occasions, number of occasions, participants per occasion)
PARTICIPATION = [
    ("Ungdomsrådet Nordost", "2025-01-14", 1, 20, [11, 9, 14, 12, 8, 13, 15, 10, 12, 9]),
    ("Bergsjöns dialogforum", "2025-01-22", 1, 20, [34, 41, 28, 37, 45, 30, 26, 39, 33, 48]),
    ("Ö-dialogen", "2025-02-10", 4, 6, [16, 14, 17, 15, 18, 16]),
    ("Pensionärsrådet Centrum", "2025-02-05", 3, 7, [12, 11, 13, 12, 10, 12, 11]),
    ("Ungdomsrådet Hisingen", "2025-01-20", 1, 20, [10, 12, 9, 11, 14, 8, 12, 13, 10, 11]),
    ("Demokratibussen", "2025-04-08", 1, 18, [62, 85, 40, 110, 95, 73, 58, 120, 66, 81]),
    ("Dialogforum Biskopsgården", "2025-01-28", 1, 20, [27, 31, 22, 35, 29, 24, 38, 26, 30, 33]),
]


def _month_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def load() -> list[tuple[str, str, str]]:
    """Import the demo inventory once, then add its status history and participants."""
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    former_district_committees_ensure(actor=editor)
    if Initiative.objects.filter(name="Göteborgsförslaget").exists():
        return []
    inventory_import(content=DEMO_FILE.read_bytes(), filename=DEMO_FILE.name, actor=editor)
    by_name = {initiative.name: initiative for initiative in Initiative.objects.all()}
    for name, status, day, note in STATUS_CHANGES:
        initiative_status_change(
            initiative=by_name[name],
            status=status,
            effective_on=datetime.date.fromisoformat(day),
            note=note,
            actor=editor,
        )
    _link_councils(by_name, editor)
    today = timezone.localdate()
    for name, first, step, count, numbers in PARTICIPATION:
        start = datetime.date.fromisoformat(first)
        for index in range(count):
            day = _month_later(start, index * step)
            if day <= today:
                participation_record(
                    initiative=by_name[name], occurred_on=day, participants=numbers[index % len(numbers)], actor=editor
                )
    return []


def _link_councils(by_name: dict[str, Initiative], editor) -> None:
    """Link each initiative to the demo council of the same name, when the councils app is installed."""
    try:
        council_model = apps.get_model("councils", "Council")
    except LookupError:
        return
    for council in council_model.objects.filter(name__in=list(by_name)):
        initiative_link(initiative=by_name[council.name], linked_object=council, actor=editor)
