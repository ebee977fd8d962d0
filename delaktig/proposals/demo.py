"""Demo proposals in every status across the four areas, written for the demo (not real proposals).

Everything is created through the services. Proposals that must lie in the past pass ``now`` to
each service (no clock patching), so the timeline shows believable dates. Votes come from demo
voter accounts (rostare-N@demo.delaktig.se, no password, cannot log in).
"""

from datetime import date, timedelta

from django.utils import timezone

from delaktig.accounts.models import Person, User
from delaktig.city.models import Area, Committee, District
from delaktig.proposals import services
from delaktig.proposals.models import Outcome, Proposal, RefusalRule

DEMO_DOMAIN = "demo.delaktig.se"
RESIDENTS = [
    ("amira@demo.delaktig.se", "Amira Hassan"),
    ("johan@demo.delaktig.se", "Johan Lindqvist"),
    ("sara@demo.delaktig.se", "Sara Nilsson"),
    ("elias@demo.delaktig.se", "Elias Berg"),
]

# (status, author index, title, text, category, area slug, district slug, days since published, votes)
PROPOSALS = [
    (
        "open",
        0,
        "Fler sittplatser längs Angeredsbanan",
        "Många äldre går längs cykel- och gångvägen vid Angeredsbanan men det finns nästan inga bänkar. "
        "Jag föreslår bänkar med ryggstöd var tredje hundra meter mellan Hjällbo och Angered centrum.",
        "parks",
        "nordost",
        "angered",
        20,
        34,
    ),
    (
        "open",
        1,
        "Öppna skolgårdarna i Bergsjön för spontanidrott på helger",
        "Skolgårdarna står tomma på lördagar och söndagar. Låt dem vara öppna för bollspel och lek, med "
        "sophämtning på måndag morgon.",
        "school",
        "nordost",
        "ostra-goteborg",
        45,
        61,
    ),
    (
        "open",
        2,
        "Vattenpåfyllning i Slottsskogen året runt",
        "Dricksvattenposterna i Slottsskogen stängs i oktober. Ett frostfritt tappställe vid Stora dammen "
        "skulle hjälpa alla som springer och promenerar på vintern.",
        "parks",
        "centrum",
        None,
        10,
        23,
    ),
    (
        "open",
        3,
        "Cykelparkering under tak vid Frölunda torg",
        "Vid Frölunda torg finns för få cykelställ och inga under tak. Bygg ett cykelgarage vid "
        "spårvagnshållplatsen så att fler kan cykla dit i stället för att ta bilen.",
        "traffic",
        "sydvast",
        "askim-frolunda-hogsbo",
        60,
        48,
    ),
    (
        "open",
        0,
        "Lånecyklar för barn på biblioteket på Hisingen",
        "Låt barnfamiljer låna cyklar och hjälmar på Bibliotek Hisingen på samma sätt som man lånar böcker.",
        "culture",
        "hisingen",
        None,
        80,
        12,
    ),
    (
        "threshold_reached",
        1,
        "Belysning på gångstigen runt Delsjöarna",
        "Stigen runt Stora Delsjön är mörk från oktober till mars. Lågt placerad belysning som inte stör "
        "djurlivet skulle göra den trygg för fler.",
        "parks",
        "centrum",
        None,
        70,
        201,
    ),
    (
        "assigned",
        2,
        "Fler papperskorgar på Hisingsparken",
        "I Hisingsparken finns för få papperskorgar och det skräpar ner vid grillplatserna på sommaren. "
        "Sätt upp fler korgar och töm dem oftare under sommarmånaderna.",
        "parks",
        "hisingen",
        None,
        260,
        204,
    ),
    (
        "decided",
        3,
        "Pollinatörsängar i stället för gräsmatta i Keillers park",
        "Gör om en del av de klippta gräsytorna i Keillers park till blommande ängar för bin och fjärilar.",
        "environment",
        "hisingen",
        None,
        300,
        207,
    ),
    (
        "expired",
        0,
        "Utegym vid Askimsbadet",
        "Ett enkelt utegym vid Askimsbadet med räckhäck och plintar skulle användas av många under sommaren.",
        "culture",
        "sydvast",
        None,
        120,
        27,
    ),
    (
        "withdrawn",
        1,
        "Längre öppettider på Kvarnbyparken",
        "Förslaget gällde fler timmar för parkens kafé på kvällarna.",
        "culture",
        "nordost",
        None,
        30,
        9,
    ),
    (
        "refused",
        2,
        "Sänk skatten på bensin i Göteborg",
        "Bensinen är för dyr. Göteborg borde sänka skatten på drivmedel.",
        "traffic",
        None,
        None,
        None,
        0,
    ),
    (
        "submitted",
        3,
        "Tydligare skyltning till medborgarkontoret i Angered",
        "Det är svårt att hitta medborgarkontoret i Angered centrum. Sätt upp skyltar från spårvagnen.",
        "democracy",
        "nordost",
        "angered",
        None,
        0,
    ),
    (
        "draft",
        0,
        "Sommarbad för barn i Majorna",
        "Ett plaskbad för små barn i Majorna, kanske vid Mariaplan.",
        "culture",
        "centrum",
        None,
        None,
        0,
    ),
]


