"""GET /api/coverage: per opleidingsdomein/dossier/qualification and for certificates, how many have at
least one findable offering, and from how many providers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import StateDep
from index.offering_coverage import compute_coverage

router = APIRouter(prefix="/api/coverage", tags=["coverage"])


@router.get("", summary="Dekking: welke kwalificaties en certificaten zijn vindbaar")
def coverage(state: StateDep) -> dict[str, Any]:
    return state.coverage(lambda payloads: compute_coverage(
        state.ref.qualifications, state.ref.certificates, payloads, state.ref.legacy))
