"""The FastAPI application factory. Index, store and reference data are loaded once in `lifespan`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.docs import install_docs
from api.errors import register_error_handlers
from api.routes import admin, chat, coverage, health, match, offerings, qualifications, search, skills
from api.state import AppState
from frontend import STATIC_DIR
from llo import __version__
from llo.settings import Settings, get_settings

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
# A pasted text for POST /api/match may be a whole document (skills.matching.MAX_TEXT_CHARS characters, JSON-escaped).
BODY_LIMITS = {"/api/match": 512 * 1024}
MAX_URL_CHARS = 4096
ROUTERS = [admin.router, search.router, offerings.router, qualifications.router, skills.router, coverage.router, health.router,
           chat.router, match.router]


# Crawled text is untrusted: the page escapes it, and the CSP keeps injected markup inert.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class RequestGuards:
    """Request size limits (413 body, 414 URL) and security headers on every response.

    Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware sets up a task group
    and memory streams per request, which took ~10 % of a worker's CPU under the 50-client load test.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        length = Headers(scope=scope).get("content-length")
        limit = BODY_LIMITS.get(scope.get("path", ""), MAX_BODY_BYTES)
        if length and length.isdigit() and int(length) > limit:
            reply = JSONResponse({"error": f"Verzoek te groot (maximaal {limit // 1024} KB)."}, 413)
            await reply(scope, receive, send_with_headers)
        elif len(str(URL(scope=scope))) > MAX_URL_CHARS:
            await JSONResponse({"error": "URL te lang."}, 414)(scope, receive, send_with_headers)
        else:
            await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None, state: AppState | None = None) -> FastAPI:
    """Build the app. ``state`` lets tests (and `llo demo`) hand over already-loaded resources."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.llo = state or AppState.load(settings)
        log.info("llo-zoeker API ready (index loaded: %s)", app.state.llo.engine is not None)
        yield

    app = FastAPI(title="llo-zoeker", version=__version__, lifespan=lifespan, docs_url=None,
                  description="Zoek mbo-certificaten, bbl-trajecten en cursussen voor volwassenen.")
    register_error_handlers(app)

    app.add_middleware(RequestGuards)

    for router in ROUTERS:
        app.include_router(router)
    install_docs(app)  # offline Swagger UI; before the root mount, which would shadow it
    app.mount("/", StaticFiles(directory=STATIC_DIR, html=True, check_dir=False), name="frontend")
    return app
