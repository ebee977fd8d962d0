import pytest
from django.test import Client
from django.urls import path

from delaktig import urls as project_urls
from delaktig.core.errors import DomainError, RateLimitedError

SHOWN_MESSAGE = "Förslaget är redan stängt för röstning."


def raise_domain_error(request):
    raise DomainError(SHOWN_MESSAGE)


def raise_rate_limited(request):
    raise RateLimitedError("Vänta lite.", retry_after=30)


def raise_bug(request):
    raise RuntimeError("a bug, not the user's fault")


urlpatterns = [
    path("domain-error/", raise_domain_error),
    path("rate-limited/", raise_rate_limited),
    path("bug/", raise_bug),
]
urlpatterns += project_urls.urlpatterns  # the error pages link to the start page


@pytest.fixture
def error_urls(settings, db):
    settings.ROOT_URLCONF = __name__


def test_domain_error_becomes_a_friendly_400_with_its_message(client, error_urls):
    response = client.get("/domain-error/")
    assert response.status_code == 400
    assert SHOWN_MESSAGE in response.text
    assert "<main" in response.text


def test_rate_limited_error_becomes_a_429_with_retry_after(client, error_urls):
    response = client.get("/rate-limited/")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert "Vänta lite." in response.text


def test_unexpected_error_shows_the_bilingual_500_page(error_urls):
    client = Client(raise_request_exception=False)
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.text
    assert "Something went wrong on our side" in response.text
    assert "a bug" not in response.text
