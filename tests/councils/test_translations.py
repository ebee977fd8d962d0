"""The councils catalogue is the one shown: no entry is shadowed by the project's or an earlier app's catalogue.

Django merges catalogues so that LOCALE_PATHS and apps earlier in INSTALLED_APPS win; a councils string
whose msgid another catalogue translates differently needs a context (pgettext).
"""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

import delaktig.councils

CATALOGUE = Path(delaktig.councils.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.mo"


def _entries() -> list[tuple[str | None, str, str]]:
    with CATALOGUE.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    entries = []
    for key, text in catalog.items():
        if isinstance(key, tuple) or not key:
            continue  # plural forms are checked through their singular key; the header has no msgid
        context, _sep, msgid = key.rpartition("\x04")
        entries.append((context or None, msgid, text))
    return entries


def test_every_swedish_councils_translation_is_the_one_shown():
    with translation.override("sv"):
        shadowed = [
            (context, msgid, wanted, shown)
            for context, msgid, wanted in _entries()
            if wanted != (shown := translation.pgettext(context, msgid) if context else translation.gettext(msgid))
        ]
    assert shadowed == []


@pytest.mark.parametrize(("context", "msgid"), [("minutes status", "Published"), ("column of buttons", "Action")])
def test_clashing_words_have_a_context(context, msgid):
    assert (context, msgid) in {(context, msgid) for context, msgid, _text in _entries()}
