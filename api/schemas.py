"""HTTP schemas, split by direction: `...Public` goes out, request models come in. Internals never leak."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class QualificationRef(BaseModel):
    crebo: str
    name: str | None = None
    current_crebo: str | None = Field(default=None, description="the current code, when the lineage knows a newer one")
    current_name: str | None = Field(default=None, description="the qualification's name under its current code")


class OfficialSkillRef(BaseModel):
    label: str = Field(description="Dutch label of a CompetentNL or ESCO skill the searcher's words hit")
    source: str


class OfferingPublic(BaseModel):
    """One result card: the fields `llo search --json` gives, plus what a card shows."""

    id: str
    title: str
    provider: str
    qualification: QualificationRef | None
    score: float
    matched_skills: list[str]
    offering_type: str | None = None
    leerwegen: list[str] = []
    niveau: int | None = None
    locations: list[str] = []
    start_dates: list[date] = []
    price_eur: float | None = None
    price_note: str = Field(default="", description="unit and qualifiers as the page printed them: 'per jaar'")
    price_text: str = Field(default="prijs onbekend", description="price with its unit: '€ 525 per jaar'")
    duration: str | None = None
    url: str | None = None
    distance_km: float | None = None
    matched_words: list[str] = Field(default=[], description="the searcher's words this offering carries")
    matched_in: list[str] = Field(default=[], description="where they occur: titel, kwalificatie, beschrijving")
    outside: list[str] = Field(default=[], description="for a nearest alternative: the filters it misses")
    official_skills: list[OfficialSkillRef] = Field(
        default=[], description="official skills of the qualification (Dutch labels) the searcher's words hit")


class PlacePublic(BaseModel):
    asked: str
    name: str
    kind: str = Field(description="plaats, provincie, arbeidsmarktregio, landsdeel or land (no place filter)")
    corrected: bool = Field(description="the place words were a typo of `name` (ask 'bedoelde je …?')")


class SearchPublic(BaseModel):
    """Relevant offerings only: ``total`` and ``facets`` count those. When none satisfies the filters,
    ``reason`` says so and ``nearest`` holds the nearest relevant offerings outside them."""

    results: list[OfferingPublic]
    total: int
    facets: dict[str, dict[str, int]]
    reason: str | None = None
    nearest: list[OfferingPublic] = []
    place: PlacePublic | None = None
    offset: int = 0
    limit: int = 10


class MappingPublic(BaseModel):
    crebo: str | None
    confidence: float
    method: str
    evidence: list[str] = []
    certificate: str | None = None
    werkprocessen: list[str] = []
    flags: list[str] = []


class OfferingPlacePublic(BaseModel):
    """A place the offering's page names, resolved to one of the provider's buildings or to the town."""

    asked: str = Field(description="the place as the page names it")
    level: str = Field(description="locatie (a building of the provider), plaats (town or postcode) or gebied")
    how: str = Field(description="how it was resolved: postcode, straat, locatienaam, enige locatie in de plaats, "
                                 "straat in de tekst, plaats or gebied")
    lat: float
    lon: float
    gemeente: str = ""
    arbeidsmarktregio: str = ""
    location: str = Field(default="", description="the building's name (level locatie)")
    street: str = ""
    postcode: str = ""
    city: str = ""


class OfferingDetailPublic(OfferingPublic):
    description: str = ""
    target_group: list[str] = []
    crebo_stated: str | None = None
    source_url: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    mapping: MappingPublic | None = None
    stagemarkt_url: str | None = Field(
        default=None, description="Stagemarkt search for erkende leerbedrijven (bbl) by crebo and place"
    )
    places: list[OfferingPlacePublic] = Field(default=[], description="its places with coordinates, building-level "
                                                                     "where the page names one")


class QualificationHitPublic(BaseModel):
    crebo: str
    name: str
    niveau: int | None = None
    score: float
    matched_skills: list[str]
    n_offerings: int = 0


class QualificationListPublic(BaseModel):
    results: list[QualificationHitPublic]


class WerkprocesPublic(BaseModel):
    code: str
    name: str
    description: str = ""


class KerntaakPublic(BaseModel):
    code: str
    name: str
    werkprocessen: list[WerkprocesPublic]
    source: str = Field(default="", description="'' for the SBB dossier; else the school documents it was read from")


class ProviderOfferingsPublic(BaseModel):
    provider: str
    offerings: list[OfferingPublic]


class LineageLinkPublic(BaseModel):
    code: str
    era: str = Field(description="'newer' (since 2016) or 'legacy' (2014 structure)")
    evidence: str
    source: str


class OfficialSkillPublic(BaseModel):
    label: str = Field(description="Dutch label")
    category: str = Field(description="essentieel | optioneel")
    source: str = Field(description="CompetentNL, or the ESCO occupation it came through")


class QualificationDetailPublic(BaseModel):
    crebo: str
    name: str
    current_crebo: str = Field(description="the newest code known (the crebo itself when none is)")
    current_name: str = ""
    codes: list[str] = Field(default_factory=list, description="every code this qualification is known by")
    lineage: list[LineageLinkPublic] = Field(default_factory=list, description="how each other code is linked")
    name_source: str = ""
    niveau: int = Field(description="1 = entree .. 4; 0 when the sources give none (a newer qualification)")
    leerwegen: list[str]
    dossier: str
    dossier_crebo: str
    opleidingsdomein: str
    sectorkamer: str | None = None
    beroepsbeschrijving: str = ""
    kerntaken: list[KerntaakPublic]
    skills: list[str]
    official_skills: list[OfficialSkillPublic] = Field(default_factory=list)
    occupations: list[dict[str, Any]]
    providers: list[ProviderOfferingsPublic]
    n_offerings: int


class MatchRequest(BaseModel):
    text: str = Field(max_length=1_000_000, description="any Dutch text: a vacancy, job description, CV paragraph, "
                      "school document (the matcher's own limit, with a Dutch message, is lower)")
    limit: int = Field(default=5, ge=1, le=20, description="qualifications to return")
    place: str | None = Field(default=None, max_length=80,
                              description="plaats, postcode, provincie of regio: opleidingen in de buurt eerst")
    radius_km: float | None = Field(default=None, gt=0, le=300, description="afstand rond de plaats (standaard 25)")


class QualificationMatchPublic(BaseModel):
    crebo: str = Field(description="the current code where known")
    name: str
    codes: list[str] = Field(description="every code this qualification is known by, newest first")
    niveau: int
    score: float
    matched_skills: list[str]


class MatchPublic(BaseModel):
    """With a place: ``offerings`` lie within the radius; when none does, ``reason`` says so in Dutch and
    ``nearest`` holds the nearest offerings of the matched qualifications outside it."""

    qualifications: list[QualificationMatchPublic]
    offerings: list[OfferingPublic]
    reason: str | None = None
    nearest: list[OfferingPublic] = []
    place: PlacePublic | None = None


class HealthPublic(BaseModel):
    status: str
    index: dict[str, Any] | None
    index_error: str | None = None
    qualifications: int
    version: str
    build: str | None = Field(None, description="the index build (directory name) this worker serves")
    worker: int = Field(description="process id of the worker that answered (`llo serve --workers N` runs several)")
