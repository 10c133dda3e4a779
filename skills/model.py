"""Typed domain model shared by every stage. Dataclasses inside; pydantic only at the HTTP edge.

Codes keep the official spelling: crebo codes are 5-digit strings ("25486"), werkproces codes look like
"B1-K1-W2" (basisdeel) or "P1-K1-W1" (profieldeel), kerntaak codes like "B1-K1".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Leerweg(StrEnum):
    """Normalised learning routes. DEELTIJD covers 'deeltijd', 'BOL-volwassenen' and evening routes."""

    BOL = "BOL"
    BBL = "BBL"
    DERDE_LEERWEG = "DERDE_LEERWEG"
    DEELTIJD = "DEELTIJD"


class OfferingType(StrEnum):
    MBO_DIPLOMA = "mbo-diploma"
    MBO_CERTIFICAAT = "mbo-certificaat"
    PRAKTIJKVERKLARING = "praktijkverklaring"
    KEUZEDEEL = "keuzedeel"
    NON_MBO = "non-mbo course"


class TargetGroup(StrEnum):
    JONGEREN = "jongeren"
    VOLWASSENEN = "volwassenen"
    WERKENDEN = "werkenden"
    WERKZOEKENDEN = "werkzoekenden"
    ZIJ_INSTROMERS = "zij-instromers"


class ProviderKind(StrEnum):
    ROC = "roc"
    AOC = "aoc"
    VAKINSTELLING = "vakinstelling"
    PRIVATE = "private"
    UNKNOWN = "unknown"  # the source does not say (KiesMBO-only institutions)


@dataclass(frozen=True, slots=True)
class Werkproces:
    code: str  # "B1-K1-W2"; empty when the source has no codes (profielen_kerntaken.json)
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Kerntaak:
    code: str  # "B1-K1"
    name: str
    werkprocessen: tuple[Werkproces, ...] = ()


@dataclass(frozen=True, slots=True)
class Qualification:
    crebo: str
    name: str
    niveau: int  # 1 = entree, 2..4
    leerwegen: tuple[Leerweg, ...]
    dossier_crebo: str
    dossier: str
    opleidingsdomein: str
    opleidingsdomein_nr: int | None = None
    sectorkamer: str | None = None
    valid_from: date | None = None
    soort_opleiding: str = ""
    beroepsvereisten: str = ""
    beroepsbeschrijving: str = ""
    kerntaken: tuple[Kerntaak, ...] = ()
    legacy: bool = False  # True for the 2014 (pre-2015) structure
    # Lineage (skills.reference.lineage): every code this qualification is known by, newest first, and the
    # current name where a newer code's source gives one. Empty when no other code is known.
    codes: tuple[str, ...] = ()
    current_name: str = ""
    name_source: str = ""  # where the name comes from when not the 2015 regeling (standalone newer codes)

    @property
    def current_crebo(self) -> str:
        """The newest code known for this qualification (the crebo itself when no newer one is known)."""
        return self.codes[0] if self.codes else self.crebo

    @property
    def display_name(self) -> str:
        """The current name where known, else the official (2015) name."""
        return self.current_name or self.name


@dataclass(frozen=True, slots=True)
class Certificate:
    name: str
    code: str | None  # "C0123" when known
    parent_crebo: str | None
    kerntaken: tuple[str, ...] = ()  # kerntaak codes covered
    werkprocessen: tuple[str, ...] = ()  # werkproces codes covered
    status: str = ""
    source: str = ""  # file and line it was read from


@dataclass(frozen=True, slots=True)
class SkillConcept:
    id: str  # "wp:23183:B1-K1-W1", "esco-occ:<uuid>", "esco-sg:<code>", "qual:25486"
    label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    source: str = ""  # "werkproces" | "kerntaak" | "qualification" | "esco-occupation" | "esco-skillgroup"
    crebos: tuple[str, ...] = ()  # qualifications this concept is linked to


@dataclass(frozen=True, slots=True)
class ProviderLocation:
    name: str
    city: str
    street: str = ""
    postcode: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    brin: str | None = None
    website: str | None = None
    kind: ProviderKind = ProviderKind.ROC
    start_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    alt_name: str = ""  # another current name (KiesMBO's) where the registry keeps an older one
    locations: tuple[ProviderLocation, ...] = ()


@dataclass(slots=True)
class Offering:
    """One offering as found on one page. A page may hold several (one per leerweg or qualification)."""

    url: str  # canonical URL of the page that holds it
    title: str
    provider: str
    offering_type: OfferingType = OfferingType.MBO_DIPLOMA
    crebo_stated: str | None = None  # exactly as printed on the page (5 digits), not resolved
    leerwegen: list[Leerweg] = field(default_factory=list)
    niveau: int | None = None
    locations: list[str] = field(default_factory=list)
    duration: str | None = None
    price_eur: float | None = None
    price_note: str = ""  # unit and qualifiers printed with the amount: "per opleidingsjaar, excl. btw"
    start_dates: list[date] = field(default_factory=list)
    target_group: list[TargetGroup] = field(default_factory=list)
    description: str = ""
    slot: str = ""  # distinguishes several offerings on one page; stable across crawls
    content_hash: str = ""
    # Set by the store:
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    stale: bool = False

    @property
    def id(self) -> str:
        """Stable id from canonical URL and slot: the same offering keeps its id across crawls."""
        return hashlib.sha1(f"{self.url}#{self.slot}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mapping:
    """Offering → qualification with evidence. ``crebo`` is None when unmapped (never a forced guess)."""

    offering_id: str
    crebo: str | None
    confidence: float
    method: str  # "crebo" | "name-exact" | "name-fuzzy" | "skills" | "unmapped"
    evidence: tuple[str, ...] = ()
    certificate: str | None = None
    werkprocessen: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "crebo-contradicts-text", "legacy-crebo"


@dataclass(slots=True)
class CrawlRun:
    id: int | None
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"  # running | finished | failed | partial
    providers: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class PageFetch:
    """A fetched page: what a recrawl needs for conditional requests and change detection."""

    url: str
    provider: str
    status: int
    fetched_at: datetime
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    is_offering: bool | None = None
    run_id: int | None = None
    reason: str | None = None  # why the fetch gave no page (timeout, redirect-loop, oversize, ...)
    outlinks: list[tuple[str, int, int]] | None = None  # followed links: (url, priority, link score)