def _user(email: str, name: str) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    Person.objects.get_or_create(user=user, defaults={"verification_level": Person.Level.EMAIL})
    return user


def _voters(count: int) -> list[User]:
    """Create ``count`` demo voters at once (accounts without a password, so nobody can log in as them)."""
    users = User.objects.bulk_create(
        [User(email=f"rostare-{number}@{DEMO_DOMAIN}", display_name=f"Röstare {number}") for number in range(count)]
    )
    Person.objects.bulk_create([Person(user=user, verification_level=Person.Level.EMAIL) for user in users])
    return list(User.objects.filter(email__startswith="rostare-", email__endswith=DEMO_DOMAIN).order_by("pk"))


def load() -> list[tuple[str, str, str]]:
    """Create the demo proposals once (skipped when they exist); return no new logins."""
    if Proposal.objects.filter(author__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return []
    residents = [_user(email, name) for email, name in RESIDENTS]
    invanare = User.objects.filter(email=f"invanare@{DEMO_DOMAIN}").first()
    if invanare:
        residents[0] = invanare
    moderator = User.objects.get(email=f"moderator@{DEMO_DOMAIN}")
    secretary = User.objects.get(email=f"sekreterare@{DEMO_DOMAIN}")
    committee = Committee.objects.get(slug="park-och-natur")
    voters = _voters(max(row[8] for row in PROPOSALS))
    for row in PROPOSALS:
        _create(row, residents, voters, moderator, secretary, committee)
    services.proposals_expire()
    return []


def _create(row, residents, voters, moderator, secretary, committee) -> None:
    status, author, title, body, category, area_slug, district_slug, age_days, votes = row
    now = timezone.now()
    published_at = now - timedelta(days=age_days) if age_days is not None else now
    written_at = published_at - timedelta(days=3)
    proposal = services.proposal_create(
        actor=residents[author],
        title=title,
        body=body,
        category=category,
        area=Area.objects.get(slug=area_slug) if area_slug else None,
        district=District.objects.get(slug=district_slug) if district_slug else None,
        proposer_name=residents[author].display_name,
        now=written_at,
    )
    if status == "draft":
        return
    services.proposal_submit(proposal=proposal, actor=residents[author], now=written_at + timedelta(hours=2))
    if status == "submitted":
        return
    if status == "refused":
        services.proposal_refuse(
            proposal=proposal,
            actor=moderator,
            rule=RefusalRule.COMPETENCE,
            note="Skatt på drivmedel beslutas av riksdagen, inte av kommunen.",
            now=published_at,
        )
        return
    with_committee = committee if status in {"assigned", "decided"} else None
    services.proposal_publish(proposal=proposal, actor=moderator, committee=with_committee, now=published_at)
    for index, voter in enumerate(voters[:votes]):
        at = published_at + timedelta(minutes=30 + index * min(60, (age_days * 1440 - 60) // max(votes, 1)))
        services.vote_cast(proposal_id=proposal.pk, actor=voter, show_name=index % 4 == 0, now=at)
    _finish(status, proposal, residents[author], moderator, secretary, committee, published_at)


def _finish(status, proposal, author, moderator, secretary, committee, published_at) -> None:
    """Take a published demo proposal on to its final status, at believable past dates."""
    proposal.refresh_from_db()
    if status == "withdrawn":
        services.proposal_withdraw(proposal=proposal, actor=author, now=published_at + timedelta(days=20))
    if status in {"assigned", "decided"}:
        assigned_at = proposal.threshold_reached_at + timedelta(days=5)
        services.proposal_assign(proposal=proposal, actor=moderator, committee=committee, now=assigned_at)
    if status == "assigned":
        services.proposal_handling_record(
            proposal=proposal,
            actor=secretary,
            meeting_date=date.today() + timedelta(days=14),
            case_number="PN 2026-00412",
        )
    if status == "decided":
        decided_at = proposal.threshold_reached_at + timedelta(days=90)
        services.proposal_decide(
            proposal=proposal,
            actor=secretary,
            outcome=Outcome.PARTLY_APPROVED,
            decision_text=(
                "Park- och naturnämnden bifaller förslaget delvis: två ytor om sammanlagt 4 000 kvadratmeter "
                "görs om till äng under 2026. Övriga gräsytor behövs för lek och picknick."
            ),
            decision_date=decided_at.date(),
            meeting_date=decided_at.date(),
            case_number="PN 2025-01187",
            minutes_url="https://goteborg.se/wps/portal/start/kommun-o-politik/protokoll",
            now=decided_at,
        )
