"""The place part of a search: what the person's place words mean and which offerings lie there.

A place is a town, postcode or area (province, arbeidsmarktregio, "Twente", "Randstad": see
:mod:`skills.regions`); "Nederland" / "landelijk" mean no place filter. An unknown name that looks like a
known one ("Zwole") is searched as that name, and the answer says so ("bedoelde je Zwolle?").

Distances: for a town or postcode, km from its point to each offering's nearest location; for an area, 0
for offerings with a location in one of its gemeenten, else km to the nearest of its gemeenten's points.
Distance arrays depend only on the place, so the last few are cached (lock-guarded, shared by threads).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from index.filter_columns import FilterColumns
from skills.errors import InvalidQueryError
from skills.geo import Place

DISTANCE_CACHE_PLACES = 32  # per-place distance arrays kept (8 bytes × offerings each)


class GazetteerLike(Protocol):
    def locate(self, text: str) -> Place | None: ...

    def closest_name(self, text: str, min_similarity: float = 85.0) -> Place | None: ...


@dataclass(frozen=True)
class ResolvedPlace:
    """What the place words meant. ``place`` None means the whole country (no place filter)."""

    asked: str
    place: Place | None
    corrected: bool = False  # the words were a typo of ``place.name``

    @property
    def label(self) -> str:
        if self.place is None:
            return "heel Nederland"
        if self.place.kind == "provincie":
            return f"de provincie {self.place.name}"
        if self.place.kind == "arbeidsmarktregio" and not self.place.name.startswith("Regio"):
            return f"de regio {self.place.name}"
        return self.place.name


class PlaceIndex:
    """Resolves place words and measures offerings' distance to a place."""

    def __init__(self, gazetteer: GazetteerLike | None, columns: FilterColumns,
                 locations: Sequence[Sequence[str]]) -> None:
        self._gazetteer = gazetteer
        self._columns = columns
        # gemeente of every offering location the gazetteer knows, as (row, gemeente) pairs
        self._loc_rows: list[int] = []
        self._loc_gemeente: list[str] = []
        if gazetteer is not None:
            for row, names in enumerate(locations):
                for name in names:
                    place = gazetteer.locate(str(name))
                    if place is not None and place.gemeente:
                        self._loc_rows.append(row)
                        self._loc_gemeente.append(place.gemeente)
        self._gemeente_arr = np.asarray(self._loc_gemeente, dtype=object)
        self._rows_arr = np.asarray(self._loc_rows, dtype=np.int64)
        self._cache: dict[str, np.ndarray] = {}
        self.stats = {"hits": 0, "misses": 0}
        self._lock = threading.Lock()

    def resolve(self, text: str) -> ResolvedPlace:
        """The place ``text`` names; InvalidQueryError (in Dutch) when nothing is like it."""
        if self._gazetteer is None:
            raise InvalidQueryError("zoeken op plaats is niet beschikbaar: geen geodata geladen")
        place = self._gazetteer.locate(text)
        corrected = False
        if place is None:
            place = self._gazetteer.closest_name(text)
            corrected = place is not None
        if place is None:
            raise InvalidQueryError(f"De plaats of postcode '{text}' kennen we niet. Controleer de spelling, "
                                    "of kies een plaats, postcode, provincie of regio (bijvoorbeeld Twente).")
        if place.kind == "land":
            return ResolvedPlace(text, None, corrected)
        return ResolvedPlace(text, place, corrected)

    def distances(self, place: Place) -> np.ndarray:
        """Km from ``place`` to every offering (inf where no location is known), cached per place."""
        key = f"{place.kind}:{place.name}:{place.lat}:{place.lon}"
        with self._lock:
            cached = self._cache.pop(key, None)
            self.stats["hits" if cached is not None else "misses"] += 1
        if cached is None:
            cached = self._compute(place)
            cached.flags.writeable = False
        with self._lock:
            self._cache[key] = cached  # most recently used last
            while len(self._cache) > DISTANCE_CACHE_PLACES:
                self._cache.pop(next(iter(self._cache)))
        return cached

    def _compute(self, place: Place) -> np.ndarray:
        if not place.is_area:
            return self._columns.distances(place.lat, place.lon)
        out = np.full(self._columns.n, np.inf, dtype=np.float64)
        points = [p for p in (self._locate(g) for g in sorted(place.gemeenten)) if p is not None]
        for p in points:
            np.minimum(out, self._columns.distances(p.lat, p.lon), out=out)
        if len(self._rows_arr):
            inside = np.isin(self._gemeente_arr, list(place.gemeenten))
            out[self._rows_arr[inside]] = 0.0
        return out

    def _locate(self, gemeente: str) -> Place | None:
        return self._gazetteer.locate(gemeente) if self._gazetteer is not None else None

    def mask(self, place: Place, radius_km: float, distance: np.ndarray) -> np.ndarray:
        """Offerings that count as "there": inside an area, or within ``radius_km`` of a town/postcode."""
        return distance <= 0.0 if place.is_area else distance <= radius_km

    def for_request(self, place: str | None, radius_km: float | None,
                    sort: str) -> tuple[ResolvedPlace | None, np.ndarray | None]:
        """What a request's place means and, for a real place, every offering's distance to it. A radius
        without a place, or sorting by distance without one, is an InvalidQueryError (in Dutch)."""
        if radius_km is not None and radius_km <= 0:
            raise InvalidQueryError("straal moet groter dan 0 km zijn")
        resolved = self.resolve(place) if place else None
        if resolved is None or resolved.place is None:
            if radius_km is not None and resolved is None:
                raise InvalidQueryError("een straal heeft een plaats of postcode nodig")
            if sort == "distance":
                raise InvalidQueryError("sorteren op afstand heeft een plaats of postcode nodig")
            return resolved, None
        return resolved, self.distances(resolved.place)


def describe_place(resolved: ResolvedPlace | None, radius_km: float | None) -> str:
    """"binnen 25 km van Goes" / "in de provincie Zeeland" (for the Dutch answers)."""
    if resolved is None or resolved.place is None:
        return "in heel Nederland"
    if resolved.place.is_area:
        return f"in {resolved.label}"
    radius = f"{radius_km:g}" if radius_km is not None else "25"
    return f"binnen {radius} km van {resolved.label}"


def public_place(resolved: ResolvedPlace | None) -> dict[str, Any] | None:
    """The resolved place for the API: what was asked, what it meant, and whether it was a typo."""
    if resolved is None:
        return None
    return {"asked": resolved.asked, "name": resolved.place.name if resolved.place else "Nederland",
            "kind": resolved.place.kind if resolved.place else "land", "corrected": resolved.corrected}
