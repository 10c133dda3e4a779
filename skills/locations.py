"""Where an offering is given: each place its page names, resolved to one of the provider's own locations
(KiesMBO addresses with coordinates) where the page allows, else to the town.

An offering's provider is found in the registry by :class:`skills.registry.ProviderDirectory` (website host,
else name). Each place the page names is then
matched, most specific first:

1. **postcode** of a location ("2015 CK" in the place text);
2. **street** of a location (the street name without its number, whole words; the number narrows it when
   given);
3. **location name** ("Nova Campus Haarlem");
4. **town**: the locations in that town. One location there (or several at one point, such as two entries for
   one building) gives that location. Several at different points: the offering's own text decides when it
   names exactly one of them by street or location name; otherwise the town's coordinates (the gazetteer's
   town centre): a town with several school buildings is not guessed.

A place no location matches falls back to the gazetteer (town, postcode), as before. Every resolution says
its level (``locatie`` or ``plaats``) and how it was found, so counts and the API stay honest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from skills.geo import Gazetteer, Place, normalize_name
from skills.model import Provider, ProviderLocation
from skills.registry import ProviderDirectory

TOWN_CACHE = 50_000  # distinct place texts whose town resolution is kept
SAME_POINT_KM = 0.15  # locations this close are one building (KiesMBO lists some buildings twice)
_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([A-Za-z]{2})\b")
_HOUSE_NUMBER = re.compile(r"\s+\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)*\s*$")
_NUMBER = re.compile(r"\d+")
LEVEL_LOCATION, LEVEL_TOWN, LEVEL_AREA = "locatie", "plaats", "gebied"
_PROVINCE_SUFFIXES = frozenset({"gld", "gl", "nb", "nh", "zh", "ov", "ut", "dr", "fr", "gr", "lb", "li", "zl", "fl"})


class GazetteerLike(Protocol):
    def locate(self, text: str) -> Place | None: ...


@dataclass(frozen=True, slots=True)
class ResolvedLocation:
    """One place an offering's page names, with the point it was resolved to."""

    asked: str  # the place as the page names it
    level: str  # "locatie" (one of the provider's buildings) | "plaats" (town centre, postcode) | "gebied" (a region)
    how: str  # "postcode" | "straat" | "locatienaam" | "enige locatie in de plaats" | "straat in de tekst" | level
    lat: float
    lon: float
    gemeente: str = ""
    arbeidsmarktregio: str = ""
    location: str = ""  # the provider location's name (level "locatie")
    street: str = ""
    postcode: str = ""
    city: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"asked": self.asked, "level": self.level, "how": self.how, "lat": self.lat, "lon": self.lon,
                "gemeente": self.gemeente, "arbeidsmarktregio": self.arbeidsmarktregio, "location": self.location,
                "street": self.street, "postcode": self.postcode, "city": self.city}


def street_name(street: str) -> str:
    """The street without its house number ("Ir. Lelyweg 45/47" → "ir lelyweg"), as a lookup key."""
    return normalize_name(_HOUSE_NUMBER.sub("", street))


def _distance_km(a: ProviderLocation, b: ProviderLocation) -> float:
    return Gazetteer.distance_km((a.lat or 0.0, a.lon or 0.0), (b.lat or 0.0, b.lon or 0.0))


def _one_point(locations: Sequence[ProviderLocation]) -> ProviderLocation | None:
    """The first location when all lie within SAME_POINT_KM of it, else None."""
    if not locations:
        return None
    first = locations[0]
    return first if all(_distance_km(first, other) <= SAME_POINT_KM for other in locations[1:]) else None


def _text_words(loc: ProviderLocation) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """A building's street (without number) and name as they would appear in page text (lower case), and a
    whole-word pattern for them; a name that is only the town's name or shorter than 5 letters does not
    distinguish a building."""
    street = " ".join(_HOUSE_NUMBER.sub("", loc.street).split()).lower()
    names = tuple(dict.fromkeys(n for n in (street, " ".join(loc.name.split()).lower())
                                if len(n) >= 5 and city_key(n) != city_key(loc.city)))
    if not names:
        return (), None
    return names, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def city_key(city: str) -> str:
    """A town as a lookup key; a trailing province abbreviation is dropped ("Ede gld" → "ede")."""
    words = normalize_name(city).split()
    if len(words) > 1 and words[-1] in _PROVINCE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def building_place(gazetteer: GazetteerLike | None, postcode: str, city: str) -> Place | None:
    """The gazetteer place of a building (for its gemeente and arbeidsmarktregio): by its 4-digit postcode, else
    by its town ("Ede gld" read as Ede); None without a gazetteer or when neither is known."""
    if gazetteer is None:
        return None
    pc = re.search(r"[1-9]\d{3}", postcode)
    found = gazetteer.locate(pc.group(0)) if pc else None
    return found or gazetteer.locate(city) or gazetteer.locate(city_key(city))


def building_region(gazetteer: GazetteerLike | None, postcode: str, city: str) -> str:
    """The arbeidsmarktregio of a building ("" when unknown); see :func:`building_place`."""
    place = building_place(gazetteer, postcode, city)
    return place.arbeidsmarktregio if place is not None else ""


@dataclass(frozen=True, slots=True)
class _Building:
    """A located building with its lookup keys, computed once."""

    loc: ProviderLocation
    street: str
    name: str
    city: str
    postcode: str
    numbers: frozenset[str]
    in_text: tuple[str, ...]  # lower-cased street (without number) and name that identify it in running text
    in_text_re: re.Pattern[str] | None  # the same, whole words (checked only after a cheap substring hit)


