"""The one place library errors become HTTP statuses: JSON bodies with a clear (Dutch) message."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from skills.errors import (
    IndexUnavailableError,
    InvalidQueryError,
    LloError,
    NotFoundError,
    ReferenceDataError,
    StoreError,
)

_STATUS: list[tuple[type[LloError], int]] = [
    (InvalidQueryError, 422),
    (NotFoundError, 404),
    (IndexUnavailableError, 503),
    (StoreError, 503),
    (ReferenceDataError, 500),
]


def _body(status: int, message: str, detail: object = None,
          headers: Mapping[str, str] | None = None) -> JSONResponse:
    content: dict[str, object] = {"error": message}
    if detail is not None:
        content["detail"] = detail
    return JSONResponse(status_code=status, content=content, headers=dict(headers) if headers else None)


# Parameters as the page names them, and what a valid value looks like (plain Dutch for a 422).
_FIELDS: dict[str, tuple[str, str]] = {
    "niveau": ("Niveau", "kies 1 (entree), 2, 3 of 4"),
    "max_price": ("Maximale prijs", "vul een bedrag in hele euro's in, bijvoorbeeld 500"),
    "radius_km": ("Afstand", "vul een afstand in kilometers in, bijvoorbeeld 25"),
    "start_from": ("Startdatum vanaf", "vul een datum in, bijvoorbeeld 2027-09-01"),
    "start_to": ("Startdatum tot en met", "vul een datum in, bijvoorbeeld 2027-09-01"),
    "limit": ("Aantal resultaten", "vul een heel getal in"),
    "offset": ("Pagina", "vul een heel getal in"),
    "keep_unknown_price": ("Prijs onbekend", "kies ja of nee"),
    "keep_unknown_start": ("Start op aanvraag", "kies ja of nee"),
    "place": ("Plaats", "vul een plaats, postcode, provincie of regio in van hoogstens 80 tekens"),
    "text": ("Tekst", "plak een tekst van hoogstens 100.000 tekens"),
}


def _problem(loc: tuple[object, ...]) -> dict[str, str]:
    name = next((str(p) for p in loc[1:] if isinstance(p, str)), "") if len(loc) > 1 else ""
    label, hint = _FIELDS.get(name, (name or "invoer", "deze waarde klopt niet"))
    return {"parameter": name or "body", "label": label, "problem": hint}


def register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LloError)
    async def _llo_error(_: Request, exc: LloError) -> JSONResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        return _body(status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(tuple(err.get("loc", ()))) for err in exc.errors()]
        text = "; ".join(dict.fromkeys(f"{p['label']}: {p['problem']}" for p in problems))
        return _body(422, f"Controleer wat je hebt ingevuld. {text}.", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Headers the exception carries go out too: Allow on a 405, Retry-After on a 429.
        return _body(exc.status_code, str(exc.detail), headers=exc.headers)
