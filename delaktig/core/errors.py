"""The one error type for rule violations a person can understand and act on.

Services raise ``DomainError`` with a message written for the resident or official who caused it;
views show it as a form error, the middleware as a 4xx page, the API as a JSON error. Messages are
module constants so tests can import and compare them.
"""

from django.utils.functional import Promise


class DomainError(Exception):
    """A request broke a rule of the democracy service (not a bug): show the message, change nothing."""

    status_code = 400

    def __init__(self, message: str | Promise, *, code: str = "invalid", status_code: int | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        if status_code is not None:
            self.status_code = status_code


class PermissionDeniedError(DomainError):
    """The actor may not do this; answered with 403."""

    status_code = 403


class RateLimitedError(DomainError):
    """The actor or address did this too often; answered with 429 and a Retry-After header."""

    status_code = 429

    def __init__(self, message: str | Promise, *, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after
