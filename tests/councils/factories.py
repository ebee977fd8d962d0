"""Councils for tests, built through the services like the demo."""

import datetime

from delaktig.city.models import Area, Committee
from delaktig.councils import services
from delaktig.councils.models import Council

ISLANDS = ["Styrsö", "Asperö", "Brännö", "Vrångö", "Köpstadsö", "Donsö"]
TERM = {"term_start": datetime.date(2026, 1, 1), "term_end": datetime.date(2027, 12, 31)}


def o_dialogen(slug: str = "o-dialogen") -> Council:
    """Return Ö-dialogen with its six islands and a rulebook allowing three representatives per island."""
    council = services.council_create(
        slug=slug,
        name=f"Ö-dialogen ({slug})",
        kind=Council.Kind.ISLAND_DIALOGUE,
        area=Area.objects.get(slug="sydvast"),
        committee=Committee.objects.get(slug="socialnamnd-sydvast"),
        purpose="Dialog mellan öborna och staden.",
        constituencies=ISLANDS,
        actor=None,
    )
    services.rulebook_adopt(
        council=council,
        text="§ 1 Ö-dialogen är ett rådgivande organ.",
        adopted_on=datetime.date(2022, 3, 15),
        decision_reference="SN SV 2022-03-15 § 12",
        max_representatives_per_constituency=3,
        meetings_per_year=3,
        actor=None,
    )
    return council


def island(council: Council, name: str):
    return council.constituencies.get(name=name)
