import datetime

import pytest
from django.urls import reverse

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Area, Committee
from delaktig.core.models import AuditEvent
from delaktig.councils import services
from delaktig.councils.models import Council, Matter, Meeting, Member, Minutes
from tests.councils.factories import island, o_dialogen
from tests.events.factories import in_days, login
from tests.factories import user_with_role, verified_user

pytestmark = pytest.mark.usefixtures("gothenburg")
Role = RoleAssignment.Role


@pytest.fixture
def council():
    return o_dialogen()


@pytest.fixture
def admin_client(client, council):
    user = user_with_role(Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=council, user=user, actor=None)
    login(client, user)
    return client


def _meeting(council, days=10):
    return services.meeting_create(
        council=council, starts_at=in_days(days, 18), ends_at=in_days(days, 20), place="Vrångö bygdegård", actor=None
    )


def _published_meeting(council):
    meeting = _meeting(council, days=-30)
    services.agenda_item_add(meeting=meeting, title="Färjetrafiken", actor=None)
    services.minutes_save_draft(meeting=meeting, text="§ 3 Färjetrafiken diskuterades.", actor=None)
    services.minutes_approve(meeting=meeting, approved_by="Anna Andersson", actor=None)
    services.minutes_publish(meeting=meeting, actor=None)
    return meeting


def test_city_and_area_lists_show_the_council(client, council):
    for url in [reverse("councils:list"), reverse("councils:area_list", kwargs={"area_slug": "sydvast"})]:
        response = client.get(url)
        assert council.name in response.text
    assert council.name not in client.get(reverse("councils:area_list", kwargs={"area_slug": "hisingen"})).text


def test_council_list_query_count_is_pinned(client, council, django_assert_num_queries):
    o_dialogen(slug="andra")
    # Councils with counts and next meeting (1), area navigation (1).
    with django_assert_num_queries(2):
        client.get(reverse("councils:list"))


def test_detail_shows_members_rulebook_published_minutes_and_answers(client, council):
    services.member_add(
        council=council,
        name="Anna Andersson",
        role=Member.Role.CHAIR,
        constituency=island(council, "Styrsö"),
        term_start=datetime.date(2025, 1, 1),
        term_end=in_days(365).date(),
        actor=None,
    )
    former = services.member_add(
        council=council,
        name="Gunnar Förre",
        role=Member.Role.REPRESENTATIVE,
        constituency=island(council, "Donsö"),
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2025, 1, 1),
        actor=None,
    )
    meeting = _published_meeting(council)
    draft = _meeting(council)
    services.minutes_save_draft(meeting=draft, text="Hemligt utkast", actor=None)
    matter = services.matter_raise(council=council, meeting=meeting, title="Fler turer med färjan", actor=None)
    services.matter_forward(
        matter=matter, committee=Committee.objects.get(slug="trafiknamnden"), answer_due=in_days(30).date(), actor=None
    )
    services.matter_answer(matter=matter, answer="Turlistan utökas från mars.", actor=None)
    response = client.get(council.get_absolute_url())
    assert response.status_code == 200
    for text in [
        "Anna Andersson",
        former.name,
        "Version 1",
        "SN SV 2022-03-15 § 12",
        "Fler turer med färjan",
        "Turlistan utökas från mars.",
        "Trafiknämnden",
        "Rådgivande",
        '#minutes">Publicerat</a>',
    ]:
        assert text in response.text, text
    assert "Hemligt utkast" not in response.text
    meeting_page = client.get(meeting.get_absolute_url())
    assert "§ 3 Färjetrafiken diskuterades." in meeting_page.text
    assert "Hemligt utkast" not in client.get(draft.get_absolute_url()).text


def test_detail_query_count_is_pinned(client, council, django_assert_num_queries):
    _published_meeting(council)
    _meeting(council)
    services.matter_raise(council=council, title="Fråga", actor=None)
    # Council, rulebooks, members, meetings (with event and minutes), agenda items, matters, constituencies,
    # area navigation.
    with django_assert_num_queries(8):
        client.get(council.get_absolute_url())


