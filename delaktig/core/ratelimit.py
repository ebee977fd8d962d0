"""Fixed-window rate limits counted in the database, shared by every web process.

A limit is written as in the settings, ``"5/h"``: at most 5 actions per hour per key. Each hit is one
upsert on ``RateLimitCounter`` (PostgreSQL, or SQLite 3.35+ for RETURNING); the database cache did the
same with about eleven queries.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delaktig.core.errors import RateLimitedError
from delaktig.core.models import RateLimitCounter

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
TOO_MANY = _("You have done this too many times in a short while. Please wait a little and try again.")


def parse_rate(rate: str) -> tuple[int, int]:
    """Turn ``"5/h"`` into ``(5, 3600)``; fail at start-up on a malformed setting."""
    count, _slash, unit = rate.partition("/")
    if not count.isdigit() or unit not in PERIODS:
        raise ImproperlyConfigured(f"A rate limit looks like '5/h' (units s, m, h, d), got {rate!r}")
    return int(count), PERIODS[unit]


def client_ip(request) -> str:
    """Return the client's address, trusting X-Forwarded-For only for the configured proxy hops."""
    hops = getattr(settings, "DELAKTIG_PROXY_HOPS", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit_hit(*, scope: str, key: str, rate: str) -> None:
    """Count one action for ``key`` in ``scope`` and raise ``RateLimitedError`` past the limit."""
    rate_limits_hit([(scope, key, rate)])


def rate_limits_hit(hits: list[tuple[str, str, str]]) -> None:
    """Count one action against each ``(scope, key, rate)`` in one statement; raise past any limit.

    Call it outside the service's transaction (views do): in autocommit the counter rows are locked only
    for their own statement, so a per-address counter shared by many voters never waits on a vote, and
    an action the service then refuses still counts against the limit.
    """
    if not settings.DELAKTIG_RATE_LIMITS_ENABLED or not hits:
        return
    now = time.time()
    windows = {}
    for scope, key, rate in hits:
        limit, period = parse_rate(rate)
        windows[f"{scope}:{period}:{key}"] = (limit, datetime.fromtimestamp((now // period + 1) * period, UTC))
    counts = _count({scope_key: ends_at for scope_key, (_limit, ends_at) in windows.items()})
    exceeded = [ends_at for scope_key, (limit, ends_at) in windows.items() if counts[scope_key] > limit]
    if exceeded:
        raise RateLimitedError(TOO_MANY, retry_after=max(1, int(max(exceeded).timestamp() - now)))


def _count(windows: dict[str, datetime]) -> dict[str, int]:
    """Add one to each window's counter and return the new counts, in one atomic statement (an upsert)."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    rows = ", ".join(["(%s, %s, 1)"] * len(windows))
    params = [value for scope_key, ends_at in windows.items() for value in (scope_key, _adapt(ends_at))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope_key, window_ends_at, count) VALUES {rows} "
            f"ON CONFLICT (scope_key, window_ends_at) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING scope_key, count",
            params,
        )
        return dict(cursor.fetchall())


def _adapt(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def rate_limit_counters_purge(*, now: datetime | None = None) -> int:
    """Delete the counters of windows that have ended (run by the hourly upkeep); return how many."""
    deleted, _by_model = RateLimitCounter.objects.filter(window_ends_at__lte=now or timezone.now()).delete()
    return deleted
