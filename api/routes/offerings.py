"""GET /api/offerings/{id}: every field, mapping evidence, source URL, last seen, bbl deep link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import EngineDep, StateDep
from api.presenters import offering_detail
from api.schemas import OfferingDetailPublic
from index.results import crebo_of
from skills.errors import NotFoundError

router = APIRouter(prefix="/api/offerings", tags=["offerings"])


@router.get("/{offering_id}", response_model=OfferingDetailPublic, summary="Eén opleidingsaanbod")
def get_offering(offering_id: Annotated[str, Path(max_length=64)], state: StateDep, engine: EngineDep) -> OfferingDetailPublic:
    payload = engine.get(offering_id)
    if payload is None:
        raise NotFoundError(f"Geen opleiding met id {offering_id!r}.")
    crebo = crebo_of(payload)
    qual = state.ref.qualifications.get(crebo) if crebo else None
    return offering_detail(payload, qual.name if qual else None)
