"""geo/ → Gazetteer (see geo/PROVENANCE.md). Optional: without geo/ the gazetteer is None.

Name tiers, best first: postal woonplaatsen (town centres), gemeenten, other GeoNames places, city
districts (PPLX), then GeoNames alternate names as aliases ("Den Haag", "Den Bosch"); last the areas of
:mod:`skills.regions` (provinces, arbeidsmarktregio's, "Twente", "Randstad", "Nederland"). Aliases that are
all lower case or short all-caps codes are skipped: GeoNames carries automatic transliterations there.
"""

from __future__ import annotations

from skills.geo import Gazetteer, Place
from skills.reference.table import ReferenceFiles, Row, read_keyed
from skills.reference.validation import GEMEENTECODE_RE, PC4_RE, ProblemLog
from skills.regions import register_areas

WOONPLAATSEN_FILE = "geo/woonplaatsen.csv"
GEMEENTEN_FILE = "geo/gemeenten.csv"
PLAATSEN_FILE = "geo/plaatsen.csv"
PC4_FILE = "geo/pc4.csv"
_AREA = ("gemeentenaam", "provincie", "arbeidsmarktregio", "lat", "lon")
_LAT, _LON = (50.5, 53.8), (3.0, 7.5)  # European Netherlands with a margin


def has_geo(files: ReferenceFiles) -> bool:
    return bool(files.paths(WOONPLAATSEN_FILE) or files.paths(PC4_FILE))


def _place(row: Row, name: str, log: ProblemLog) -> Place | None:
    try:
        lat, lon = float(row.get("lat")), float(row.get("lon"))
    except ValueError:
        log.add(row.file, row.line, f"{name}: lat/lon {row.get('lat')!r}/{row.get('lon')!r} are not numbers")
        return None
    if not (_LAT[0] <= lat <= _LAT[1] and _LON[0] <= lon <= _LON[1]):
        log.add(row.file, row.line, f"{name}: lat/lon {lat}/{lon} outside the Netherlands")
        return None
    return Place(name=name, lat=lat, lon=lon, gemeente=row.get("gemeentenaam"), provincie=row.get("provincie"),
                 arbeidsmarktregio=row.get("arbeidsmarktregio"))


def _population(row: Row, column: str) -> int:
    text = row.get(column)
    return int(text) if text.isdigit() else 0


def _useful_alias(alias: str) -> bool:
    if not alias or alias == alias.lower():
        return False
    return not (alias == alias.upper() and len(alias) <= 4)


def load_gazetteer(files: ReferenceFiles, log: ProblemLog) -> Gazetteer | None:
    """Build the gazetteer from geo/, or None when there is no geo/ folder."""
    if not has_geo(files):
        return None
    gazetteer = Gazetteer()
    by_geonameid: dict[str, Place] = {}
    woonplaatsen = read_keyed(files, WOONPLAATSEN_FILE, lambda r: f"{r.get('woonplaats')}/{r.get('gemeentecode')}",
                              log, "woonplaats/gemeentecode", required=("woonplaats", "geonameid", "gemeentecode",
                                                                        "geonames_population", *_AREA))
    for row in (woonplaatsen or {}).values():
        place = _place(row, row.get("woonplaats"), log)
        if place is not None:
            gazetteer.add_name(place.name, place, 0, _population(row, "geonames_population"))
            if row.get("geonameid"):
                by_geonameid[row.get("geonameid")] = place
    gemeenten = read_keyed(files, GEMEENTEN_FILE, lambda r: r.get("gemeentecode"), log, "gemeentecode",
                           required=("gemeentecode", "geonames_population", *_AREA))
    gemeente_places: list[Place] = []
    for code, row in (gemeenten or {}).items():
        if not GEMEENTECODE_RE.fullmatch(code):
            log.add(row.file, row.line, f"malformed gemeentecode {code!r} (expected 4 digits)")
            continue
        place = _place(row, row.get("gemeentenaam"), log)
        if place is not None:
            gazetteer.add_name(place.name, place, 1, _population(row, "geonames_population"))
            gemeente_places.append(place)
    plaatsen = read_keyed(files, PLAATSEN_FILE, lambda r: r.get("geonameid"), log, "geonameid",
                          required=("geonameid", "naam", "asciinaam", "alt_namen", "feature_code", "population",
                                    *_AREA))
    aliases: list[tuple[str, Place, int]] = []
    for geonameid, row in (plaatsen or {}).items():
        population = _population(row, "population")
        place = by_geonameid.get(geonameid) or _place(row, row.get("naam"), log)
        if place is None:
            continue
        tier = 3 if row.get("feature_code") == "PPLX" else 2
        gazetteer.add_name(row.get("naam"), place, tier, population)
        gazetteer.add_name(row.get("asciinaam"), place, tier, population)
        aliases.extend((alias, place, population) for alias in row.get("alt_namen").split("|")
                       if _useful_alias(alias.strip()))
    for alias, place, population in aliases:
        gazetteer.add_name(alias, place, 4, population)
    postcodes = read_keyed(files, PC4_FILE, lambda r: r.get("pc4"), log, "pc4", required=("pc4", "woonplaats", *_AREA))
    for pc4, row in (postcodes or {}).items():
        if not PC4_RE.fullmatch(pc4):
            log.add(row.file, row.line, f"malformed pc4 {pc4!r} (expected 4 digits, not starting with 0)")
            continue
        place = _place(row, row.get("woonplaats"), log)
        if place is not None:
            gazetteer.add_postcode(pc4, place)
    regions = {row.get("arbeidsmarktregio") for row in (gemeenten or {}).values() if row.get("arbeidsmarktregio")}
    areas = register_areas(gazetteer, gemeente_places) if gemeente_places else 0
    gazetteer.counts = {
        "geo_woonplaatsen": len(woonplaatsen or {}),
        "geo_gemeenten": len(gemeenten or {}),
        "geo_plaatsen": len(plaatsen or {}),
        "geo_postcodes": len(postcodes or {}),
        "geo_arbeidsmarktregios": len(regions),
        "geo_areas": areas,
        "geo_names": len(gazetteer),
    }
    return gazetteer
