"""What a search returns: offering hits, qualification hits and the result page (plain dataclasses; the
API and CLI translate them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class OfferingHit:
    id: str
    title: str
    provider: str
    crebo: str | None
    qualification_name: str | None
    score: float
    matched_skills: list[str]
    offering: dict[str, Any]  # stored payload: Offering fields + "mapping" + "qualification" + "geo"
    distance_km: float | None = None
    matched_words: list[str] = field(default_factory=list)  # the searcher's words this offering carries
    matched_in: list[str] = field(default_factory=list)  # where: "titel", "kwalificatie", "beschrijving"
    outside: list[str] = field(default_factory=list)  # for a nearest alternative: the filters it misses
    official_skills: list[tuple[str, str]] = field(default_factory=list)  # (Dutch label, source) the words hit


@dataclass
class QualificationHit:
    crebo: str
    name: str
    niveau: int
    score: float
    matched_skills: list[str]
    n_offerings: int


@dataclass
class SearchResults:
    """One result page. ``hits`` and ``total`` count relevant offerings within the filters only; when there
    are none, ``nearest`` holds the nearest relevant offerings outside them and ``reason`` says so in Dutch.
    ``place`` is what the place words meant (``asked``, ``name``, ``kind``, ``corrected``)."""

    hits: list[OfferingHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    reason: str | None = None
    nearest: list[OfferingHit] = field(default_factory=list)
    place: dict[str, Any] | None = None


def crebo_of(payload: Mapping[str, Any]) -> str | None:
    """The mapped crebo of an index payload (top-level "crebo" when set, else its qualification summary's)."""
    crebo = payload.get("crebo") or (payload.get("qualification") or {}).get("crebo")
    return str(crebo) if crebo else None
