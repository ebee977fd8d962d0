"""Browser tests: Debian's Chromium driven by Playwright, pages checked with axe-core.

Missing Chromium skips these tests loudly on a laptop and fails them under CI=true.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API keeps an event loop running in this thread; the test database fixtures are
# still plain synchronous calls, so Django's async-safety guard would refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_executable() -> str | None:
    return os.environ.get("DELAKTIG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium): browser tests cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPED: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser):
    """A page with JavaScript off, to prove a flow works without it."""
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page, name: str) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the page, save a screenshot, and fail listing any violation."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"), full_page=True)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    details = [
        f"{violation['id']}: {violation['help']} -> {[node['target'] for node in violation['nodes']][:5]}"
        for violation in violations
    ]
    assert not violations, f"axe-core found violations on {name}:\n" + "\n".join(details)


@pytest.fixture
def console_errors(page):
    """Collect CSP violations and script errors reported by the browser console."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
