"""The PostgreSQL health check: no round trip while a kept connection is idle, and a dead one is replaced."""

import select

import pytest
from django.db import connection, connections

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kept():
    """A second connection to the test database, as a web process keeps one between requests."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_until_readable(wrapper, seconds: float = 10) -> None:
    """Wait for the server's message to reach the socket (an event, not a timed assertion)."""
    assert select.select([wrapper.connection.fileno()], [], [], seconds)[0], "the server sent nothing"


def test_an_idle_healthy_connection_is_usable_without_a_query(kept, monkeypatch):
    def no_round_trip(*args, **kwargs):
        raise AssertionError("the health check queried the server")

    monkeypatch.setattr(kept.connection, "cursor", no_round_trip)
    assert kept.is_usable()


def test_a_connection_the_server_ended_is_unusable_and_the_next_request_reconnects(kept):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid(kept)])
    wait_until_readable(kept)
    assert not kept.is_usable()
    kept.health_check_done = False  # a new request begins
    kept.close_if_health_check_failed()
    assert backend_pid(kept) > 0


def test_a_harmless_message_waiting_falls_back_to_the_full_check(kept):
    with kept.cursor() as cursor:
        cursor.execute("LISTEN delaktig_health")
    with connection.cursor() as cursor:
        cursor.execute("NOTIFY delaktig_health")
    wait_until_readable(kept)
    assert kept.is_usable()
    assert backend_pid(kept) > 0


def test_a_closed_connection_is_unusable(kept):
    kept.connection.close()
    assert not kept.is_usable()
