import pytest
from django.urls import reverse

from delaktig.city.hub import HubSection, hub_sections, register_hub_section, unregister_hub_section
from delaktig.city.models import Area


def test_home_names_the_four_areas_and_links_their_hubs(client, gothenburg, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200
    for area in Area.objects.all():
        assert area.name in response.text
        assert f'href="{area.get_absolute_url()}"' in response.text


def test_home_query_count_is_pinned(client, gothenburg, django_assert_num_queries):
    # Areas with districts (2) and the area navigation (1), however many districts there are.
    with django_assert_num_queries(3):
        client.get("/")


def test_hub_lists_districts_committees_and_office(client, gothenburg):
    response = client.get(reverse("city:area", kwargs={"slug": "nordost"}))
    assert response.status_code == 200
    for text in [
        "Angered",
        "Östra Göteborg",
        "Socialnämnden Nordost",
        "Kulturnämnden",
        "Medborgarkontor Angered",
    ]:
        assert text in response.text
    assert "Socialnämnden Hisingen" not in response.text


def test_hub_query_count_is_pinned(client, gothenburg, django_assert_num_queries):
    # Area, districts, offices, opening hours, committees, area navigation; open proposals (1); coming events (1);
    # democracy initiatives (1); local councils (1).
    with django_assert_num_queries(10):
        client.get(reverse("city:area", kwargs={"slug": "centrum"}))


def test_unknown_area_slug_is_a_friendly_404(client, gothenburg):
    response = client.get("/omraden/atlantis/")
    assert response.status_code == 404
    assert "Vi hittar inte sidan" in response.text


@pytest.fixture
def demo_section():
    register_hub_section(
        HubSection(
            key="demo",
            title="Demo",
            template="city/test_section.html",
            items=lambda area: [area.name],
            order=1,
        )
    )
    yield
    unregister_hub_section("demo")


def test_apps_attach_sections_to_the_hub_through_the_hook(client, gothenburg, demo_section, settings, tmp_path):
    (tmp_path / "city").mkdir()
    (tmp_path / "city" / "test_section.html").write_text("<p>Section for {{ items.0 }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    response = client.get("/omraden/hisingen/")
    assert "Section for Hisingen" in response.text
    first_section, _items = hub_sections(Area.objects.get(slug="hisingen"))[0]
    assert first_section.key == "demo"


def test_english_is_available(client, gothenburg):
    client.post("/sprak/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en">' in response.text
    assert "The four city areas" in response.text


def test_swedish_is_the_default(client, gothenburg):
    response = client.get("/")
    assert '<html lang="sv">' in response.text
    assert "De fyra stadsområdena" in response.text
