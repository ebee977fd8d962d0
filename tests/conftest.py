import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Start every test in Swedish: a request in English leaves its language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with no cached page, fragment or allauth counter kept from another test."""
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def gothenburg(db):
    """Load the real city model: four areas, ten districts, the committees and the offices."""
    from delaktig.city.services import gothenburg_load

    gothenburg_load()


def pytest_collection_modifyitems(config, items):
    """Skip tests marked ``postgres`` when the suite runs on SQLite; they run in the PostgreSQL pass."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the PostgreSQL pass of `make test`")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
