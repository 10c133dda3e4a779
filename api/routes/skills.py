"""GET /api/skills/suggest?q=: typo-tolerant autocomplete over skill labels and qualification names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import EngineDep

router = APIRouter(prefix="/api/skills", tags=["skills"])


@router.get("/suggest", summary="Suggesties terwijl je typt")
def suggest(engine: EngineDep, q: Annotated[str, Query(min_length=1, max_length=80)],
            limit: Annotated[int, Query(ge=1, le=25)] = 8) -> dict[str, list[str]]:
    return {"suggestions": engine.suggest_skills(q, limit=limit)}
