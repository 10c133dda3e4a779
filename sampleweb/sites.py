"""The providers of the sample web: real ROC names (institutions.csv) with their home towns, a few
invented private providers, and the style each site is built in."""

from __future__ import annotations

import math
from dataclasses import dataclass

from skills.errors import ReferenceDataError

from .source import Place, Source

# BRIN -> the town the ROC is based in (general knowledge; institutions.csv has no towns).
ROC_TOWNS: list[tuple[str, str]] = [
    ("00GT", "Rotterdam"), ("01AA", "Zwolle"), ("04FO", "'s-Hertogenbosch"), ("08PG", "Leeuwarden"),
    ("20MQ", "Dordrecht"), ("24ZZ", "Doetinchem"), ("25LF", "Arnhem"), ("25LH", "Utrecht"),
    ("25LN", "Zoetermeer"), ("25LP", "Rotterdam"), ("25LR", "Almere"), ("25LT", "Venlo"),
    ("25LU", "Groningen"), ("25LX", "Breda"), ("25LZ", "Tilburg"), ("25MA", "Leiden"),
    ("25MB", "Eindhoven"), ("25PL", "Maastricht"), ("25PN", "Nijmegen"), ("25PT", "Alkmaar"),
    ("25PU", "Heerlen"), ("25PV", "Goes"), ("25PW", "Assen"), ("25PX", "Haarlem"),
    ("25PZ", "Amsterdam"), ("27DV", "Apeldoorn"),
]
PRIVATE: list[tuple[str, str]] = [
    ("Zorgacademie Domstad", "Utrecht"), ("Vakopleidingen Oost", "Apeldoorn"),
    ("Leerwerk Academie Rijnmond", "Rotterdam"),
]
# 14-step cycle: every style at least twice over 29 sites, the catalogue twice (its data is one feed).
STYLE_CYCLE = ["jsonld_cms", "kort", "prose", "tables", "listing", "kort", "jsonld_cms", "tables", "listing",
               "prose", "kort", "catalogue", "jsonld_cms", "listing"]
SMALL_STYLES = ["jsonld_cms", "kort", "listing", "catalogue"]
DISPLAY_NAMES = {"'s-Gravenhage": "Den Haag"}


@dataclass(frozen=True, slots=True)
class ProviderPlan:
    name: str
    brin: str | None
    kind: str
    style: str
    places: list[str]  # main town first, then real nearby towns


def _km(a: Place, b: Place) -> float:
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def nearby_places(source: Source, town: str, k: int = 3, radius_km: float = 20.0) -> list[str]:
    """``town`` followed by up to ``k`` of the most populous other towns within ``radius_km``."""
    matches = [p for p in source.places if p.name == town]
    if not matches:
        raise ReferenceDataError(f"town {town!r} not in geo/woonplaatsen.csv", [("geo/woonplaatsen.csv", None, town)])
    home = max(matches, key=lambda p: p.population)
    near = sorted((p for p in source.places if p.name != town and p.population >= 15000 and _km(home, p) <= radius_km),
                  key=lambda p: (-p.population, p.name))
    names: list[str] = []
    for p in near:
        if p.name not in names:
            names.append(p.name)
    return [DISPLAY_NAMES.get(n, n) for n in [town, *names[:k]]]


def plan_providers(source: Source, small: bool) -> list[ProviderPlan]:
    plans: list[ProviderPlan] = []
    for i, (brin, town) in enumerate(ROC_TOWNS):
        if brin not in source.institutions:
            raise ReferenceDataError(f"BRIN {brin} not in institutions.csv", [("institutions/institutions.csv", None, brin)])
        plans.append(ProviderPlan(source.institutions[brin], brin, "roc", STYLE_CYCLE[i % len(STYLE_CYCLE)],
                                  nearby_places(source, town)))
    for j, (name, town) in enumerate(PRIVATE):
        style = STYLE_CYCLE[(len(ROC_TOWNS) + j) % len(STYLE_CYCLE)]
        plans.append(ProviderPlan(name, None, "private", style, nearby_places(source, town, k=1)))
    if not small:
        return plans
    picked = []
    for style in SMALL_STYLES:
        picked.append(next(p for p in plans if p.style == style and p not in picked))
    return picked
