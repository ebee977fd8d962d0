"""The e-ID login end to end: Delaktig against a real OpenID Connect provider, authorization-code flow."""

import logging

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.management import call_command

from delaktig.accounts.models import Person, User
from tests.accounts.helpers import eid_broker_providers
from tests.oidc.conftest import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "ett-langt-losenord-for-test"


def resident_with_password(email: str) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Person.objects.create(user=user, verification_level=Person.Level.EMAIL)
    return user


def browser_logged_in_as(live_server, user: User | None) -> requests.Session:
    browser = requests.Session()
    browser.get(f"{live_server.url}/konto/login/")
    if user is not None:
        form = {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        assert browser.post(f"{live_server.url}/konto/login/", data=form).url == f"{live_server.url}/konto/"
    return browser


def eid_login(live_server, browser: requests.Session) -> requests.Response:
    """Press the e-ID button: Delaktig redirects to the provider, which sends the browser back with a code."""
    return browser.post(
        f"{live_server.url}/konto/oidc/eid/login/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        timeout=30,
    )


def test_eid_through_a_real_provider_verifies_links_refuses_and_keeps_no_personnummer(
    live_server, oidc_provider, settings, caplog, tmp_path
):
    settings.SOCIALACCOUNT_PROVIDERS = eid_broker_providers(
        oidc_provider.issuer, client_id=CLIENT_ID, secret=CLIENT_SECRET
    )
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    caplog.set_level(logging.DEBUG)
    resident = resident_with_password("amira@example.se")
    browser = browser_logged_in_as(live_server, resident)
    assert "Logga in med e-legitimation" in browser.get(f"{live_server.url}/konto/").text

    answer = eid_login(live_server, browser)

    assert any(hop.url.startswith(f"{oidc_provider.issuer}/auth") for hop in answer.history)
    assert answer.url == f"{live_server.url}/konto/", (answer.url, answer.text[:500])
    resident.person.refresh_from_db()
    assert resident.person.verification_level == Person.Level.EID and resident.person.birth_year == 1990
    assert resident.person.eid_provider == "eid"

    # Logged out, the same e-ID reaches the same account.
    answer = eid_login(live_server, browser_logged_in_as(live_server, None))
    assert answer.url == f"{live_server.url}/konto/" and "amira@example.se" in answer.text
    assert User.objects.count() == 1

    # Someone else's account cannot take the same personnummer.
    other = resident_with_password("annan@example.se")
    answer = eid_login(live_server, browser_logged_in_as(live_server, other))
    assert answer.status_code == 409 and "redan bekräftat på ett annat konto" in answer.text
    other.person.refresh_from_db()
    assert other.person.verification_level == Person.Level.EMAIL

    number, ten_digits = oidc_provider.personnummer, oidc_provider.personnummer[2:]
    account = SocialAccount.objects.get()
    assert account.user == resident and account.uid != number and account.extra_data == {}
    dump = tmp_path / "everything.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    for form in (number, ten_digits, f"{ten_digits[:6]}-{ten_digits[6:]}"):
        assert form not in dump.read_text(), "the personnummer reached the database"
        assert form not in caplog.text, "the personnummer reached a log"
