"""GET /api/health: is the index loaded, what is in it, and which build this worker serves (with several
workers, each answers with its own process id, so a client can see that they agree)."""

from __future__ import annotations

import os

from fastapi import APIRouter

from api.deps import StateDep
from api.schemas import HealthPublic
from llo import __version__

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=HealthPublic)
def health(state: StateDep) -> HealthPublic:
    engine = state.engine
    return HealthPublic(
        status="ok" if engine is not None else "degraded",
        index=engine.manifest if engine is not None else None,
        index_error=state.index_error,
        qualifications=len(state.ref.qualifications),
        version=__version__,
        build=state.loaded_build,
        worker=os.getpid(),
    )
