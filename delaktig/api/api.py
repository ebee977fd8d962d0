"""The open-data API, version 1: public proposals as JSON and CSV, described by an OpenAPI schema.

The API is thin: each endpoint checks the caller's rate, parses its parameters, calls a selector
and shapes the answer. Every error is a JSON object whose ``detail`` is written for a person, so a
journalist with a spreadsheet understands a refusal as well as a developer does.
"""

from functools import partial

from ninja import NinjaAPI
from ninja.errors import ValidationError

from delaktig.api.docs import EndpointList
from delaktig.api.errors import domain_error_response, validation_error_response
from delaktig.api.proposals import router as proposals_router
from delaktig.core.errors import DomainError

DESCRIPTION = (
    "Open data from Delaktig, Göteborgs Stad's platform for local and digital democracy. Everything here "
    "is public and free to reuse; no personal data is published beyond the display name a proposer chose "
    "to show. Lists are paginated with a cursor: follow `next` until it is null. Errors are JSON objects "
    "whose `detail` says what to change."
)

api = NinjaAPI(
    title="Delaktig open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=EndpointList(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_exception_handler(DomainError, partial(domain_error_response, api))
api.add_exception_handler(ValidationError, partial(validation_error_response, api))
api.add_router("", proposals_router)
