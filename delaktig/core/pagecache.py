"""A cache of public pages as visitors without an account session see them.

Most traffic on a proposal that spreads in the city is people reading it without logging in; they all
get the same page. Rendering it costs milliseconds of CPU, serving a stored copy a fraction of that,
and less still when the copy is served before the rest of the middleware (sessions, CSRF, messages,
authentication) has run: ``PageCacheMiddleware`` sits right below the security middleware, and a
stored page goes out from there. Anyone logged in always gets a fresh page. Views opt in by URL name
(``cache_public``), which also reaches the API's views, and each says how long a copy is good for:

- time-limited: kept for ``DELAKTIG_PAGE_CACHE_SECONDS`` (0 turns every page cache off), so an
  anonymous reader may see it that many seconds late (the proposal list, which shows many proposals);
- versioned: stored under a version read with one small query on every request (a proposal's page
  revision, vote count and days left), so a reader never gets a page older than its data; kept up to
  ``VERSIONED_PAGE_SECONDS``, which bounds how late a renamed area or committee shows, and per day,
  so "days left" stays right.

A response is stored only when it is the same for every anonymous visitor: a plain 200 answer that set
no cookie (a CSRF token or a queued message sets one), queued no message and touched no session. Each
process keeps its own copies (the ``pages`` cache is in process memory) so that a hit costs no
network round trip; its size is bounded by the cache's MAX_ENTRIES, so odd query strings cannot
exhaust memory.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

VERSIONED_PAGE_SECONDS = 3600


# View name -> its version function, or None for a time-limited copy.
_CACHED_VIEWS: dict[str, Callable | None] = {}


def cache_public(view_name: str, *, version: Callable | None = None) -> None:
    """Serve the view named ``view_name`` ("namespace:name") from the page cache to visitors without a session.

    Without ``version`` a copy is kept for DELAKTIG_PAGE_CACHE_SECONDS. With it, a copy is kept while
    ``version(request, **url_kwargs)`` returns the same tuple of numbers; None means "make the page".
    """
    _CACHED_VIEWS[view_name] = version


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.DELAKTIG_PAGE_CACHE_SECONDS
        if not seconds or not _shared_by_all_visitors(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.view_name not in _CACHED_VIEWS:
            return self.get_response(request)
        try:
            key = _page_key(request)
        except DisallowedHost:  # the stack below answers it with the usual 400
            return self.get_response(request)
        version = _CACHED_VIEWS[match.view_name]
        if version is not None:
            current = version(request, **match.kwargs)
            if current is None:
                return self.get_response(request)
            stamp = "-".join(str(part) for part in current)
            key, seconds = f"{key}:{stamp}:{timezone.localdate().isoformat()}", VERSIONED_PAGE_SECONDS
        stored = caches["pages"].get(key)
        if stored is not None:
            return _response_from(stored)
        response = self.get_response(request)
        if _storable(request, response):
            caches["pages"].set(key, _stored_from(response), timeout=seconds)
        return response


def _shared_by_all_visitors(request) -> bool:
    """Whether the request could get the page everybody gets: a read without a session or pending message."""
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _page_key(request) -> str:
    """Key a page by language, scheme, host and full path (the API's answers hold absolute addresses)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()
    # The language LocaleMiddleware, further down, will choose (no language prefix in paths).
    language = get_language_from_request(request)
    return f"page:{language}:{hashlib.blake2b(address, digest_size=16).hexdigest()}"


def _storable(request, response) -> bool:
    """Whether the answer is the same for every anonymous visitor (nothing personal was used or set)."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        # The middleware below has run: a CSRF token it handed out is a cookie here.
        and not response.cookies
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def _stored_from(response) -> tuple[bytes, dict[str, str]]:
    # Every header the stack below set (language, CSP, frame options); the security middleware above
    # adds its own to each answer, stored or not. Cookies are not headers here, and none were set.
    return response.content, dict(response.items())


def _response_from(stored: tuple[bytes, dict[str, str]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    # Shared caches in front of the site must keep logged-in and other-language pages apart.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response