class LocationResolver:
    """Resolves offering places against the provider registry and the gazetteer (see the module doc).
    Built once for an index build; not thread-safe (it caches the town lookups)."""

    def __init__(self, providers: Iterable[Provider], gazetteer: GazetteerLike | None) -> None:
        self.gazetteer = gazetteer
        located = [p for p in providers if any(loc.lat is not None and loc.lon is not None for loc in p.locations)]
        self.directory = ProviderDirectory(located)
        self._buildings: dict[int, tuple[_Building, ...]] = {
            id(p): tuple(_Building(loc, street_name(loc.street), normalize_name(loc.name), city_key(loc.city),
                                   normalize_name(loc.postcode), frozenset(_NUMBER.findall(loc.street)),
                                   *_text_words(loc))
                         for loc in p.locations if loc.lat is not None and loc.lon is not None)
            for p in located}
        self._towns: dict[str, ResolvedLocation | None] = {}
        # (provider, place) → the building found without the page text, or the town's buildings to pick from
        self._named: dict[tuple[int, str], ResolvedLocation | tuple[_Building, ...] | None] = {}

    def provider_for(self, provider_name: str, url: str = "") -> Provider | None:
        """The registry provider (with located buildings) of an offering: by URL host, then by name."""
        return self.directory.find(provider_name, url)

    def resolve(self, places: Sequence[str], provider_name: str, url: str = "",
                text: str = "") -> list[ResolvedLocation]:
        """Each place in ``places`` that resolves, in order; ``text`` is the offering's own text (title and
        description), used only to pick one of several buildings in a named town."""
        provider = self.provider_for(provider_name, url) if places else None
        buildings = self._buildings.get(id(provider), ()) if provider is not None else ()
        out: list[ResolvedLocation] = []
        for asked in places:
            found = self._at_provider(id(provider), asked, buildings, text) if buildings else None
            if found is None:
                found = self._in_town(asked)
            if found is not None:
                out.append(found)
        return out

    def _at_provider(self, provider: int, asked: str, buildings: Sequence[_Building],
                     text: str) -> ResolvedLocation | None:
        cache_key = (provider, asked)
        if cache_key not in self._named:
            named = self._named_building(asked, buildings)
            if len(self._named) < TOWN_CACHE:
                self._named[cache_key] = named
        else:
            named = self._named[cache_key]
        if named is None or isinstance(named, ResolvedLocation):
            return named
        if not text:
            return None
        low = text.lower()
        mentioned = [b.loc for b in named if b.in_text_re is not None and any(w in low for w in b.in_text)
                     and b.in_text_re.search(low)]
        if (one := _one_point(mentioned)) is not None:
            return self._location(asked, one, "straat in de tekst")
        return None

    def _named_building(self, asked: str, buildings: Sequence[_Building]) -> ResolvedLocation | tuple[_Building, ...] | None:
        """The building the place text names (postcode, street, name, a town with one building), else the town's
        buildings for the page text to pick from, else None."""
        key = normalize_name(asked)
        if not key:
            return None
        postcode = _POSTCODE.search(asked)
        if postcode:
            pc = normalize_name(f"{postcode.group(1)} {postcode.group(2)}")
            if (one := _one_point([b.loc for b in buildings if b.postcode == pc])) is not None:
                return self._location(asked, one, "postcode")
        by_street = [b for b in buildings if _contains(key, b.street)]
        numbers = set(_NUMBER.findall(asked))
        if numbers and by_street:
            by_street = [b for b in by_street if b.numbers & numbers] or by_street
        if (one := _one_point([b.loc for b in by_street])) is not None:
            return self._location(asked, one, "straat")
        if (one := _one_point([b.loc for b in buildings if b.name == key])) is not None:
            return self._location(asked, one, "locatienaam")
        in_town = tuple(b for b in buildings if b.city == key)
        if (one := _one_point([b.loc for b in in_town])) is not None:
            return self._location(asked, one, "enige locatie in de plaats")
        return in_town or None

    def _location(self, asked: str, loc: ProviderLocation, how: str) -> ResolvedLocation:
        area = self._area_of(loc)
        return ResolvedLocation(asked=asked, level=LEVEL_LOCATION, how=how, lat=float(loc.lat or 0.0),
                                lon=float(loc.lon or 0.0), gemeente=area.gemeente if area else "",
                                arbeidsmarktregio=area.arbeidsmarktregio if area else "", location=loc.name,
                                street=loc.street, postcode=loc.postcode, city=loc.city)

    def _area_of(self, loc: ProviderLocation) -> Place | None:
        return building_place(self.gazetteer, loc.postcode, loc.city)

    def _in_town(self, asked: str) -> ResolvedLocation | None:
        if asked in self._towns:
            return self._towns[asked]
        found = self._town(asked)
        if len(self._towns) < TOWN_CACHE:
            self._towns[asked] = found
        return found

    def _town(self, asked: str) -> ResolvedLocation | None:
        place = self.gazetteer.locate(asked) if self.gazetteer is not None else None
        if place is None:
            return None
        level = LEVEL_AREA if place.is_area else LEVEL_TOWN
        return ResolvedLocation(asked=asked, level=level, how=level, lat=float(place.lat),
                                lon=float(place.lon), gemeente=place.gemeente,
                                arbeidsmarktregio=place.arbeidsmarktregio, city=place.name)
