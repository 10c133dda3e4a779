"""Areas people name instead of a town: provinces, arbeidsmarktregio's, landsdelen and a few regions in
common use, plus words that mean "anywhere in the country".

Every area is a set of gemeenten taken from the reference data (geo/gemeenten.csv: each gemeente's
provincie and arbeidsmarktregio, CBS 86247NED). Its point (for distances and the map) is the mean of its
gemeenten's GeoNames points, a derived value, never an invented coordinate. The regions beyond the CBS
columns are documented public groupings:

- landsdelen (CBS): Noord-Nederland = Groningen, Friesland, Drenthe; Oost-Nederland = Overijssel, Gelderland,
  Flevoland; West-Nederland = Utrecht, Noord-Holland, Zuid-Holland, Zeeland; Zuid-Nederland = Noord-Brabant,
  Limburg;
- Randstad: the provinces Noord-Holland, Zuid-Holland, Utrecht and Flevoland (the members of the former
  inter-provincial partnership Regio Randstad);
- short forms of province and arbeidsmarktregio names as people say them ("Brabant", "Fryslân", "Gooi",
  "Zaanstreek", "Kennemerland").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from skills.geo import Gazetteer, Place, normalize_name

# Words that mean "no place filter": the whole country.
NATIONAL = ("Nederland", "heel Nederland", "landelijk", "het hele land", "overal", "NL", "online")

LANDSDELEN: dict[str, tuple[str, ...]] = {
    "Noord-Nederland": ("Groningen", "Friesland", "Drenthe"),
    "Oost-Nederland": ("Overijssel", "Gelderland", "Flevoland"),
    "West-Nederland": ("Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland"),
    "Zuid-Nederland": ("Noord-Brabant", "Limburg"),
    "Randstad": ("Noord-Holland", "Zuid-Holland", "Utrecht", "Flevoland"),
}

# Other names of a province or arbeidsmarktregio (the official name is always registered too).
ALIASES: dict[str, str] = {
    "Brabant": "Noord-Brabant",
    "Fryslân": "Friesland",
    "Gooi": "Gooi en Vechtstreek",
    "het Gooi": "Gooi en Vechtstreek",
    "Zaanstreek": "Zaanstreek/Waterland",
    "Waterland": "Zaanstreek/Waterland",
    "Kennemerland": "Zuid-Kennemerland en IJmond",
    "IJmond": "Zuid-Kennemerland en IJmond",
    "De Peel": "Helmond-De Peel",
    "Stedendriehoek": "Veluwe Stedendriehoek",
    "Food Valley": "FoodValley",
    "Groot-Amsterdam": "Groot Amsterdam",
}


def _area(name: str, kind: str, members: list[Place]) -> Place:
    lat = sum(p.lat for p in members) / len(members)
    lon = sum(p.lon for p in members) / len(members)
    provinces = sorted({p.provincie for p in members})
    regions = sorted({p.arbeidsmarktregio for p in members})
    return Place(name=name, lat=round(lat, 5), lon=round(lon, 5), gemeente="",
                 provincie=provinces[0] if len(provinces) == 1 else "",
                 arbeidsmarktregio=regions[0] if len(regions) == 1 else "", kind=kind,
                 gemeenten=frozenset(p.gemeente for p in members))


def build_areas(gemeenten: Iterable[Place]) -> dict[str, Place]:
    """Every area by its name: provinces, arbeidsmarktregio's, landsdelen and the aliases above."""
    by_province: dict[str, list[Place]] = defaultdict(list)
    by_region: dict[str, list[Place]] = defaultdict(list)
    for g in gemeenten:
        by_province[g.provincie].append(g)
        if g.arbeidsmarktregio:
            by_region[g.arbeidsmarktregio].append(g)
    areas: dict[str, Place] = {}
    for name, members in by_region.items():
        areas[name] = _area(name, "arbeidsmarktregio", members)
    for name, members in by_province.items():  # a province wins a name it shares with a region (Zeeland)
        areas[name] = _area(name, "provincie", members)
    for name, provinces in LANDSDELEN.items():
        members = [g for p in provinces for g in by_province.get(p, [])]
        if members:
            areas[name] = _area(name, "landsdeel", members)
    for alias, target in ALIASES.items():
        if target in areas:
            areas[alias] = areas[target]
    everywhere = [g for members in by_province.values() for g in members]
    if everywhere:
        country = _area("Nederland", "land", everywhere)
        for word in NATIONAL:
            areas[word] = country
    return areas


def arbeidsmarktregio_areas(gemeenten: Iterable[Place]) -> list[Place]:
    """All arbeidsmarktregio's as areas, by name; also those whose name a province takes in
    :func:`build_areas` (Groningen, Zeeland, ...)."""
    by_region: dict[str, list[Place]] = defaultdict(list)
    for g in gemeenten:
        if g.arbeidsmarktregio:
            by_region[g.arbeidsmarktregio].append(g)
    return [_area(name, "arbeidsmarktregio", members) for name, members in sorted(by_region.items())]


def register_areas(gazetteer: Gazetteer, gemeenten: Iterable[Place]) -> int:
    """Add the areas to ``gazetteer`` ("provincie X" and "regio X" always name the area). A bare name
    that is also a gemeente's name stays the town ("Groningen", "Utrecht"); otherwise the area wins over a
    village of that name ("Zeeland" in Maashorst). Returns the number of areas."""
    gemeenten = list(gemeenten)
    areas = build_areas(gemeenten)
    gazetteer.regions = arbeidsmarktregio_areas(gemeenten)
    for name, area in areas.items():
        gazetteer.add_area(f"{area.kind} {name}" if area.kind in ("provincie", "arbeidsmarktregio") else name, area)
        gazetteer.add_area(f"regio {name}", area)
        current = gazetteer.locate(name)
        if current is None or current.kind != "plaats" or normalize_name(current.gemeente) != normalize_name(name):
            gazetteer.add_area(name, area)
    return len({id(a) for a in areas.values()})
