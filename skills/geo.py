"""Gazetteer: Dutch place names and postcodes → coordinates, gemeente, provincie and arbeidsmarktregio.

Pure: built from lists of places by :mod:`skills.reference.geo`. Lookups are case- and
accent-insensitive and ignore punctuation ("s-Hertogenbosch" = "'s-Hertogenbosch" = "S HERTOGENBOSCH").
When a name is ambiguous the first-registered, then most-populous place wins: the loader registers
postal woonplaatsen first, then gemeenten, then other GeoNames places, then aliases.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
_POSTCODE_RE = re.compile(r"([1-9]\d{3})\s*(?:[A-Za-z]{2})?")
_PUNCT_RE = re.compile(r"[\s\-'’`´.,/()]+")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    gemeente: str
    provincie: str
    arbeidsmarktregio: str
    kind: str = "plaats"  # plaats | postcode | provincie | arbeidsmarktregio | landsdeel | land
    gemeenten: frozenset[str] = frozenset()  # an area's member gemeenten (empty for a point)

    @property
    def is_area(self) -> bool:
        return bool(self.gemeenten)


def normalize_name(text: str) -> str:
    """Lookup key of a place name: lower case, accents and punctuation removed, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _PUNCT_RE.sub(" ", plain).strip()


class Gazetteer:
    """Place names (with aliases) and 4-digit postcodes. Build with :meth:`add_name` / :meth:`add_postcode`."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[int, int, Place]] = {}  # key → (tier, -population, place)
        self._postcodes: dict[str, Place] = {}
        self._sorted_keys: list[str] | None = None
        self.counts: dict[str, int] = {}
        self.regions: list[Place] = []  # every arbeidsmarktregio as an area (skills.regions.register_areas)

    def add_name(self, name: str, place: Place, tier: int = 0, population: int = 0) -> None:
        """Register ``name`` for ``place``. Lower ``tier`` wins, then larger ``population``."""
        key = normalize_name(name)
        if not key:
            return
        rank = (tier, -population, place)
        current = self._names.get(key)
        if current is None or rank[:2] < current[:2]:
            self._names[key] = rank
            self._sorted_keys = None

    def add_area(self, name: str, area: Place) -> None:
        """Register ``name`` for an area (see :mod:`skills.regions`); it replaces what the name meant."""
        key = normalize_name(name)
        if key:
            self._names[key] = (-1, 0, area)
            self._sorted_keys = None

    def closest_name(self, text: str, min_similarity: float = 85.0) -> Place | None:
        """The place whose name is most like ``text`` (a typo: "Zwole" → Zwolle), or None when no name is
        at least ``min_similarity`` (rapidfuzz ratio, 0–100) alike. Ties go to the better-ranked name."""
        from rapidfuzz import fuzz, process

        key = normalize_name(text)
        if len(key) < 3:
            return None
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self._names)
        found = process.extract(key, self._sorted_keys, scorer=fuzz.ratio, score_cutoff=min_similarity, limit=8)
        if not found:
            return None
        best = max(score for _, score, _ in found)
        names = [name for name, score, _ in found if score == best]
        return min((self._names[n] for n in names), key=lambda e: e[:2])[2]

    def add_postcode(self, pc4: str, place: Place) -> None:
        self._postcodes[pc4] = place

    def __len__(self) -> int:
        return len(self._names)

    def locate(self, text: str) -> Place | None:
        """The place for a place name, alias, 4-digit postcode or full postcode ("1011 AB"); None if unknown."""
        stripped = text.strip()
        match = _POSTCODE_RE.fullmatch(stripped)
        if match:
            return self._postcodes.get(match.group(1))
        entry = self._names.get(normalize_name(stripped))
        return entry[2] if entry else None

    def suggest(self, prefix: str, limit: int = 10) -> list[Place]:
        """Places whose name (or alias) starts with ``prefix``: an exact match first, then the most
        populous (what a person typing a prefix most likely means), then by tier. Distinct places only."""
        key = normalize_name(prefix)
        if not key or limit <= 0:
            return []
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self._names)
        keys = self._sorted_keys
        start = bisect.bisect_left(keys, key)
        candidates = []
        for index in range(start, len(keys)):
            name = keys[index]
            if not name.startswith(key):
                break
            tier, population, place = self._names[name]
            candidates.append((name != key, population, tier, place.name, place))
        candidates.sort(key=lambda c: c[:4])
        result: list[Place] = []
        for *_, place in candidates:
            if place not in result:
                result.append(place)
                if len(result) == limit:
                    break
        return result

    @staticmethod
    def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
        """Great-circle (haversine) distance between two (lat, lon) points in kilometres."""
        lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
        h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
