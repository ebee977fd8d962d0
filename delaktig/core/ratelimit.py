"""Fixed-window rate limits kept in the shared cache (Redis or the database in production).

A limit is written as in the settings, ``"5/h"``: at most 5 actions per hour per key.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from delaktig.core.errors import RateLimitedError

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
    if not settings.DELAKTIG_RATE_LIMITS_ENABLED:
        return
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        raise RateLimitedError(TOO_MANY, retry_after=max(1, int(period - now % period)))
