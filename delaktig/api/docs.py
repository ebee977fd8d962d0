"""A documentation page for the API that loads nothing from another host and runs no script.

Ninja's Swagger and Redoc pages fetch their scripts from a CDN and draw with inline styles, which
the site's Content Security Policy forbids. This page lists the endpoints from the same OpenAPI
schema, on the site's own accessible layout, and links the machine-readable schema.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    responses: list[tuple[str, str]]


class EndpointList(DocsBase):
    """Render the API's endpoints as a plain HTML page (no JavaScript, no CDN)."""

    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "openapi_url": self.get_openapi_url(api, kwargs),
            "endpoints": endpoints_from_schema(schema),
        }
        return render(request, "api/docs.html", context)


def endpoints_from_schema(schema: dict) -> list[Endpoint]:
    """Return every operation in the OpenAPI schema, in the order the schema lists them."""
    return [
        _endpoint(method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
    ]


def _endpoint(method: str, path: str, operation: dict) -> Endpoint:
    return Endpoint(
        method=method.upper(),
        path=path,
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        parameters=[_parameter(parameter) for parameter in operation.get("parameters", [])],
        responses=[
            (status, answer.get("description", "")) for status, answer in operation.get("responses", {}).items()
        ],
    )


def _parameter(parameter: dict) -> Parameter:
    schema = parameter.get("schema", {})
    return Parameter(
        name=parameter["name"],
        where=parameter.get("in", ""),
        required=parameter.get("required", False),
        kind=_kind(schema),
        description=parameter.get("description", "") or schema.get("description", ""),
    )


def _kind(schema: dict) -> str:
    """Describe a parameter's type in a word: its allowed values, its format or its JSON type."""
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    for variant in schema.get("anyOf", []):
        if variant.get("type") != "null":
            return _kind(variant)
    return schema.get("format") or schema.get("type") or "string"