def test_unknown_council_and_meeting_are_404(client, council):
    assert client.get(reverse("councils:detail", kwargs={"slug": "finns-inte"})).status_code == 404
    assert client.get(reverse("councils:meeting", kwargs={"slug": council.slug, "pk": 999})).status_code == 404


def test_hub_shows_the_area_councils(client, council):
    assert council.name in client.get(reverse("city:area", kwargs={"slug": "sydvast"})).text


def test_administrator_adds_members_until_the_limit_and_gets_a_clear_message(admin_client, council):
    url = reverse("councils:member_add", kwargs={"slug": council.slug})
    vrango = island(council, "Vrångö").pk
    data = {
        "kind": "resident",
        "role": "representative",
        "constituency": vrango,
        "term_start": "2026-01-01",
        "term_end": "2027-12-31",
    }
    for name in ["Anna", "Bo", "Cia"]:
        assert admin_client.post(url, {**data, "name": name}).status_code == 302
    response = admin_client.post(url, {**data, "name": "Dan"})
    assert response.status_code == 400
    assert "Vrångö har redan 3 representanter" in response.text
    assert not council.members.filter(name="Dan").exists()


def test_overlapping_meeting_gets_a_clear_message_and_nothing_changes(admin_client, council):
    _meeting(council)
    url = reverse("councils:meeting_add", kwargs={"slug": council.slug})
    data = {
        "starts_at": in_days(10, 19).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": in_days(10, 21).strftime("%Y-%m-%dT%H:%M"),
        "place": "Styrsö",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "Rådet har redan ett möte vid den tiden" in response.text
    assert Meeting.objects.count() == 1


def test_meeting_page_runs_the_minutes_workflow(admin_client, council):
    meeting = _meeting(council)
    url = reverse("councils:meeting_manage", kwargs={"slug": council.slug, "pk": meeting.pk})
    assert admin_client.post(url, {"action": "agenda", "agenda-title": "Mötet öppnas"}).status_code == 302
    assert (
        admin_client.post(
            url,
            {"action": "document", "document-title": "Kallelse", "document-url": "https://goteborg.se/kallelse.pdf"},
        ).status_code
        == 302
    )
    assert admin_client.post(url, {"action": "minutes", "minutes-text": "§ 1 Mötet öppnas."}).status_code == 302
    assert admin_client.post(url, {"action": "publish"}).status_code == 400
    assert admin_client.post(url, {"action": "approve", "approve-approved_by": "Anna"}).status_code == 302
    assert admin_client.post(url, {"action": "publish"}).status_code == 302
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.PUBLISHED
    assert admin_client.post(url, {"action": "nonsense"}).status_code == 400


def test_matter_page_forwards_and_answers(admin_client, council):
    matter = services.matter_raise(council=council, title="Belysning vid bryggan", actor=None)
    url = reverse("councils:matter_manage", kwargs={"slug": council.slug, "pk": matter.pk})
    response = admin_client.post(url, {"action": "forward", "forward-answer_due": "2026-12-24"})
    assert response.status_code == 400 and "Ange nämnden eller förvaltningen" in response.text
    park = Committee.objects.get(slug="park-och-natur").pk
    assert (
        admin_client.post(
            url, {"action": "forward", "forward-committee": park, "forward-answer_due": "2026-12-24"}
        ).status_code
        == 302
    )
    assert admin_client.post(url, {"action": "answer", "answer-answer": "Lampor sätts upp i vår."}).status_code == 302
    assert Matter.objects.get(pk=matter.pk).status == Matter.Status.ANSWERED


def test_staff_home_lists_overdue_matters_of_own_councils_only(admin_client, council):
    mine = services.matter_raise(council=council, title="Min försenade fråga", actor=None)
    services.matter_forward(matter=mine, department="Trafikkontoret", answer_due=in_days(-3).date(), actor=None)
    other = o_dialogen(slug="annat-rad")
    theirs = services.matter_raise(council=other, title="Någon annans fråga", actor=None)
    services.matter_forward(matter=theirs, department="Trafikkontoret", answer_due=in_days(-3).date(), actor=None)
    response = admin_client.get(reverse("councils:staff"))
    assert "Min försenade fråga" in response.text
    assert "Någon annans fråga" not in response.text


def test_administrator_of_another_council_is_refused(client, council):
    other_admin = user_with_role(Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=o_dialogen(slug="annat-rad"), user=other_admin, actor=None)
    login(client, other_admin)
    assert client.get(reverse("councils:manage", kwargs={"slug": council.slug})).status_code == 403
    response = client.post(reverse("councils:matter_add", kwargs={"slug": council.slug}), {"title": "Intrång"})
    assert response.status_code == 403
    assert not Matter.objects.exists()


def test_resident_cannot_reach_staff_pages(client, council):
    login(client, verified_user())
    assert client.get(reverse("councils:staff")).status_code == 403
    assert client.get(reverse("councils:member_add", kwargs={"slug": council.slug})).status_code == 403
    assert client.get(reverse("councils:manage", kwargs={"slug": council.slug})).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, council):
    response = client.get(reverse("councils:manage", kwargs={"slug": council.slug}))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


