"""Turn index payloads and hits into public schemas (and the Stagemarkt deep link)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from api.schemas import (
    MappingPublic,
    OfferingDetailPublic,
    OfferingPlacePublic,
    OfferingPublic,
    OfficialSkillRef,
    QualificationRef,
)
from index.results import OfferingHit, crebo_of
from skills.prices import format_price

STAGEMARKT_SEARCH = "https://stagemarkt.nl/leerbedrijven/"


def stagemarkt_url(crebo: str, place: str | None = None, radius_km: int = 20) -> str:
    """Stagemarkt's public search for erkende leerbedrijven by crebo (and place), for bbl trajectories."""
    params: dict[str, str | int] = {"Termen": crebo}
    if place:
        params.update({"PlaatsPostcode": place, "Straal": radius_km})
    return f"{STAGEMARKT_SEARCH}?{urlencode(params)}"


def _qualification(payload: dict[str, Any], name: str | None = None) -> QualificationRef | None:
    crebo = crebo_of(payload)
    if not crebo:
        return None
    summary = payload.get("qualification") or {}
    current = summary.get("current_crebo") if summary.get("crebo") == crebo else None
    return QualificationRef(crebo=crebo, name=name or payload.get("qualification_name") or summary.get("name"),
                            current_crebo=current if current and current != crebo else None,
                            current_name=(summary.get("current_name") or None) if current and current != crebo else None)


def offering_public(payload: dict[str, Any], *, score: float = 0.0, matched: list[str] | None = None,
                    qualification_name: str | None = None, distance_km: float | None = None,
                    hit: OfferingHit | None = None) -> OfferingPublic:
    return OfferingPublic(
        id=payload["id"],
        title=payload.get("title", ""),
        provider=payload.get("provider", ""),
        qualification=_qualification(payload, qualification_name),
        score=round(float(score), 6),
        matched_skills=matched or [],
        offering_type=payload.get("offering_type"),
        leerwegen=list(payload.get("leerwegen") or []),
        niveau=payload.get("niveau"),
        locations=list(payload.get("locations") or []),
        start_dates=list(payload.get("start_dates") or []),
        price_eur=payload.get("price_eur"),
        price_note=str(payload.get("price_note") or ""),
        price_text=format_price(payload.get("price_eur"), str(payload.get("description") or ""),
                                note=str(payload.get("price_note") or "")),
        duration=payload.get("duration"),
        url=payload.get("url"),
        distance_km=None if distance_km is None else round(distance_km, 1),
        matched_words=list(hit.matched_words) if hit else [],
        matched_in=list(hit.matched_in) if hit else [],
        outside=list(hit.outside) if hit else [],
        official_skills=[OfficialSkillRef(label=label, source=source) for label, source in hit.official_skills]
        if hit else [],
    )


def hit_public(hit: OfferingHit) -> OfferingPublic:
    """An index OfferingHit as a result card."""
    payload = dict(hit.offering)
    payload.setdefault("id", hit.id)
    payload["crebo"] = hit.crebo
    return offering_public(payload, score=hit.score, matched=hit.matched_skills,
                           qualification_name=hit.qualification_name, distance_km=hit.distance_km, hit=hit)


def offering_detail(payload: dict[str, Any], qualification_name: str | None) -> OfferingDetailPublic:
    card = offering_public(payload, qualification_name=qualification_name)
    mapping = payload.get("mapping")
    crebo = crebo_of(payload)
    bbl = "BBL" in (payload.get("leerwegen") or [])
    place = (payload.get("locations") or [None])[0]
    return OfferingDetailPublic(
        **card.model_dump(),
        description=payload.get("description", ""),
        target_group=list(payload.get("target_group") or []),
        crebo_stated=payload.get("crebo_stated"),
        source_url=payload.get("url"),
        first_seen=payload.get("first_seen"),
        last_seen=payload.get("last_seen"),
        mapping=MappingPublic.model_validate({k: mapping[k] for k in MappingPublic.model_fields if k in mapping})
        if isinstance(mapping, dict) else None,
        stagemarkt_url=stagemarkt_url(crebo, place) if (crebo and bbl) else None,
        places=[OfferingPlacePublic.model_validate(p) for p in payload.get("places") or []],
    )
