"""The sample web's facts as data: pages and the offerings on them, before any markup.

The planner (:mod:`sampleweb.plan`) fills these; the styles render them and :mod:`sampleweb.truth` scores
the crawl against them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from skills.model import Kerntaak, Leerweg, OfferingType, Qualification, TargetGroup


@dataclass(frozen=True, slots=True)
class Start:
    day: date
    text: str  # as printed: "1 september 2027" or "februari 2027" (month-only means the 1st)


@dataclass(frozen=True, slots=True)
class Price:
    amount: float
    text: str  # "€ 1.250,- per jaar"


@dataclass(slots=True)
class OfferingSpec:
    title: str
    offering_type: OfferingType
    qual: Qualification | None
    crebo_stated: str | None
    leerweg: Leerweg | None
    niveau: int | None
    locations: list[str]
    duration: str | None
    price: Price | None
    starts: list[Start]
    target_group: list[TargetGroup]
    crebo_legacy: bool = False
    certificate: str | None = None
    kerntaken: list[Kerntaak] = field(default_factory=list)  # certificate: kerntaken covered
    start_note: str = ""  # shown when there is no start date ("Instromen kan in overleg")


@dataclass(slots=True)
class PageSpec:
    slug: str
    kind: str  # diploma | two-leerweg | two-level | adult | certificate | praktijkverklaring | course
    section: str  # opleidingen | volwassenen | archief
    heading: str
    offerings: list[OfferingSpec]
    intro: list[str]
    learn: list[str]
    parent: Qualification | None = None
    open_day: date | None = None
    injection: str | None = None
    script: str | None = None
    variant: int = 0  # picks label wordings within a style
    path: str = ""  # set by the site builder
    lastmod: date = date(2026, 10, 1)


def slugify(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")[:70]
