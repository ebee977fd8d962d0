"""The session store reads with plain SQL: a live session loads, an expired or unknown one starts afresh."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from delaktig.accounts.sessions import SessionStore


def saved_session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save(must_create=True)
    return store.session_key


def test_a_live_session_loads_its_data(db, django_assert_num_queries):
    key = saved_session(seen=True, language="sv")
    store = SessionStore(key)
    with django_assert_num_queries(1):
        assert store["seen"] is True and store["language"] == "sv"
    assert store.session_key == key


def test_an_expired_session_loads_empty_and_gets_a_new_key_when_saved(db):
    key = saved_session(seen=True)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        store = SessionStore(key)
        assert "seen" not in store
        store["new"] = 1
        store.save()
        assert store.session_key != key


def test_an_unknown_session_key_loads_empty(db):
    store = SessionStore("x" * 32)
    assert dict(store.items()) == {}
    assert store.session_key is None
