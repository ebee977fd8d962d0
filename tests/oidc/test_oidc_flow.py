"""The e-ID login end to end: Delaktig against a real OpenID Connect provider, authorization-code flow."""

import logging

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.core.management import call_command

from delaktig.accounts.models import Person
from tests.oidc.conftest import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.django_db(transaction=True)


def eid_broker_settings(issuer: str) -> dict:
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "eid",
                    "name": "e-legitimation",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": issuer, "token_auth_method": "client_secret_basic"},
                }
            ],
        }
    }


def test_eid_login_runs_the_authorization_code_flow_and_keeps_no_personnummer(
    live_server, oidc_provider, settings, caplog, tmp_path
):
    settings.SOCIALACCOUNT_PROVIDERS = eid_broker_settings(oidc_provider.issuer)
    caplog.set_level(logging.DEBUG)
    browser = requests.Session()
    login_page = browser.get(f"{live_server.url}/konto/login/")
    assert "e-legitimation" in login_page.text

    answer = browser.post(
        f"{live_server.url}/konto/oidc/eid/login/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        timeout=30,
    )

    hops = [hop.url for hop in answer.history]
    assert any(url.startswith(f"{oidc_provider.issuer}/auth") for url in hops), hops
    assert answer.status_code == 200 and answer.url == f"{live_server.url}/konto/", (answer.url, answer.text[:500])
    person = Person.objects.get()
    assert person.verification_level == Person.Level.EID
    assert person.birth_year == 1990
    assert person.eid_provider == "eid"
    number, ten_digits = oidc_provider.personnummer, oidc_provider.personnummer[2:]
    account = SocialAccount.objects.get()
    assert account.uid != number and account.extra_data == {}
    dump = tmp_path / "everything.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    for form in (number, ten_digits, f"{ten_digits[:6]}-{ten_digits[6:]}"):
        assert form not in dump.read_text(), "the personnummer reached the database"
        assert form not in caplog.text, "the personnummer reached a log"
