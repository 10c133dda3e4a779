"""What the chat understood of a request: who asks, what, where, how, when, for how much.

One dataclass shared by the built-in dialogue, the LLM-assisted understanding and the answer wording, so
every path produces the same filters and the page can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from index.filters import SearchFilters
from index.request import DEFAULT_RADIUS_KM, build_request

PERSONAS = ("werkzoekende", "adviseur", "werkgever")


@dataclass
class Understanding:
    """The request in structured form. Empty lists / None mean "not said".

    ``topic`` holds the skill or occupation words that are searched for; ``place`` is the name or postcode
    as the gazetteer knows it. ``sort`` is "start_date" when the person wants to start as soon as possible.
    """

    persona: str = "werkzoekende"
    topic: str = ""
    place: str | None = None
    radius_km: float | None = None
    leerwegen: list[str] = field(default_factory=list)
    niveaus: list[int] = field(default_factory=list)
    max_price: float | None = None
    start_from: date | None = None
    start_to: date | None = None
    offering_types: list[str] = field(default_factory=list)
    sort: str = "relevance"
    timing: str | None = None  # how the person said it ("na de zomer"), for the reply

    @property
    def has_constraints(self) -> bool:
        return bool(self.place or self.leerwegen or self.niveaus or self.max_price is not None
                    or self.start_from or self.start_to or self.offering_types)

    def search_filters(self) -> SearchFilters:
        """The index filters this understanding asks for, from the one request builder (a place without
        radius gets DEFAULT_RADIUS_KM). The chat names its budget and dates in its reply ("gratis"), so it
        keeps offerings with an unknown price or start date out, as it always did."""
        return build_request(
            "", leerwegen=self.leerwegen, niveaus=self.niveaus, offering_types=self.offering_types,
            max_price=self.max_price, start_from=self.start_from, start_to=self.start_to, place=self.place,
            radius_km=self.radius_km if self.place else None, keep_unknown_price=False,
            keep_unknown_start=False).filters

    def public_filters(self) -> dict[str, Any]:
        """The applied filters in the names of GET /api/search's parameters (plus ``persona``)."""
        out: dict[str, Any] = {"persona": self.persona, "q": self.topic}
        if self.leerwegen:
            out["leerweg"] = list(self.leerwegen)
        if self.niveaus:
            out["niveau"] = list(self.niveaus)
        if self.offering_types:
            out["type"] = list(self.offering_types)
        if self.max_price is not None:
            out["max_price"] = self.max_price
            out["keep_unknown_price"] = False
        if self.start_from:
            out["start_from"] = self.start_from.isoformat()
        if self.start_to:
            out["start_to"] = self.start_to.isoformat()
        if self.start_from or self.start_to:
            out["keep_unknown_start"] = False
        if self.place:
            out["place"] = self.place
            out["radius_km"] = self.radius_km if self.radius_km is not None else DEFAULT_RADIUS_KM
        if self.sort != "relevance":
            out["sort"] = self.sort
        return out

    def merged(self, newer: Understanding) -> Understanding:
        """This understanding updated with what a later message said (later values win when given)."""
        return replace(
            self,
            persona=newer.persona if newer.persona != "werkzoekende" else self.persona,
            topic=newer.topic or self.topic,
            place=newer.place or self.place,
            radius_km=newer.radius_km if newer.radius_km is not None else self.radius_km,
            leerwegen=newer.leerwegen or self.leerwegen,
            niveaus=newer.niveaus or self.niveaus,
            max_price=newer.max_price if newer.max_price is not None else self.max_price,
            start_from=newer.start_from or (None if newer.timing else self.start_from),
            start_to=newer.start_to or (None if newer.timing else self.start_to),
            offering_types=newer.offering_types or self.offering_types,
            sort=newer.sort if newer.sort != "relevance" else self.sort,
            timing=newer.timing or self.timing,
        )
