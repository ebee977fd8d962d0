from django.conf import settings
from django.http import HttpRequest

from delaktig.core.errors import RateLimitedError
from delaktig.core.ratelimit import client_ip, rate_limit_hit


def api_rate_check(request: HttpRequest) -> None:
    """Count one request for the caller's address, so one harvester cannot slow the site for residents.

    A request counts once, however often it is checked: the page cache checks it before serving a
    stored answer, and the endpoint checks it again when the answer has to be made.
    """
    if not hasattr(request, "api_rate_refusal"):
        try:
            rate_limit_hit(scope="api", key=client_ip(request), rate=settings.DELAKTIG_API_RATE)
            request.api_rate_refusal = None
        except RateLimitedError as refusal:
            request.api_rate_refusal = refusal
    if request.api_rate_refusal is not None:
        raise request.api_rate_refusal


def api_rate_admits(request: HttpRequest) -> bool:
    """Whether the caller is within the API's rate (counting the request); a refusal is the endpoint's to explain."""
    try:
        api_rate_check(request)
    except RateLimitedError:
        return False
    return True
