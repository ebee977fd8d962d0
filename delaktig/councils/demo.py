"""Demo councils: Ö-dialogen with its six islands, and a youth and a pensioners' council in every area.

Minutes, matters and answers are written for the demo (no real person is named). Dates are relative to
today, so there is always a coming meeting, published minutes of a past one and one late answer.
"""

import datetime

from django.utils import timezone

from delaktig.accounts.models import User
from delaktig.city.models import Area, Committee, Office
from delaktig.councils import services
from delaktig.councils.models import Council, Meeting, Member

ISLANDS = ["Styrsö", "Asperö", "Brännö", "Vrångö", "Köpstadsö", "Donsö"]
ISLAND_MEMBERS = {
    "Styrsö": ["Karin Ödman", "Olof Bryggare"],
    "Asperö": ["Ingrid Klippa", "Hasse Sjöberg"],
    "Brännö": ["Maja Ekholm", "Nils Varv"],
    "Vrångö": ["Britt Fyrvaktare", "Janne Strand"],
    "Köpstadsö": ["Eva Skärgård"],
    "Donsö": ["Per Fiskare", "Lena Hamn"],
}
YOUTH_NAMES = ["Elsa", "Omar", "Wilma", "Ali", "Nora", "Liam"]
PENSIONER_ORGANISATIONS = ["PRO", "SPF Seniorerna", "SKPF Pensionärerna", "RPG"]
RULEBOOK_O_DIALOGEN_2019 = """§ 1 Syfte
Ö-dialogen är ett forum för dialog mellan invånarna i de sex bebodda öarna i södra skärgården och staden.

§ 2 Sammansättning
Varje ö – Styrsö, Asperö, Brännö, Vrångö, Köpstadsö och Donsö – utser högst tre representanter.

§ 3 Möten
Ö-dialogen sammanträder cirka tre gånger per år."""
RULEBOOK_O_DIALOGEN_2023 = """§ 1 Syfte
Ö-dialogen är ett rådgivande forum för dialog mellan öborna i södra skärgården och staden. Dialogen ska
ge nämnden kunskap om öarnas förutsättningar inför beslut som rör skärgården.

§ 2 Sammansättning
Varje ö – Styrsö, Asperö, Brännö, Vrångö, Köpstadsö och Donsö – utser högst tre representanter för två år.
Socialnämnden Sydväst utser en representant för nämnden.

§ 3 Möten
Ö-dialogen sammanträder cirka tre gånger per år, på någon av öarna. Kallelse skickas senast två veckor före.

§ 4 Frågor
Frågor som väcks vid ett möte skickas till berörd nämnd eller förvaltning. Svaret redovisas på nästa möte
och publiceras på rådets sida.

§ 5 Rådgivande roll
Ö-dialogen fattar inga beslut i stadens ärenden; den lämnar synpunkter och förslag."""
RULEBOOK_GENERIC = """§ 1 Syfte
{name} ska ge {group} i {area} möjlighet att påverka frågor som rör dem, och ge nämnden underlag inför beslut.

§ 2 Sammansättning
Rådet består av {who}. Nämnden utser en representant och en sekreterare.

§ 3 Möten
Rådet sammanträder {meetings} gånger per år. Protokollet justeras av ordföranden och en vald justerare.

§ 4 Rådgivande roll
Rådet är rådgivande och fattar inga beslut i stadens ärenden."""
MINUTES = """§ 1 Mötet öppnas
Ordföranden hälsade alla välkomna och öppnade mötet.

§ 2 Dagordning
Dagordningen godkändes.

§ 3 {topic}
{discussion}

§ 4 Nya frågor
{new_matter}

§ 5 Nästa möte
Nästa möte hålls enligt kallelse. Mötet avslutades."""


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _term() -> dict:
    year = timezone.localdate().year
    return {"term_start": datetime.date(year - 1, 1, 1), "term_end": datetime.date(year + 1, 12, 31)}


def _meeting(council: Council, days: int, *, place: str, address: str, office: Office | None, agenda: list[str]):
    meeting = services.meeting_create(
        council=council,
        starts_at=_at(days, 18),
        ends_at=_at(days, 20),
        place=place,
        street_address=address,
        office=office,
        step_free_access=True,
        hearing_loop=office is not None,
        actor=None,
    )
    for title in agenda:
        services.agenda_item_add(meeting=meeting, title=title, actor=None)
    return meeting


def _publish_minutes(meeting: Meeting, text: str, approved_by: str) -> None:
    services.minutes_save_draft(meeting=meeting, text=text, actor=None)
    services.minutes_approve(meeting=meeting, approved_by=approved_by, actor=None)
    services.minutes_publish(meeting=meeting, actor=None)


