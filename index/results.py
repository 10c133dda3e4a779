"""What a search returns: offering hits, qualification hits and the result page (plain dataclasses; the
API and CLI translate them)."""

from __future__ import annotations

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
    hits: list[OfferingHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    reason: str | None = None
