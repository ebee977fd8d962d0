"""Fixed-window rate limits: one counting statement per hit, exact under parallel connections."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import override_settings

from delaktig.core.errors import RateLimitedError
from delaktig.core.models import RateLimitCounter
from delaktig.core.ratelimit import rate_limit_counters_purge, rate_limit_hit, rate_limits_hit

pytestmark = pytest.mark.django_db
START = datetime(2026, 11, 27, 10, 0, 20, tzinfo=UTC)


def hits_allowed(count: int, *, key: str = "user-1", scope: str = "vote", rate: str = "3/m") -> int:
    allowed = 0
    for _hit in range(count):
        try:
            rate_limit_hit(scope=scope, key=key, rate=rate)
            allowed += 1
        except RateLimitedError:
            pass
    return allowed


def test_hits_past_the_limit_are_refused_until_the_window_ends():
    with time_machine.travel(START, tick=False):
        assert hits_allowed(3) == 3
        with pytest.raises(RateLimitedError) as error:
            rate_limit_hit(scope="vote", key="user-1", rate="3/m")
        assert error.value.status_code == 429
        assert error.value.retry_after == 40
    with time_machine.travel(START + timedelta(seconds=40), tick=False):
        assert hits_allowed(3) == 3


def test_keys_scopes_and_periods_are_counted_apart():
    with time_machine.travel(START, tick=False):
        assert hits_allowed(3, key="user-1") == 3
        assert hits_allowed(3, key="user-2") == 3
        assert hits_allowed(3, key="user-1", scope="comment") == 3
        assert hits_allowed(3, key="user-1", rate="3/h") == 3


def test_each_hit_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        rate_limit_hit(scope="vote", key="user-1", rate="3/m")


@override_settings(DELAKTIG_RATE_LIMITS_ENABLED=False)
def test_disabled_limits_count_nothing():
    assert hits_allowed(10) == 10
    assert not RateLimitCounter.objects.exists()


def test_purge_removes_only_ended_windows():
    with time_machine.travel(START, tick=False):
        rate_limit_hit(scope="vote", key="user-1", rate="3/m")
        rate_limit_hit(scope="vote", key="user-1", rate="3/d")
    assert rate_limit_counters_purge(now=START + timedelta(minutes=1)) == 1
    assert RateLimitCounter.objects.get().scope_key == "vote:86400:user-1"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_limit_holds_for_parallel_hits_on_their_own_connections():
    barrier = threading.Barrier(20)

    def hit(_index: int) -> bool:
        try:
            barrier.wait()
            rate_limit_hit(scope="vote-ip", key="127.0.0.1", rate="5/h")
            return True
        except RateLimitedError:
            return False
        finally:
            connection.close()

    with time_machine.travel(START, tick=False), ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(hit, range(20)))
    assert results.count(True) == 5
    assert RateLimitCounter.objects.get().count == 20


def test_several_limits_are_counted_in_one_statement_and_the_longest_wait_is_given(django_assert_num_queries):
    hits = [("vote", "user-1", "2/m"), ("vote", "user-1", "100/d"), ("vote-ip", "127.0.0.1", "2/h")]
    with time_machine.travel(START, tick=False):
        for _attempt in range(2):
            with django_assert_num_queries(1):
                rate_limits_hit(hits)
        with pytest.raises(RateLimitedError) as refused:
            rate_limits_hit(hits)
    assert refused.value.retry_after == 3580  # the hour window (ends 11:00), not the minute one
    assert RateLimitCounter.objects.get(scope_key="vote:86400:user-1").count == 3
