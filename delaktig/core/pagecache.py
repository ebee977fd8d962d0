"""A cache of public pages as visitors without an account session see them.

Most traffic on a proposal that spreads in the city is people reading it without logging in; they all
get the same page. Rendering it costs milliseconds of CPU, serving a stored copy a fraction of that.
Anyone logged in always gets a fresh page. Two kinds of page are cached:

- ``public_page``: kept for ``DELAKTIG_PAGE_CACHE_SECONDS`` (0 turns every page cache off), so an
  anonymous reader may see it that many seconds late (the proposal list, which shows many proposals);
- ``versioned_public_page(version)``: stored under a version read with one small query on every
  request (a proposal's page revision, vote count and days left), so a reader never gets a page older than its
  data; kept up to ``VERSIONED_PAGE_SECONDS``, which bounds how late a renamed area or committee shows,
  and per day, so "days left" stays right.

A response is stored only when it is the same for every anonymous visitor: a plain 200 page that set
no cookie, used no CSRF token, queued no message and touched no session. Each process keeps its own
copies (the ``pages`` cache is in process memory) so that a hit costs no network round trip; its size
is bounded by the cache's MAX_ENTRIES, so odd query strings cannot exhaust memory.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

# Headers a stored page keeps; the middleware adds the security headers again on every answer.
KEPT_HEADERS = ("Content-Type", "Content-Language")
VERSIONED_PAGE_SECONDS = 3600


def public_page(view):
    """Serve ``view`` from the page cache to visitors without a session for a few seconds."""
    return _cached(view, version=None)


def versioned_public_page(version):
    """Serve the view from the page cache while ``version(request, *args, **kwargs)`` stays the same.

    ``version`` returns a tuple of numbers, or None when the page must not be served from the cache
    (e.g. the object is not public).
    """
    return lambda view: _cached(view, version=version)


def _cached(view, *, version):
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.DELAKTIG_PAGE_CACHE_SECONDS
        if not seconds or not _shared_by_all_visitors(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        if version is not None:
            current = version(request, *args, **kwargs)
            if current is None:
                return view(request, *args, **kwargs)
            stamp = "-".join(str(part) for part in current)
            key, seconds = f"{key}:{stamp}:{timezone.localdate().isoformat()}", VERSIONED_PAGE_SECONDS
        stored = caches["pages"].get(key)
        if stored is not None:
            return _response_from(stored)
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            caches["pages"].set(key, _stored_from(response), timeout=seconds)
        return response

    return cached_view


def _shared_by_all_visitors(request) -> bool:
    """Whether the request could get the page everybody gets: a read without a session or pending message."""
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _page_key(request) -> str:
    path = request.get_full_path().encode()
    return f"page:{get_language()}:{hashlib.blake2b(path, digest_size=16).hexdigest()}"


def _storable(request, response) -> bool:
    """Whether the answer is the same for every anonymous visitor (nothing personal was used or set)."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def _stored_from(response) -> tuple[bytes, dict[str, str]]:
    return response.content, {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}


def _response_from(stored: tuple[bytes, dict[str, str]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    # Shared caches in front of the site must keep logged-in and other-language pages apart.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response
