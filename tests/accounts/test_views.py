import json
import logging

import pytest
from allauth.account.models import EmailAddress
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

from delaktig.accounts import eid_test_provider
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.accounts.personnummer import WRONG_CHECK_DIGIT, WRONG_FORMAT
from delaktig.accounts.services import EID_NUMBER_ON_OTHER_ACCOUNT
from delaktig.city.models import Committee
from tests.accounts.helpers import eid_broker_providers, mailed_code
from tests.factories import UserFactory, user_with_role, verified_user

pytestmark = pytest.mark.django_db
TEST_EID = "/konto/test-e-legitimation/"
ERIK = "199001012393"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", ["Logga in", "Skicka en kod till mig", "Glömt lösenordet?"]), ("en", ["Send me a code", "Password"])],
)
def test_login_page_speaks_swedish_and_english(client, language, expected):
    client.cookies["django_language"] = language
    page = client.get(reverse("account_login")).content.decode()
    for text in expected:
        assert text in page
    assert 'action="/konto/login/code/"' in page and 'name="password"' in page


def test_signup_by_e_mail_code_confirms_the_person(client, mailoutbox):
    answer = client.post(reverse("account_signup"), {"email": "ny@example.se"}, follow=True)
    assert answer.status_code == 200
    answer = client.post(reverse("account_email_verification_sent"), {"code": mailed_code(mailoutbox)}, follow=True)
    user = User.objects.get(email="ny@example.se")
    assert answer.wsgi_request.user == user
    assert user.person.verification_level == Person.Level.EMAIL
    assert not user.has_usable_password()


def test_login_by_code_confirms_an_unconfirmed_address(client, mailoutbox):
    user = UserFactory(email="gammal@example.se")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.post(reverse("account_request_login_code"), {"email": user.email})
    answer = client.post(reverse("account_confirm_login_code"), {"code": mailed_code(mailoutbox)}, follow=True)
    assert answer.wsgi_request.user == user
    assert Person.objects.get(user=user).verification_level == Person.Level.EMAIL


def test_staff_log_in_with_a_password(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    staff = user_with_role(RoleAssignment.Role.MODERATOR, email="handlaggare@example.se")
    staff.set_password("ett-langt-losenord")
    staff.save()
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    answer = client.post(reverse("account_login"), {"login": staff.email, "password": "ett-langt-losenord"})
    assert answer.status_code == 302 and answer.url == reverse("accounts:profile")


def test_test_e_id_logs_a_new_person_in_verified_and_keeps_the_number_out_of_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    answer = client.post(TEST_EID, {"person": ERIK}, follow=True)
    assert answer.status_code == 200 and "Verifierad med e-legitimation" in answer.content.decode()
    person = Person.objects.get()
    assert person.verification_level == Person.Level.EID and person.eid_provider == eid_test_provider.PROVIDER_ID
    for form in (ERIK, ERIK[2:], "900101-2393"):
        assert form not in caplog.text


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("19900101239", WRONG_FORMAT),
        ("199001012394", WRONG_CHECK_DIGIT),
        ("1" * 500, "som mest 13 tecken"),
        ("199001011236", "Skatteverkets testpersonnummer"),  # a valid number outside the test series
        ("", "Välj en testperson"),
    ],
)
def test_test_e_id_refuses_bad_input_with_a_clear_400(client, other, message):
    answer = client.post(TEST_EID, {"other": other})
    assert answer.status_code == 400
    assert str(message) in answer.content.decode()
    assert not User.objects.exists()


def test_test_e_id_refuses_a_personnummer_already_on_another_account(client):
    client.post(TEST_EID, {"person": ERIK})
    client.force_login(verified_user())
    answer = client.post(TEST_EID, {"person": ERIK})
    assert answer.status_code == 409
    assert str(EID_NUMBER_ON_OTHER_ACCOUNT) in answer.content.decode()


def test_test_e_id_is_gone_when_switched_off(client, settings):
    settings.DELAKTIG_TEST_EID = False
    assert client.get(TEST_EID).status_code == 404


