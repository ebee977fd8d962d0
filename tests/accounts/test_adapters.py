"""The e-ID adapter without a broker: allauth's own social-login flow fed with a broker's claims."""

import pytest
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from delaktig.accounts.models import Person, User
from tests.accounts.helpers import eid_broker_providers

pytestmark = pytest.mark.django_db
CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


@pytest.fixture
def broker(settings):
    settings.EID_PNR_CLAIM = CLAIM
    settings.SOCIALACCOUNT_PROVIDERS = eid_broker_providers()


def log_in_with_claims(claims: dict, user=None):
    request = RequestFactory().get("/konto/oidc/eid/login/callback/")
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    request._messages = FallbackStorage(request)
    with context.request_context(request):
        provider = get_adapter().get_provider(request, "eid")
        sociallogin = provider.sociallogin_from_response(request, {"id_token": {"sub": "abc", **claims}})
        sociallogin.state = {"process": "login"}
        return complete_social_login(request, sociallogin)


def test_a_broker_login_creates_an_e_id_account_without_keeping_the_claims(broker):
    answer = log_in_with_claims({CLAIM: "199001012393", "name": "Erik", "email": "erik@example.se"})
    assert answer.status_code == 302
    person = Person.objects.get()
    assert person.verification_level == Person.Level.EID and person.user.email is None
    account = SocialAccount.objects.get()
    assert account.extra_data == {} and account.uid not in {"abc", "199001012393"}


def test_a_broker_without_the_personnummer_claim_is_refused_with_a_message(broker):
    answer = log_in_with_claims({"name": "Erik"})
    assert answer.status_code == 400 and "skickade inget personnummer" in answer.content.decode()
    assert not User.objects.exists()


def test_a_login_below_the_required_assurance_level_is_refused(broker, settings):
    settings.EID_ACCEPTED_ACR = [LOA3]
    answer = log_in_with_claims({CLAIM: "199001012393", "acr": "http://id.elegnamnden.se/loa/1.0/loa2"})
    assert answer.status_code == 403 and "räcker inte" in answer.content.decode()
    assert not User.objects.exists()
    assert log_in_with_claims({CLAIM: "199001012393", "acr": LOA3}).status_code == 302
