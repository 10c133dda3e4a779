"""The FastAPI application factory. Index, store and reference data are loaded once in `lifespan`."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.routing import Match, Mount
from starlette.types import Scope

from api.docs import install_docs
from api.errors import register_error_handlers
from api.guards import RequestGuards
from api.openapi import install_openapi
from api.routes import admin, chat, coverage, health, match, offerings, qualifications, search, skills
from api.state import AppState
from frontend import STATIC_DIR
from llo import __version__
from llo.settings import Settings, get_settings

log = logging.getLogger(__name__)

ROUTERS = [admin.router, search.router, offerings.router, qualifications.router, skills.router, coverage.router,
           coverage.certificates_router, health.router,
           chat.router, match.router]


def create_app(settings: Settings | None = None, state: AppState | None = None) -> FastAPI:
    """Build the app. ``state`` lets tests (and `llo demo`) hand over already-loaded resources."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.llo = state or AppState.load(settings)
        log.info("llo-zoeker API ready (index loaded: %s)", app.state.llo.engine is not None)
        stop = threading.Event()
        app.state.llo.watch_index(stop)
        try:
            yield
        finally:
            stop.set()

    app = FastAPI(title="llo-zoeker", version=__version__, lifespan=lifespan, docs_url=None,
                  description="Zoek mbo-certificaten, bbl-trajecten en cursussen voor volwassenen.")
    register_error_handlers(app)

    app.add_middleware(RequestGuards)

    for router in ROUTERS:
        app.include_router(router)
    install_docs(app)  # offline Swagger UI; before the root mount, which would shadow it
    install_openapi(app)
    app.router.routes.append(FrontendMount("/", StaticFiles(directory=STATIC_DIR, html=True, check_dir=False),
                                           name="frontend"))
    return app


class FrontendMount(Mount):
    """The page at "/", but never for /api/: there the router answers (404, or 405 with the right
    ``Allow``), where a catch-all static mount would say "GET, HEAD" for every API path."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope.get("path", "").startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)