def _matter(council, meeting, title, raised_by, *, to, due_days, answer=""):
    matter = services.matter_raise(council=council, meeting=meeting, title=title, raised_by=raised_by, actor=None)
    committee = to if isinstance(to, Committee) else None
    department = to if isinstance(to, str) else ""
    due = timezone.localdate() + datetime.timedelta(days=due_days)
    services.matter_forward(matter=matter, committee=committee, department=department, answer_due=due, actor=None)
    if answer:
        services.matter_answer(matter=matter, answer=answer, actor=None)
    return matter


def _o_dialogen(committees: dict[str, Committee], area: Area) -> Council:
    council = services.council_create(
        slug="o-dialogen",
        name="Ö-dialogen",
        kind=Council.Kind.ISLAND_DIALOGUE,
        area=area,
        committee=committees["socialnamnd-sydvast"],
        purpose="Dialog mellan öborna i södra skärgården och staden om det som gör öarna till bra platser att "
        "bo på året runt: färjor, skola, omsorg, service och hamnar.",
        constituencies=ISLANDS,
        actor=None,
    )
    for text, adopted, reference in [
        (RULEBOOK_O_DIALOGEN_2019, datetime.date(2019, 4, 24), "SDN Västra Göteborg 2019-04-24 § 58"),
        (RULEBOOK_O_DIALOGEN_2023, datetime.date(2023, 2, 14), "SN Sydväst 2023-02-14 § 21"),
    ]:
        services.rulebook_adopt(
            council=council,
            text=text,
            adopted_on=adopted,
            decision_reference=reference,
            max_representatives_per_constituency=3,
            meetings_per_year=3,
            actor=None,
        )
    for island, names in ISLAND_MEMBERS.items():
        constituency = council.constituencies.get(name=island)
        for index, name in enumerate(names):
            role = Member.Role.CHAIR if (island, index) == ("Styrsö", 0) else Member.Role.REPRESENTATIVE
            services.member_add(council=council, name=name, role=role, constituency=constituency, **_term(), actor=None)
    services.member_add(
        council=council,
        name="Representant för Socialnämnden Sydväst",
        role=Member.Role.COMMITTEE_REPRESENTATIVE,
        kind=Member.Kind.ORGANISATION,
        organisation="Socialnämnden Sydväst",
        **_term(),
        actor=None,
    )
    former = services.member_add(
        council=council,
        name="Gösta Lotsman",
        role=Member.Role.REPRESENTATIVE,
        constituency=council.constituencies.get(name="Köpstadsö"),
        **_term(),
        actor=None,
    )
    services.member_end(member=former, left_on=timezone.localdate() - datetime.timedelta(days=60), actor=None)
    _o_dialogen_meetings(council, committees)
    return council


def _o_dialogen_meetings(council: Council, committees: dict[str, Committee]) -> None:
    spring = _meeting(
        council,
        -120,
        place="Styrsö skola, matsalen",
        address="Styrsö Bratten",
        office=None,
        agenda=["Mötet öppnas", "Färjetrafiken i vinter", "Äldreomsorgen på öarna", "Nya frågor"],
    )
    _publish_minutes(
        spring,
        MINUTES.format(
            topic="Färjetrafiken i vinter",
            discussion="Öborna berättade att de sena turerna från Saltholmen ofta är fulla på fredagar. "
            "Västtrafiks representant redogjorde för vinterns tidtabell.",
            new_matter="Vrångös representanter väckte frågan om fler kvällsturer. Frågan skickas till Trafiknämnden.",
        ),
        "Karin Ödman (ordförande), Per Fiskare (justerare)",
    )
    autumn = _meeting(
        council,
        -40,
        place="Donsö kyrka, församlingssalen",
        address="Donsö Kyrkväg 2",
        office=None,
        agenda=["Mötet öppnas", "Svar om kvällsturer", "Parkering vid Saltholmen", "Nya frågor"],
    )
    _publish_minutes(
        autumn,
        MINUTES.format(
            topic="Parkering vid Saltholmen",
            discussion="Många öbor behöver parkera vid Saltholmen för att pendla. Platserna räcker inte "
            "under sommaren.",
            new_matter="Brännös representanter väckte frågan om fler pendlarplatser vid Saltholmen.",
        ),
        "Karin Ödman (ordförande), Maja Ekholm (justerare)",
    )
    _meeting(
        council,
        24,
        place="Vrångö bygdegård",
        address="Vrångö Hamnväg 4",
        office=None,
        agenda=["Mötet öppnas", "Svar om parkering vid Saltholmen", "Sophämtning på Vrångö", "Nya frågor"],
    )
    _matter(
        council,
        spring,
        "Fler kvällsturer med färjan på fredagar",
        "Vrångös representanter",
        to=committees["trafiknamnden"],
        due_days=-80,
        answer="Trafiknämnden har bett Västtrafik lägga till en extra tur kl. 23.10 på fredagar från och med "
        "tidtabellsskiftet i december.",
    )
    _matter(
        council,
        autumn,
        "Fler pendlarplatser vid Saltholmen",
        "Brännös representanter",
        to="Stadsmiljöförvaltningen",
        due_days=-5,
    )
    services.matter_raise(
        council=council,
        meeting=autumn,
        title="Tätare sophämtning på Vrångö under sommaren",
        raised_by="Vrångös representanter",
        actor=None,
    )