def test_system_check_refuses_the_test_e_id_in_production(settings):
    settings.DELAKTIG_ENV, settings.DELAKTIG_TEST_EID = "production", True
    assert "accounts.E001" in [message.id for message in run_checks()]


def test_system_check_refuses_a_broker_without_client_id(settings):
    settings.EID_OIDC_SERVER_URL = "https://broker.example.se"
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{"client_id": ""}]}}
    assert "accounts.E002" in [message.id for message in run_checks()]


def test_own_pages_need_a_login(client):
    for name in ["accounts:profile", "accounts:personal_data", "accounts:delete"]:
        answer = client.get(reverse(name))
        assert answer.status_code == 302 and answer.url.startswith(reverse("account_login"))


def test_data_download_is_a_json_file(client):
    user = verified_user(email="min@example.se")
    client.force_login(user)
    assert client.get(reverse("accounts:personal_data")).status_code == 200
    answer = client.post(reverse("accounts:personal_data"))
    assert answer["Content-Type"] == "application/json"
    assert answer["Content-Disposition"].startswith('attachment; filename="delaktig-mina-uppgifter-')
    assert json.loads(answer.content)["account"]["email"] == "min@example.se"


def test_data_download_is_rate_limited(client):
    client.force_login(verified_user())
    for _attempt in range(10):
        assert client.post(reverse("accounts:personal_data")).status_code == 200
    assert client.post(reverse("accounts:personal_data")).status_code == 429


def test_account_deletion_needs_the_confirmation_then_logs_out(client):
    user = verified_user(email="bort@example.se")
    client.force_login(user)
    assert client.post(reverse("accounts:delete"), {}).status_code == 400
    answer = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert answer.status_code == 302 and answer.url == reverse("home")
    user.refresh_from_db()
    assert user.deleted_at is not None and user.email is None
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_roles_page_is_for_administrators_only(client):
    client.force_login(verified_user())
    assert client.get(reverse("accounts:roles")).status_code == 403


def test_administrator_grants_and_revokes_a_role(client):
    committee = Committee.objects.create(slug="park-och-natur", name="Park- och naturnämnden")
    client.force_login(user_with_role(RoleAssignment.Role.ADMINISTRATOR))
    secretary = verified_user(email="sekreterare@example.se")
    form = {"email": "SEKRETERARE@example.se", "role": "committee_secretary", "committee": committee.pk}
    assert client.post(reverse("accounts:roles"), form).status_code == 302
    assignment = secretary.roles.get()
    assert assignment.committee == committee
    assert client.post(reverse("accounts:role_remove", args=[assignment.pk])).status_code == 302
    assert not secretary.roles.exists()


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"email": "finns-inte@example.se", "role": "moderator"}, "Inget konto har den här e-postadressen."),
        ({"email": "x@example.se", "role": "committee_secretary"}, "måste ange nämnden"),
        ({"email": "x@example.se", "role": "king"}, "king"),
        ({"email": "x" * 300 + "@example.se", "role": "moderator"}, "som mest 254 tecken"),
    ],
)
def test_bad_role_forms_get_a_clear_400(client, form, message):
    verified_user(email="x@example.se")
    client.force_login(user_with_role(RoleAssignment.Role.ADMINISTRATOR))
    answer = client.post(reverse("accounts:roles"), form)
    assert answer.status_code == 400 and message in answer.content.decode()
    assert not RoleAssignment.objects.filter(user__email="x@example.se").exists()


@pytest.mark.parametrize(
    "path", [TEST_EID, "/konto/radera/", "/konto/mina-uppgifter/", "/konto/login/", "/konto/roller/"]
)
def test_posts_without_csrf_token_are_refused_with_403(path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_with_role(RoleAssignment.Role.ADMINISTRATOR))
    answer = client.post(path, {"person": ERIK, "confirm": "on"})
    assert answer.status_code == 403
    assert not Person.objects.filter(verification_level=Person.Level.EID).exists()
    assert User.objects.filter(deleted_at__isnull=True).count() == 1


ALLAUTH_PAGES = {
    # path: (Swedish words, English words) that allauth's or our catalogue must supply
    "/konto/signup/": (["Skapa konto", "E-post"], ["Sign Up", "Email"]),
    "/konto/password/reset/": (["Återställning av lösenord"], ["Password Reset"]),
    "/konto/login/code/": (["Skicka mig en inloggningskod"], ["Send me a sign-in code"]),
}


