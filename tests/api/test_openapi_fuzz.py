"""Schemathesis fuzzes every endpoint from the OpenAPI schema: no input may produce a 5xx.

Bounded for the CI budget (a few dozen examples per endpoint). Besides "no server error", each
answer must match the schema: a declared status, the declared content type and body shape.
Hypothesis drives schemathesis's strategies directly (its pytest plugin does not load under
pytest 9).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from delaktig.wsgi import application

EXAMPLES_PER_ENDPOINT = 40
# A cursor that matches the schema's pattern can still point nowhere; the API rightly answers 400.
SEMANTIC_400 = [schemathesis.checks.positive_data_acceptance]


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", operations(), ids=lambda operation: operation.label)
def test_no_input_makes_the_api_fail(public_and_hidden, api_under_test, operation):
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_ENDPOINT, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(excluded_checks=SEMANTIC_400)

    check()


@pytest.fixture
def api_under_test(settings):
    """Serve the raw WSGI app inside the test's transaction, as Django's test client does, without rate limits."""
    settings.DELAKTIG_RATE_LIMITS_ENABLED = False
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
