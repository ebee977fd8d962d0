"""Council pages in Chromium: zero axe-core violations, the public pages and staff forms without JavaScript."""

import datetime

import pytest

from delaktig.accounts.models import RoleAssignment
from delaktig.city.models import Committee
from delaktig.councils import services
from delaktig.councils.models import Council, Member
from tests.councils.factories import TERM, island, o_dialogen
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_events_pages import log_in
from tests.events.factories import in_days
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(gothenburg):
    council = o_dialogen()
    for name, place in [("Anna Öbo", "Vrångö"), ("Bo Öbo", "Vrångö"), ("Cia Öbo", "Vrångö"), ("Dan Öbo", "Donsö")]:
        services.member_add(
            council=council,
            name=name,
            role=Member.Role.REPRESENTATIVE,
            constituency=island(council, place),
            **TERM,
            actor=None,
        )
    past = services.meeting_create(
        council=council, starts_at=in_days(-20, 18), ends_at=in_days(-20, 20), place="Donsö kyrka", actor=None
    )
    services.agenda_item_add(meeting=past, title="Färjetrafiken", actor=None)
    services.minutes_save_draft(meeting=past, text="§ 1 Mötet öppnas.\n\n§ 2 Färjetrafiken.", actor=None)
    services.minutes_approve(meeting=past, approved_by="Anna Öbo", actor=None)
    services.minutes_publish(meeting=past, actor=None)
    services.meeting_create(
        council=council, starts_at=in_days(20, 18), ends_at=in_days(20, 20), place="Styrsö skola", actor=None
    )
    answered = services.matter_raise(council=council, meeting=past, title="Fler kvällsturer", actor=None)
    services.matter_forward(
        matter=answered,
        committee=Committee.objects.get(slug="trafiknamnden"),
        answer_due=in_days(10).date(),
        actor=None,
    )
    services.matter_answer(matter=answered, answer="En extra tur läggs till på fredagar.", actor=None)
    late = services.matter_raise(council=council, meeting=past, title="Parkering vid Saltholmen", actor=None)
    services.matter_forward(
        matter=late, department="Stadsmiljöförvaltningen", answer_due=in_days(-2).date(), actor=None
    )
    return council


def test_public_council_pages_have_no_axe_violations(live_server, page, council):
    meeting = council.meetings.order_by("starts_at").first()
    for name, path in [
        ("councils", "/lokala-rad/"),
        ("councils-sydvast", "/lokala-rad/omrade/sydvast/"),
        ("council-detail", council.get_absolute_url()),
        ("council-meeting", meeting.get_absolute_url()),
        ("hub-sydvast-with-councils", "/omraden/sydvast/"),
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page, name)


def test_council_page_shows_minutes_and_answers_without_javascript(live_server, nojs_page, council):
    nojs_page.goto(live_server.url + council.get_absolute_url())
    assert "En extra tur läggs till på fredagar." in nojs_page.content()
    nojs_page.goto(live_server.url + council.meetings.order_by("starts_at").first().get_absolute_url())
    assert "§ 2 Färjetrafiken." in nojs_page.content()


def test_administrator_is_refused_a_fourth_islander_with_a_clear_message(live_server, page, council):
    administrator = user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR)
    services.council_administrator_add(council=council, user=administrator, actor=None)
    log_in(page, live_server, administrator)
    page.goto(live_server.url + "/lokala-rad/hantera/")
    assert "Parkering vid Saltholmen" in page.content()
    assert_accessible(page, "councils-staff-home")
    page.goto(live_server.url + f"/lokala-rad/{council.slug}/hantera/ledamot/")
    page.get_by_label("Namn").fill("Erik Öbo")
    page.get_by_label("Företräder").select_option(label="Vrångö")
    page.get_by_label("Mandatperioden börjar").fill(TERM["term_start"].isoformat())
    page.get_by_label("Mandatperioden slutar").fill(datetime.date(2027, 6, 30).isoformat())
    page.get_by_role("button", name="Spara").click()
    assert "Vrångö har redan 3 representanter" in page.content()
    assert not council.members.filter(name="Erik Öbo").exists()
    assert_accessible(page, "council-member-refused")
    meeting = council.meetings.order_by("starts_at").last()
    for name, path in [
        ("council-manage", f"/lokala-rad/{council.slug}/hantera/"),
        ("council-meeting-manage", f"/lokala-rad/{council.slug}/hantera/mote/{meeting.pk}/"),
        ("council-matter-manage", f"/lokala-rad/{council.slug}/hantera/arende/{council.matters.first().pk}/"),
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page, name)


def test_officer_pages_to_create_a_council_and_choose_administrators_are_accessible(live_server, page, council):
    log_in(page, live_server, user_with_role(RoleAssignment.Role.ADMINISTRATOR))
    user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR, email="rad.admin@goteborg.se")
    page.goto(live_server.url + "/lokala-rad/")
    page.get_by_role("link", name="Nytt lokalt råd").click()
    assert_accessible(page, "council-create")
    page.get_by_label("Namn:", exact=True).fill(council.name)
    page.get_by_role("button", name="Skapa rådet").click()
    assert "Det finns redan ett råd med det namnet." in page.content()
    assert_accessible(page, "council-create-refused")
    page.goto(live_server.url + f"/lokala-rad/{council.slug}/hantera/")
    page.get_by_role("link", name="Administratörer").click()
    assert_accessible(page, "council-administrators")
    page.get_by_label("Kontots e-postadress").fill("finns.inte@goteborg.se")
    page.get_by_role("button", name="Lägg till administratören").click()
    assert "Inget konto har den e-postadressen." in page.content()
    assert_accessible(page, "council-administrators-refused")


def test_officer_creates_a_council_and_its_administrator_without_javascript(live_server, nojs_page, gothenburg):
    administrator = user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR, email="rad.admin@goteborg.se")
    log_in(nojs_page, live_server, user_with_role(RoleAssignment.Role.ADMINISTRATOR))
    nojs_page.goto(live_server.url + "/lokala-rad/hantera/nytt-rad/")
    nojs_page.get_by_label("Namn:", exact=True).fill("Pensionärsrådet i Centrum")
    nojs_page.get_by_label("Typ").select_option(label="Pensionärsråd")
    nojs_page.get_by_label("Stadsområde:").select_option(label="Centrum")
    nojs_page.get_by_label("Ansvarig nämnd").select_option(label="Äldre samt vård- och omsorgsnämnden")
    nojs_page.get_by_label("Syfte").fill("Pensionärer i Centrum ger råd till nämnden.")
    nojs_page.get_by_role("button", name="Skapa rådet").click()
    assert "Rådet är skapat. Välj nu vem som ska administrera det." in nojs_page.content()
    nojs_page.get_by_label("Kontots e-postadress").fill("rad.admin@goteborg.se")
    nojs_page.get_by_role("button", name="Lägg till administratören").click()
    assert "Administratören är tillagd." in nojs_page.content()
    council = Council.objects.get(slug="pensionarsradet-i-centrum")
    assert list(council.administrators.all()) == [administrator]
    nojs_page.get_by_role("button", name="Ta bort rad.admin@goteborg.se").click()
    assert "Administratören är borttagen." in nojs_page.content()
    assert not council.administrators.exists()