@pytest.mark.parametrize("path", sorted(ALLAUTH_PAGES))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_allauth_pages_render_in_our_layout_in_both_languages(client, path, language):
    client.cookies["django_language"] = language
    page = client.get(path).content.decode()
    swedish, english = ALLAUTH_PAGES[path]
    assert f'<html lang="{language}">' in page and 'class="skip-link"' in page
    for word in swedish if language == "sv" else english:
        assert word in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_own_pages_render_in_both_languages(client, language):
    client.cookies["django_language"] = language
    client.force_login(verified_user())
    expected = {"sv": ["Ladda ner dina uppgifter", "Radera ditt konto"], "en": ["Download your data", "Delete"]}
    for path in ["/konto/", "/konto/mina-uppgifter/", "/konto/radera/", TEST_EID, "/konto/email/", "/konto/logout/"]:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert f'<html lang="{language}">' in answer.content.decode()
    assert all(word in client.get("/konto/").content.decode() for word in expected[language])


@pytest.fixture
def eid_broker(settings):
    settings.SOCIALACCOUNT_PROVIDERS = eid_broker_providers()


def test_e_id_button_posts_straight_to_the_broker_login(client, eid_broker):
    page = client.get(reverse("account_login")).content.decode()
    assert 'action="/konto/oidc/eid/login/?process=login"' in page


def test_e_id_confirmation_and_error_pages_are_in_our_layout(client, eid_broker):
    confirm = client.get("/konto/oidc/eid/login/")
    assert confirm.status_code == 200 and 'class="skip-link"' in confirm.content.decode()
    error = client.get("/konto/oidc/eid/login/callback/?error=server_error&state=okänt")
    page = error.content.decode()
    assert 'class="skip-link"' in page and "Inloggningen med e-legitimation fungerade inte" in page
    cancelled = client.get("/konto/oidc/eid/login/callback/?error=access_denied&state=okänt")
    assert "Inloggningen med e-legitimation fungerade inte" in cancelled.content.decode()


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/konto/signup/", {"email": "x" * 300 + "@example.se"}),
        ("/konto/signup/", {"email": "inte-en-adress"}),
        ("/konto/login/", {"login": "admin@example.se", "password": ""}),
        ("/konto/login/code/", {"email": "x" * 400}),
        ("/konto/password/reset/", {"email": "@"}),
    ],
)
def test_allauth_forms_refuse_bad_input_with_400_and_a_message(client, path, form):
    answer = client.post(path, form)
    assert answer.status_code == 400
    assert 'class="error-summary"' in answer.content.decode()
    assert not User.objects.exists()


def test_a_wrong_login_code_is_refused_with_400(client, mailoutbox):
    user = UserFactory(email="kod@example.se")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post(reverse("account_request_login_code"), {"email": user.email})
    answer = client.post(reverse("account_confirm_login_code"), {"code": "FEL0-FEL0"})
    assert answer.status_code == 400 and 'class="error-summary"' in answer.content.decode()


def test_an_e_id_only_resident_can_add_an_e_mail_address(client, mailoutbox):
    client.post(TEST_EID, {"person": ERIK})
    assert "Lägg till en e-postadress" in client.get("/konto/").content.decode()
    answer = client.post("/konto/email/", {"action_add": "", "email": "erik@example.se"})
    assert answer.status_code == 302
    client.post(reverse("account_email_verification_sent"), {"code": mailed_code(mailoutbox)})
    assert EmailAddress.objects.get(email="erik@example.se").verified
    assert Person.objects.get().verification_level == Person.Level.EID


def test_profile_page_query_count_is_pinned(client, django_assert_num_queries):
    user = user_with_role(RoleAssignment.Role.COMMITTEE_SECRETARY, Committee.objects.create(slug="k", name="K"))
    client.force_login(user)
    # session, user, person, nav areas, e-ID apps, roles with committees, role rules
    with django_assert_num_queries(7):
        assert client.get("/konto/").status_code == 200
