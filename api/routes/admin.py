"""Admin operations: rebuild the index, trigger a crawl. They need `Authorization: Bearer <LLO_ADMIN_TOKEN>`
and do not exist (404) while the token setting is unset."""

from __future__ import annotations

import hmac
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException

from api.deps import StateDep
from api.state import AppState
from llo.pipeline import rebuild_index, start_crawl

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


@dataclass
class Job:
    kind: str
    started: float = field(default_factory=time.time)
    finished: float | None = None
    status: str = "running"  # running | finished | failed
    detail: str = ""

    def public(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "started": self.started, "finished": self.finished,
                "detail": self.detail}


_jobs: dict[str, Job] = {}
_jobs_lock = threading.Lock()


def require_admin(state: StateDep, authorization: Annotated[str | None, Header()] = None) -> AppState:
    token = state.settings.admin_token
    if not token:
        raise HTTPException(404, "Beheerfuncties staan uit (LLO_ADMIN_TOKEN is niet ingesteld).")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "Ongeldig of ontbrekend beheertoken.")
    return state


AdminDep = Annotated[AppState, Depends(require_admin)]


def _claim(kind: str) -> Job:
    with _jobs_lock:
        current = _jobs.get(kind)
        if current is not None and current.status == "running":
            raise HTTPException(409, f"Er loopt al een {kind}-taak (gestart {time.ctime(current.started)}).")
        job = _jobs[kind] = Job(kind)
    return job


def _reindex(state: AppState, job: Job) -> None:
    try:
        result = rebuild_index(state.settings, ref=state.ref)
        state.reload_index()  # the old engine keeps serving until the new one is loaded
        job.status, job.detail = "finished", f"index {result.directory.name}"
    except Exception as exc:  # a failed build leaves the live index serving; report, never crash the server
        log.exception("reindex failed")
        job.status, job.detail = "failed", str(exc)
    job.finished = time.time()


def _crawl(state: AppState, job: Job) -> None:
    settings = state.settings
    providers = settings.crawl_providers
    proc = start_crawl(settings, str(providers) if providers else None)
    _, err = proc.communicate()
    job.status = "finished" if proc.returncode == 0 else "failed"
    job.detail = f"exit {proc.returncode}" + (f": {err.decode(errors='replace')[-500:]}" if proc.returncode else "")
    job.finished = time.time()


@router.post("/reindex", status_code=202, summary="Index opnieuw bouwen (beheer)")
def reindex(state: AdminDep) -> dict[str, Any]:
    job = _claim("reindex")
    threading.Thread(target=_reindex, args=(state, job), daemon=True, name="llo-reindex").start()
    return job.public()


@router.post("/crawl", status_code=202, summary="Crawl starten (beheer)")
def crawl(state: AdminDep) -> dict[str, Any]:
    job = _claim("crawl")
    threading.Thread(target=_crawl, args=(state, job), daemon=True, name="llo-crawl").start()
    return job.public()


@router.get("/jobs", summary="Status van beheertaken")
def jobs(state: AdminDep) -> dict[str, Any]:
    with _jobs_lock:
        return {kind: job.public() for kind, job in _jobs.items()}
