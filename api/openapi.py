"""The OpenAPI document as the API really answers: one error schema, every status, real media types.

FastAPI documents only 200 and its own 422 shape. This module rewrites the generated document once:
every error status the app can send is documented with :class:`ErrorPublic` (the body of ``api.errors``
and ``api.guards``): 400 (malformed request), 404 (unknown path or item; admin switched off), 405 (other
methods, with ``Allow``), 413/414/431 (request limits), 422 (invalid input), 503 (no index or store), and
per operation 401/409/429 where they apply. The exports are documented as CSV and JSON-LD, not JSON.
Checked by ``tests/api/test_openapi.py`` (schemathesis with all its checks).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

ERROR_REF = {"$ref": "#/components/schemas/ErrorPublic"}
COMMON_ERRORS = {
    "400": "Onleesbaar verzoek.",
    "404": "Niet gevonden.",
    "413": "Verzoek te groot.",
    "414": "URL te lang.",
    "422": "Ongeldige invoer (ook: een onbekende plaats, of radius_km of sort=distance zonder plaats).",
    "431": "Te veel of te grote headers.",
    "503": "Index of opslag niet beschikbaar.",
}
EXTRA_ERRORS: dict[str, dict[str, str]] = {
    "/api/admin/": {"401": "Ongeldig of ontbrekend beheertoken.", "409": "Er loopt al zo'n taak.",
                    "429": "Te veel mislukte pogingen."},
    "/api/search/export": {"429": "Te veel exports achter elkaar."},
}
MEDIA_TYPES = {"/api/search/export.csv": "text/csv", "/api/search/export.jsonld": "application/ld+json"}


class ProblemPublic(BaseModel):
    parameter: str
    problem: str


class ErrorPublic(BaseModel):
    """Every error body: a Dutch message, and for invalid input the problems per parameter."""

    error: str
    detail: list[ProblemPublic] | None = None


def _error_schemas() -> dict[str, Any]:
    schema = ErrorPublic.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"ErrorPublic": schema, **defs}


def truthful_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document with errors and media types as they are (cached on the app)."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    components.update(_error_schemas())
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, operations in spec.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            errors = dict(COMMON_ERRORS)
            for prefix, extra in EXTRA_ERRORS.items():
                if path.startswith(prefix):
                    errors |= extra
            for code, description in errors.items():
                responses[code] = {"description": description,
                                   "content": {"application/json": {"schema": ERROR_REF}}}
            if path in MEDIA_TYPES:
                for code, response in responses.items():
                    if code.startswith("2"):
                        response["content"] = {MEDIA_TYPES[path]: {"schema": {"type": "string"}}}
    app.openapi_schema = spec
    return spec


def install_openapi(app: FastAPI) -> None:
    """Serve :func:`truthful_openapi` at the app's openapi_url."""
    app.openapi = lambda: truthful_openapi(app)  # type: ignore[method-assign]