STAFF_PAGES = ["councils:create", "councils:administrators"]
PAGE_TABLE = {"anonymous": 302, "resident": 403, Role.COUNCIL_ADMINISTRATOR: 403, Role.ADMINISTRATOR: 200}


def _staff_page_url(name: str, council) -> str:
    return reverse(name, kwargs={"slug": council.slug} if name == "councils:administrators" else {})


@pytest.mark.parametrize("role", PAGE_TABLE)
def test_only_administrators_create_councils_and_choose_their_administrators(client, council, role):
    if role == "resident":
        login(client, verified_user())
    elif role != "anonymous":
        user = user_with_role(role)
        if role == Role.COUNCIL_ADMINISTRATOR:
            services.council_administrator_add(council=council, user=user, actor=None)
        login(client, user)
    for name in STAFF_PAGES:
        assert client.get(_staff_page_url(name, council)).status_code == PAGE_TABLE[role]
        if role != Role.ADMINISTRATOR:
            assert client.post(_staff_page_url(name, council), {"name": "Intrång"}).status_code == PAGE_TABLE[role]
    assert Council.objects.count() == 1


@pytest.fixture
def officer_client(client):
    officer = user_with_role(Role.ADMINISTRATOR)
    login(client, officer)
    client.officer = officer
    return client


def _council_data(**overrides) -> dict:
    return {
        "name": "Ungdomsrådet i Angered",
        "kind": Council.Kind.YOUTH,
        "area": Area.objects.get(slug="nordost").pk,
        "committee": Committee.objects.get(slug="socialnamnd-nordost").pk,
        "purpose": "Unga i Angered ger råd till nämnden.",
        "slug": "",
        "constituencies": "Angered\n\nGunnared \n",
        **overrides,
    }


