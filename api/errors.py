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


def register_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LloError)
    async def _llo_error(_: Request, exc: LloError) -> JSONResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        return _body(status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"parameter": ".".join(str(p) for p in err.get("loc", ())[1:]) or "body", "problem": err.get("msg")}
            for err in exc.errors()
        ]
        return _body(422, "Ongeldige invoer: controleer de parameters.", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Headers the exception carries go out too: Allow on a 405, Retry-After on a 429.
        return _body(exc.status_code, str(exc.detail), headers=exc.headers)
