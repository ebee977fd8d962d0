"""Accounts in Chromium: log in by e-mail code and by test e-ID, the profile, data download, deletion,
and every allauth page we use, each checked with axe-core; plus the code login with JavaScript off."""

import json

import pytest
from allauth.account.models import EmailAddress

from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.accounts.services import person_verify_eid
from tests.accounts.helpers import eid_broker_providers, mailed_code
from tests.e2e.conftest import assert_accessible
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enter_mailed_code(page, mailoutbox, live_server) -> None:
    page.get_by_label("Kod").fill(mailed_code(mailoutbox))
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_url(f"{live_server.url}/konto/")


def test_signup_and_login_by_e_mail_code(live_server, page, console_errors, mailoutbox):
    page.goto(f"{live_server.url}/konto/signup/")
    page.get_by_label("E-post").fill("amira@example.se")
    page.get_by_role("button", name="Skapa konto").click()
    assert_accessible(page, "accounts-signup-code")
    enter_mailed_code(page, mailoutbox, live_server)
    assert Person.objects.get(user__email="amira@example.se").verification_level == Person.Level.EMAIL

    page.get_by_role("button", name="Logga ut").click()
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("Din e-postadress").fill("amira@example.se")
    page.get_by_role("button", name="Skicka en kod till mig").click()
    assert_accessible(page, "accounts-login-code")
    enter_mailed_code(page, mailoutbox, live_server)
    assert_accessible(page, "accounts-profile-email")
    page.goto(f"{live_server.url}/konto/email/")
    assert_accessible(page, "accounts-email-addresses")
    assert console_errors == []


def test_login_by_code_works_without_javascript(live_server, nojs_page, mailoutbox):
    user = User.objects.create_user(email="utan-js@example.se")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    nojs_page.goto(f"{live_server.url}/konto/login/")
    nojs_page.get_by_label("Din e-postadress").fill(user.email)
    nojs_page.get_by_role("button", name="Skicka en kod till mig").click()
    enter_mailed_code(nojs_page, mailoutbox, live_server)
    assert nojs_page.get_by_role("heading", name="Mitt konto").is_visible()


def test_test_e_id_login_then_data_download_and_deletion(live_server, page, console_errors):
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_role("link", name="Logga in med test-e-legitimation (demo)").click()
    assert_accessible(page, "accounts-test-eid")
    page.get_by_label("Erik Testsson").check()
    page.get_by_role("button", name="Logga in som den här testpersonen").click()
    page.wait_for_url(f"{live_server.url}/konto/")
    assert page.get_by_text("Verifierad med e-legitimation").is_visible()
    assert_accessible(page, "accounts-profile-eid")

    page.get_by_role("link", name="Ladda ner dina uppgifter").click()
    assert_accessible(page, "accounts-personal-data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner mina uppgifter").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["person"]["birth_year"] == 1990 and "199001012393" not in json.dumps(data)

    page.goto(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Radera ditt konto").click()
    assert_accessible(page, "accounts-delete")
    page.get_by_label("Jag förstår att mitt konto raderas").check()
    page.get_by_role("button", name="Radera mitt konto").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Ditt konto är raderat").is_visible()
    assert User.objects.get().deleted_at is not None
    assert console_errors == []


def test_e_id_refusal_logout_and_password_pages(live_server, page, console_errors):
    person_verify_eid(number="199001012393", provider="test-eid", actor=None)
    page.goto(f"{live_server.url}/konto/test-e-legitimation/")
    page.get_by_label("Anna Testsson").check()
    page.get_by_role("button", name="Logga in som den här testpersonen").click()
    page.wait_for_url(f"{live_server.url}/konto/")
    page.goto(f"{live_server.url}/konto/test-e-legitimation/")
    page.get_by_label("Erik Testsson").check()
    page.get_by_role("button", name="Logga in som den här testpersonen").click()
    assert page.get_by_text("redan bekräftat på ett annat konto").is_visible()
    assert_accessible(page, "accounts-eid-refused")
    page.goto(f"{live_server.url}/konto/logout/")
    assert_accessible(page, "accounts-logout")
    page.get_by_role("main").get_by_role("button", name="Logga ut").click()
    page.goto(f"{live_server.url}/konto/password/reset/")
    assert_accessible(page, "accounts-password-reset")
    assert console_errors == ["Failed to load resource: the server responded with a status of 409 (Conflict)"]


def test_administrator_gives_a_role_on_an_accessible_page(live_server, page, console_errors, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    admin = user_with_role(RoleAssignment.Role.ADMINISTRATOR, email="admin@example.se")
    admin.set_password("ett-langt-losenord")
    admin.save()
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    User.objects.create_user(email="ny-handlaggare@example.se")
    page.goto(f"{live_server.url}/konto/login/")
    page.locator("#id_login").fill(admin.email)
    page.locator("#id_password").fill("ett-langt-losenord")
    page.get_by_role("button", name="Logga in", exact=True).last.click()
    page.wait_for_url(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Roller för personal").click()
    page.get_by_label("Kontots e-postadress").fill("ny-handlaggare@example.se")
    page.locator("#id_role").select_option("moderator")
    page.get_by_role("button", name="Ge rollen").click()
    assert page.get_by_text("Rollen är given.").is_visible()
    assert_accessible(page, "accounts-roles")
    assert console_errors == []


def test_e_id_broker_and_password_pages_are_accessible(live_server, page, console_errors, settings):
    settings.SOCIALACCOUNT_PROVIDERS = eid_broker_providers()
    pages = {
        "accounts-eid-confirm": "/konto/oidc/eid/login/",
        "accounts-eid-error": "/konto/oidc/eid/login/callback/?error=server_error&state=x",
        "accounts-request-code": "/konto/login/code/",
        "accounts-password-reset-done": "/konto/password/reset/done/",
        "accounts-login-en": "/konto/login/",
    }
    for name, path in pages.items():
        if name.endswith("-en"):
            page.get_by_role("button", name="In English").click()
        page.goto(live_server.url + path)
        assert_accessible(page, name)
    assert page.get_by_role("button", name="Log in with e-legitimation").is_visible()
    assert console_errors == ["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]