def test_officer_creates_a_council_then_adds_and_removes_its_administrator(officer_client):
    response = officer_client.post(reverse("councils:create"), _council_data())
    council = Council.objects.get(slug="ungdomsradet-i-angered")
    assert response.status_code == 302 and response.url == reverse("councils:administrators", args=[council.slug])
    assert [c.name for c in council.constituencies.all()] == ["Angered", "Gunnared"]
    assert AuditEvent.objects.get(verb="councils.council.create").actor == officer_client.officer
    admin = user_with_role(Role.COUNCIL_ADMINISTRATOR, email="Rad.Admin@goteborg.se")
    page = officer_client.get(response.url)
    assert 'value="Rad.Admin@goteborg.se"' in page.text and "Ingen är administratör för rådet än." in page.text
    added = officer_client.post(response.url, {"action": "add", "add-email": "rad.admin@GOTEBORG.se"}, follow=True)
    assert "Administratören är tillagd." in added.text and list(council.administrators.all()) == [admin]
    removed = officer_client.post(response.url, {"action": "remove", "remove-user": admin.pk}, follow=True)
    assert "Administratören är borttagen." in removed.text and not council.administrators.exists()
    verbs = AuditEvent.objects.filter(actor=officer_client.officer).values_list("verb", flat=True).order_by("pk")
    assert list(verbs) == ["councils.council.create", "councils.administrator.add", "councils.administrator.remove"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "", "kind": "", "purpose": ""}, "Detta fält måste fyllas i."),
        ({"name": "Ö-dialogen (o-dialogen)"}, "Det finns redan ett råd med det namnet."),
        ({"slug": "o-dialogen"}, "Ett annat råd har redan den webbadressen."),
        ({"slug": "ö dialog"}, "Använd bara bokstäverna a–z, siffror och bindestreck"),
        ({"slug": "hantera"}, "Den webbadressen används redan av tjänsten."),
        ({"name": "!!!"}, "Skriv ett kortnamn för webbadressen, till exempel o-dialogen."),
        ({"constituencies": "Angered\nAngered"}, "Angered står med två gånger."),
        ({"constituencies": "x" * 101}, "en valkrets har högst 100 tecken"),
        ({"committee": 999999, "area": "nordost"}, "Välj ett giltigt alternativ."),
        ({"kind": "parliament"}, "Välj ett giltigt alternativ."),
    ],
)
def test_bad_council_input_is_shown_on_the_form_and_nothing_is_created(officer_client, council, overrides, message):
    response = officer_client.post(reverse("councils:create"), _council_data(**overrides))
    assert response.status_code == 400
    assert message in response.text and 'class="error-summary"' in response.text
    assert (
        Council.objects.count() == 1
        and not AuditEvent.objects.filter(verb="councils.council.create").exclude(target_id=str(council.pk)).exists()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "add", "add-email": "finns.inte@example.se"}, "Inget konto har den e-postadressen."),
        ({"action": "add", "add-email": "inte en adress"}, "Fyll i en giltig e-postadress."),
        ({"action": "add", "add-email": "resident"}, "Personen måste först ha rollen rådsadministratör."),
        ({"action": "add", "add-email": "admin"}, "Personen är redan administratör för rådet."),
        ({"action": "remove", "remove-user": "resident"}, "Personen är inte administratör för rådet."),
        ({"action": "remove", "remove-user": "999999"}, "Personen är inte administratör för rådet."),
        ({"action": "remove", "remove-user": "x"}, "Personen är inte administratör för rådet."),
    ],
)
def test_bad_administrator_input_gets_a_clear_message_and_changes_nothing(officer_client, council, data, message):
    resident, admin = verified_user(), user_with_role(Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=council, user=admin, actor=None)
    people = {"resident": resident, "admin": admin}
    for key, value in data.items():
        if value in people:
            data[key] = people[value].email if key == "add-email" else people[value].pk
    response = officer_client.post(reverse("councils:administrators", args=[council.slug]), data)
    assert response.status_code == 400 and message in response.text
    assert list(council.administrators.all()) == [admin]
    assert not AuditEvent.objects.filter(actor=officer_client.officer).exists()


def test_unknown_action_and_council_are_refused(officer_client, council):
    url = reverse("councils:administrators", args=[council.slug])
    assert officer_client.post(url, {"action": "nonsense"}).status_code == 400
    assert officer_client.get(reverse("councils:administrators", args=["finns-inte"])).status_code == 404


def test_staff_find_the_new_pages_where_they_look(client, council):
    create_link, administrators_link = (
        reverse("councils:create"),
        reverse("councils:administrators", args=[council.slug]),
    )
    manage = reverse("councils:manage", args=[council.slug])
    admin = user_with_role(Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=council, user=admin, actor=None)
    login(client, admin)
    assert create_link not in client.get(reverse("councils:list")).text
    assert administrators_link not in client.get(manage).text
    login(client, user_with_role(Role.ADMINISTRATOR))
    for url in [reverse("councils:list"), reverse("councils:staff")]:
        assert create_link in client.get(url).text
    assert administrators_link in client.get(manage).text


def test_administrators_page_query_count_is_pinned(officer_client, council, django_assert_num_queries):
    for _index in range(3):
        services.council_administrator_add(council=council, user=user_with_role(Role.COUNCIL_ADMINISTRATOR), actor=None)
        user_with_role(Role.COUNCIL_ADMINISTRATOR)
    # Session, user, roles, council, area navigation, administrators (1), accounts that may be added (1).
    with django_assert_num_queries(7):
        officer_client.get(reverse("councils:administrators", args=[council.slug]))
