from django.conf import settings
from django.http import HttpRequest

from delaktig.core.ratelimit import client_ip, rate_limit_hit


def api_rate_check(request: HttpRequest) -> None:
    """Count one request for the caller's address, so one harvester cannot slow the site for residents.

    Only answers that have to be made count: one the page cache serves costs no more than a public page,
    which has no limit either (see ``cache_public`` in api/proposals.py).
    """
    rate_limit_hit(scope="api", key=client_ip(request), rate=settings.DELAKTIG_API_RATE)
