"""Admin operations: rebuild the index, trigger a crawl. They need `Authorization: Bearer <LLO_ADMIN_TOKEN>`
(scheme case-insensitive, nothing else accepted; failures per client are throttled) and do not exist (404)
while the token setting is unset. Jobs are shared by all workers through ``api.jobs``."""

from __future__ import annotations

import hmac
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from api.deps import StateDep
from api.jobs import Job, JobBoard, JobRunningError
from api.state import AppState
from index.live import live_target
from llo.pipeline import map_offerings, start_crawl, start_index_build

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (scheme case-insensitive, RFC 7235), or
    None for anything else: no scheme, another scheme, no token or more than one."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token or " " in token.strip() or token != token.strip():
        return None
    return token


def require_admin(request: Request, state: StateDep,
                  authorization: Annotated[str | None, Header()] = None) -> AppState:
    token = state.settings.admin_token
    if not token:
        raise HTTPException(404, "Beheerfuncties staan uit (LLO_ADMIN_TOKEN is niet ingesteld).")
    client = request.client.host if request.client else "?"
    wait = state.admin_failures.retry_after(client)
    if wait is not None:
        raise HTTPException(429, "Te veel mislukte pogingen; probeer het later opnieuw.",
                            headers={"Retry-After": str(math.ceil(wait))})
    given = bearer_token(authorization)
    # compare_digest takes time independent of where the strings differ (not of their lengths).
    if given is None or not hmac.compare_digest(given.encode(), token.encode()):
        state.admin_failures.hit(client)
        raise HTTPException(401, "Ongeldig of ontbrekend beheertoken.", headers={"WWW-Authenticate": "Bearer"})
    return state


AdminDep = Annotated[AppState, Depends(require_admin)]


def _board(state: AppState) -> JobBoard:
    return JobBoard(state.settings.data_dir / "admin")


def _start(state: AppState, kind: str, work: Callable[[Job], None]) -> dict[str, Any]:
    def in_thread(run: Callable[[], None]) -> None:
        threading.Thread(target=run, daemon=True, name=f"llo-{kind}").start()

    try:
        return _board(state).start(kind, work, in_thread).public()
    except JobRunningError as exc:
        raise HTTPException(409, str(exc)) from exc


def _reindex(state: AppState, job: Job) -> None:
    """`llo index build` in a child process (the build's memory leaves with it), then reload: the old
    engine serves until the new one is loaded; other workers see the live pointer move and reload too."""
    proc = start_index_build(state.settings)
    _, err = proc.communicate()
    if proc.returncode != 0:  # a failed build leaves the live index serving; report, never crash the server
        log.error("reindex failed (exit %s): %s", proc.returncode, err.decode(errors="replace")[-2000:])
        job.status = "failed"
        job.detail = f"exit {proc.returncode}: {err.decode(errors='replace')[-500:]}"
    else:
        state.reload_index()
        job.status, job.detail = "finished", f"index {live_target(state.settings.index_dir)}"
    job.finished = time.time()


def _crawl(state: AppState, job: Job) -> None:
    settings = state.settings
    providers = settings.crawl_providers
    proc = start_crawl(settings, str(providers) if providers else None)
    _, err = proc.communicate()
    status = "finished" if proc.returncode == 0 else "failed"
    detail = f"exit {proc.returncode}" + (f": {err.decode(errors='replace')[-500:]}" if proc.returncode else "")
    if proc.returncode == 0:
        # Crawl and map are one admin job (finished only when both are), so a reindex started after it
        # never serves new offerings unmapped.
        try:
            mapped = map_offerings(settings, ref=state.ref)
            detail += f"; {mapped.mapped} of {mapped.offerings} offerings mapped"
        except Exception as exc:  # the crawl itself succeeded; report the failed map step
            log.exception("mapping after the crawl failed")
            status, detail = "failed", f"crawl ok, map failed: {exc}"
    job.detail, job.finished = detail, time.time()
    job.status = status  # last: pollers see "running" until everything above is done


@router.post("/reindex", status_code=202, summary="Index opnieuw bouwen (beheer)")
def reindex(state: AdminDep) -> dict[str, Any]:
    return _start(state, "reindex", lambda job: _reindex(state, job))


@router.post("/crawl", status_code=202, summary="Crawl starten (beheer)")
def crawl(state: AdminDep) -> dict[str, Any]:
    return _start(state, "crawl", lambda job: _crawl(state, job))


@router.get("/jobs", summary="Status van beheertaken (gedeeld door alle workers)")
def jobs(state: AdminDep) -> dict[str, Any]:
    return {kind: job.public() for kind, job in _board(state).all().items()}