def _area_council(kind: str, area: Area, committee: Committee, office: Office | None, offset: int) -> Council:
    youth = kind == Council.Kind.YOUTH
    name = f"{'Ungdomsrådet' if youth else 'Pensionärsrådet'} {area.name}"
    council = services.council_create(
        slug=f"{'ungdomsradet' if youth else 'pensionarsradet'}-{area.slug}",
        name=name,
        kind=kind,
        area=area,
        committee=committee,
        purpose=(
            f"Unga mellan 13 och 19 år i {area.name} ger råd till staden om skola, fritid, trygghet och "
            "det som är viktigt för unga."
            if youth
            else f"Pensionärsorganisationerna i {area.name} ger råd till staden om äldreomsorg, hälsa, "
            "tillgänglighet och service för äldre."
        ),
        actor=None,
    )
    meetings_per_year = 6 if youth else 4
    services.rulebook_adopt(
        council=council,
        text=RULEBOOK_GENERIC.format(
            name=name,
            group="unga" if youth else "äldre",
            area=area.name,
            who="högst tolv unga som väljs för ett år" if youth else "representanter för pensionärsorganisationerna",
            meetings=meetings_per_year,
        ),
        adopted_on=datetime.date(2021, 9, 1),
        decision_reference=f"{committee.name} 2021-09-01 § {10 + offset}",
        meetings_per_year=meetings_per_year,
        actor=None,
    )
    _area_members(council, youth)
    place = office.name if office else "Stadsbiblioteket"
    address = office.street_address if office else "Götaplatsen 3"
    past = _meeting(council, -30 - offset, place=place, address=address, office=office, agenda=_agenda(youth))
    _publish_minutes(past, _area_minutes(youth, area), "Ordföranden och vald justerare")
    _meeting(council, 10 + offset * 2, place=place, address=address, office=office, agenda=_agenda(youth))
    _matter(
        council,
        past,
        "Längre öppettider på fritidsgården" if youth else "Fler bänkar längs promenadstråken",
        "Rådets ledamöter",
        to="Socialförvaltningen" if youth else "Park- och naturförvaltningen",
        due_days=20,
        answer="Förvaltningen prövar längre öppettider på fredagar under våren och följer upp besöken."
        if youth
        else "Tolv nya bänkar med armstöd sätts ut längs stråken under våren.",
    )
    return council


def _area_members(council: Council, youth: bool) -> None:
    names = YOUTH_NAMES if youth else PENSIONER_ORGANISATIONS
    for index, name in enumerate(names):
        role = Member.Role.CHAIR if index == 0 else Member.Role.REPRESENTATIVE
        if youth:
            services.member_add(council=council, name=name, role=role, **_term(), actor=None)
        else:
            services.member_add(
                council=council,
                name=f"Representant för {name}",
                role=role,
                kind=Member.Kind.ORGANISATION,
                organisation=name,
                **_term(),
                actor=None,
            )


def _agenda(youth: bool) -> list[str]:
    topic = "Fritid och mötesplatser" if youth else "Äldreomsorgen i området"
    return ["Mötet öppnas", topic, "Information från nämnden", "Nya frågor"]


def _area_minutes(youth: bool, area: Area) -> str:
    if youth:
        return MINUTES.format(
            topic="Fritid och mötesplatser",
            discussion=f"Ledamöterna berättade att fritidsgårdarna i {area.name} stänger för tidigt på fredagar.",
            new_matter="Rådet väckte frågan om längre öppettider. Frågan skickas till socialförvaltningen.",
        )
    return MINUTES.format(
        topic="Äldreomsorgen i området",
        discussion=f"Rådet fick information om hemtjänsten i {area.name} och ställde frågor om väntetider.",
        new_matter="Rådet väckte frågan om fler bänkar längs promenadstråken.",
    )


def load() -> list[tuple[str, str, str]]:
    """Create the demo councils once and make the demo council administrator their administrator."""
    if Council.objects.filter(slug="o-dialogen").exists():
        return []
    committees = {committee.slug: committee for committee in Committee.objects.all()}
    areas = {area.slug: area for area in Area.objects.all()}
    councils = [_o_dialogen(committees, areas["sydvast"])]
    for offset, area in enumerate(areas.values()):
        office = Office.objects.filter(area=area).order_by("name").first()
        social = committees[f"socialnamnd-{area.slug}"]
        councils.append(_area_council(Council.Kind.YOUTH, area, social, office, offset))
        elderly = committees["aldre-vard-och-omsorg"]
        councils.append(_area_council(Council.Kind.PENSIONERS, area, elderly, office, offset + 4))
    administrator = User.objects.filter(email="radsadmin@demo.delaktig.se").first()
    if administrator is not None:
        for council in councils:
            services.council_administrator_add(council=council, user=administrator, actor=None)
    return []
