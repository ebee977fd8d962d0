"""Demo outreach: democracy days, the democracy bus's stops, open houses, a training and resident guides.

Dates are relative to today, so the calendar always has coming events whenever the demo is loaded.
"""

import datetime

from django.utils import timezone

from delaktig.city.models import Area, Committee, Office
from delaktig.events import services
from delaktig.events.models import Event, Guide

GUIDES = [
    # (name, kind, area slug, languages)
    ("Amina Hassan", Guide.Kind.AMBASSADOR, "nordost", "svenska, somaliska, engelska"),
    ("Yusuf Karimi", Guide.Kind.GUIDE, "nordost", "svenska, dari, persiska"),
    ("Lina Haddad", Guide.Kind.GUIDE, "hisingen", "svenska, arabiska"),
    ("Marek Nowak", Guide.Kind.AMBASSADOR, "sydvast", "svenska, polska, engelska"),
    ("Sara Lindqvist", Guide.Kind.GUIDE, "centrum", "svenska, teckenspråk"),
]

# (days from today, start hour, place, address, area slug)
BUS_STOPS = [
    (2, 14, "Hammarkullen, torget", "Hammarkulletorget", "nordost"),
    (4, 14, "Bergsjön, Rymdtorget", "Rymdtorget 2", "nordost"),
    (7, 13, "Hjällbo torg", "Hjällbo torg", "nordost"),
    (9, 14, "Biskopsgården, Vårväderstorget", "Vårväderstorget", "hisingen"),
    (11, 15, "Backaplan", "Backavägen 1", "hisingen"),
    (14, 14, "Frölunda torg", "Valthornsgatan 3", "sydvast"),
    (16, 13, "Tynnered, Opaltorget", "Opaltorget", "sydvast"),
    (18, 14, "Mariaplan i Majorna", "Mariaplan", "centrum"),
    (21, 14, "Kortedala torg", "Kortedala torg", "nordost"),
    (35, 14, "Länsmansgården", "Länsmansgårdens centrum", "hisingen"),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _event(title, kind, days, hour, hours, **fields) -> Event:
    return services.event_create(
        title=title,
        kind=kind,
        starts_at=_at(days, hour),
        ends_at=_at(days, hour) + datetime.timedelta(hours=hours),
        actor=None,
        **fields,
    )


def _democracy_days(committee: Committee, areas: dict[str, Area]) -> list[Event]:
    common = {"organiser": committee, "step_free_access": True, "hearing_loop": True}
    return [
        _event(
            "Demokratidag i Angered",
            Event.Kind.DEMOCRACY_DAY,
            12,
            11,
            5,
            area=areas["nordost"],
            place="Blå Stället",
            street_address="Angereds Torg 13",
            interpreter_languages="arabiska, somaliska, persiska",
            description="Träffa politiker, lär dig hur du lämnar ett Göteborgsförslag och säg vad du tycker om "
            "Angered. Fika, barnaktiviteter och korta samtal om det som är viktigt för dig.",
            **common,
        ),
        _event(
            "Demokratidag på Hisingen",
            Event.Kind.DEMOCRACY_DAY,
            26,
            11,
            5,
            area=areas["hisingen"],
            place="Kulturhuset Selma",
            street_address="Selma Lagerlöfs Torg 1",
            interpreter_languages="arabiska, bosniska",
            description="Demokratidag med samtal om trygghet, parker och fritid på Hisingen.",
            **common,
        ),
        _event(
            "Demokratidagen i Göteborg",
            Event.Kind.DEMOCRACY_DAY,
            40,
            10,
            6,
            place="Stadsbiblioteket",
            street_address="Götaplatsen 3",
            interpreter_languages="teckenspråk, engelska",
            description="Stadens gemensamma demokratidag: hur du påverkar, röstar och deltar i medborgarbudgeten.",
            **common,
        ),
        _event(
            "Demokratidag i Frölunda (förra månaden)",
            Event.Kind.DEMOCRACY_DAY,
            -24,
            11,
            4,
            area=areas["sydvast"],
            place="Frölunda Kulturhus",
            street_address="Valthornsgatan 3",
            **common,
        ),
    ]


def _bus_stops(committee: Committee, areas: dict[str, Area]) -> list[Event]:
    return [
        _event(
            f"Demokratibussen: {place}",
            Event.Kind.BUS_STOP,
            days,
            hour,
            3,
            area=areas[area_slug],
            place=place,
            street_address=address,
            organiser=committee,
            step_free_access=True,
            description="Kom förbi bussen och fråga om stadens service, val och hur du kan påverka.",
        )
        for days, hour, place, address, area_slug in BUS_STOPS
    ]


def _office_events(committee: Committee) -> list[Event]:
    events = []
    for number, office in enumerate(Office.objects.order_by("name")):
        events.append(
            _event(
                f"Öppet hus på {office.name}",
                Event.Kind.OPEN_HOUSE,
                5 + 4 * number,
                15,
                3,
                office=office,
                place=office.name,
                street_address=office.street_address,
                organiser=committee,
                step_free_access=True,
                hearing_loop="hörslinga" in office.accessibility.lower(),
                description="Personalen visar hur du får hjälp med e-tjänster, deklaration och bostadsfrågor. "
                "Du kan också lämna synpunkter på ditt område.",
            )
        )
    return events


def _training_and_dialogue(committee: Committee, areas: dict[str, Area]) -> list[Event]:
    return [
        _event(
            "Så fungerar Göteborgsförslaget – utbildning för föreningar",
            Event.Kind.TRAINING,
            15,
            18,
            2,
            place="Medborgarkontor Centrum",
            street_address="Kungsgatan 56",
            office=Office.objects.get(slug="centrum"),
            organiser=committee,
            step_free_access=True,
            registration_required=True,
            capacity=20,
            description="En kväll om hur ett förslag skrivs, hur omröstningen går till och vad som händer sedan.",
        ),
        _event(
            "Dialogmöte om Lärjeåns trädgårdar",
            Event.Kind.DIALOGUE_MEETING,
            19,
            18,
            2,
            area=areas["nordost"],
            place="Lärjeåns trädgårdar",
            street_address="Linnarhultsvägen 42",
            organiser=Committee.objects.get(slug="park-och-natur"),
            registration_required=True,
            capacity=40,
            interpreter_languages="arabiska",
            description="Park- och naturförvaltningen vill höra vad du tycker om planerna för området.",
        ),
    ]


def load() -> list[tuple[str, str, str]]:
    """Create the demo's events and guides once (running again changes nothing)."""
    if Guide.objects.filter(name=GUIDES[0][0]).exists():
        return []
    areas = {area.slug: area for area in Area.objects.all()}
    committee = Committee.objects.get(slug="demokrati-och-medborgarservice")
    guides = [
        services.guide_create(name=name, kind=kind, area=areas[slug], languages=languages, actor=None)
        for name, kind, slug, languages in GUIDES
    ]
    days = _democracy_days(committee, areas)
    stops = _bus_stops(committee, areas)
    _office_events(committee)
    _training_and_dialogue(committee, areas)
    for guide in guides:
        for event in [*days, *stops]:
            if event.area_id in (None, guide.area_id) and event.starts_at > timezone.now():
                services.guide_assign(guide=guide, event=event, actor=None)
    return []
