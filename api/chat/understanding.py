"""What the chat understood of a request: who asks, what, where, how, when, for how much.

One dataclass shared by the built-in dialogue, the LLM-assisted understanding and the answer wording, so
every path produces the same filters and the page can show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from index.filters import SearchFilters
from index.request import DEFAULT_RADIUS_KM, build_request
from skills.model import Leerweg, OfferingType

PERSONAS = ("werkzoekende", "adviseur", "werkgever")
MAX_TOPIC_CHARS = 300
MAX_CITED = 5


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
    cited: list[str] = field(default_factory=list)  # offering ids the previous answer cited (for follow-ups)

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

    @classmethod
    def from_public(cls, data: Mapping[str, Any], gazetteer: Any, exists: Callable[[str], bool]) -> Understanding:
        """The state the page sends back (a previous answer's ``filters`` plus ``cited``), every value checked:
        an unknown place, level, leerweg, type, date or id is dropped, never trusted."""
        def strings(key: str, allowed: Sequence[str]) -> list[str]:
            values = data.get(key)
            values = values if isinstance(values, list) else [values] if isinstance(values, str) else []
            table = {a.casefold(): a for a in allowed}
            return [table[v.casefold()] for v in values if isinstance(v, str) and v.casefold() in table]

        def number(key: str, low: float, high: float) -> float | None:
            value = data.get(key)
            ok = isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
            return float(value) if ok else None  # type: ignore[arg-type]

        def day(key: str) -> date | None:
            try:
                return date.fromisoformat(str(data.get(key))[:10]) if data.get(key) else None
            except ValueError:
                return None

        place = data.get("place") if isinstance(data.get("place"), str) else None
        located = gazetteer.locate(place) if place and gazetteer is not None else None
        if located is not None and not re.fullmatch(r"\d{4}", place or ""):
            place = str(getattr(located, "name", place))
        raw_niveaus, raw_topic, raw_cited = data.get("niveau"), data.get("q"), data.get("cited")
        niveaus: list[Any] = raw_niveaus if isinstance(raw_niveaus, list) else []
        topic = raw_topic if isinstance(raw_topic, str) else ""
        cited: list[Any] = raw_cited if isinstance(raw_cited, list) else []
        return cls(
            persona=str(data.get("persona")) if data.get("persona") in PERSONAS else "werkzoekende",
            topic=re.sub(r"[<>{}\[\]`\x00-\x1f]", " ", topic)[:MAX_TOPIC_CHARS].strip(),
            place=place if located is not None else None,
            radius_km=number("radius_km", 1, 300) if located is not None else None,
            leerwegen=strings("leerweg", [lw.value for lw in Leerweg]),
            niveaus=sorted({int(v) for v in niveaus if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4}),
            offering_types=strings("type", [t.value for t in OfferingType]),
            max_price=number("max_price", 0, 100_000), start_from=day("start_from"), start_to=day("start_to"),
            sort="start_date" if data.get("sort") == "start_date" else "relevance",
            cited=[c for c in cited[:MAX_CITED] if isinstance(c, str) and len(c) <= 40 and exists(c)],
        )
