from django.conf import settings
from django.http import HttpRequest

from delaktig.core.ratelimit import client_ip, rate_limit_hit


def api_rate_check(request: HttpRequest) -> None:
    """Count one request for the caller's address, so one harvester cannot slow the site for residents."""
    rate_limit_hit(scope="api", key=client_ip(request), rate=settings.DELAKTIG_API_RATE)
