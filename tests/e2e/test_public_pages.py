"""Every public page of the foundation opens in Chromium with zero axe-core violations."""

import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("home", "/"),
    ("hub-nordost", "/omraden/nordost/"),
    ("hub-centrum", "/omraden/centrum/"),
    ("hub-sydvast", "/omraden/sydvast/"),
    ("hub-hisingen", "/omraden/hisingen/"),
    ("committees", "/namnder/"),
    ("committee-democracy", "/namnder/demokrati-och-medborgarservice/"),
    ("offices", "/medborgarkontor/"),
    ("office-angered", "/medborgarkontor/angered/"),
    ("accessibility", "/tillganglighet/"),
    ("login", "/konto/login/"),
    ("signup", "/konto/signup/"),
]


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[name for name, _path in PUBLIC_PAGES])
def test_public_page_has_no_axe_violations(live_server, gothenburg, page, console_errors, name, path):
    page.goto(live_server.url + path)
    assert_accessible(page, name)
    assert console_errors == []


def test_not_found_page_has_no_axe_violations(live_server, gothenburg, page):
    response = page.goto(live_server.url + "/omraden/finns-inte/")
    assert response.status == 404
    assert_accessible(page, "not-found")


def test_pages_in_english_have_no_axe_violations(live_server, gothenburg, page):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="In English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "home-en")


def test_accessibility_report_works_without_javascript(live_server, gothenburg, nojs_page):
    nojs_page.goto(live_server.url + "/tillganglighet/")
    nojs_page.get_by_label("Vad är problemet").fill("Kartan saknar textalternativ.")
    nojs_page.get_by_role("button", name="Skicka rapporten").click()
    assert "Tack" in nojs_page.content()
