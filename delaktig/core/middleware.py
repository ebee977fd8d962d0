from django.shortcuts import render

from delaktig.core.errors import DomainError, RateLimitedError


class DomainErrorMiddleware:
    """Answer a ``DomainError`` that escaped a view with a friendly 4xx page instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        template = "429.html" if isinstance(exception, RateLimitedError) else "core/domain_error.html"
        response = render(request, template, {"message": exception.message}, status=exception.status_code)
        if isinstance(exception, RateLimitedError):
            response["Retry-After"] = str(exception.retry_after)
        return response
