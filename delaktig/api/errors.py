"""Errors as JSON a person can read: ``{"detail": "...", "code": "..."}`` with a 4xx status."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError

from delaktig.core.errors import DomainError, RateLimitedError


class ParameterProblem(Schema):
    parameter: str
    message: str


class ErrorOut(Schema):
    detail: str
    code: str
    errors: list[ParameterProblem] = []


ERROR_RESPONSES = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def domain_error_response(api, request: HttpRequest, error: DomainError) -> HttpResponse:
    """Answer a broken rule with its status and the message meant for the caller."""
    body = {"detail": str(error.message), "code": error.code, "errors": []}
    response = api.create_response(request, body, status=error.status_code)
    if isinstance(error, RateLimitedError):
        response["Retry-After"] = str(error.retry_after)
    return response


def validation_error_response(api, request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Answer malformed parameters with 400, naming each parameter and what is wrong with it."""
    problems = [
        {"parameter": _parameter_name(item.get("loc", ())), "message": item.get("msg", "")} for item in error.errors
    ]
    names = ", ".join(problem["parameter"] for problem in problems)
    detail = _("Some parameters are not valid: %(names)s.") % {"names": names}
    return api.create_response(request, {"detail": detail, "code": "invalid", "errors": problems}, status=400)


def _parameter_name(location) -> str:
    """Return the parameter a pydantic error location points at (its last named part)."""
    names = [str(part) for part in location if isinstance(part, str) and part not in {"query", "path", "filters"}]
    return names[-1] if names else "?"
