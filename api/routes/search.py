"""GET /api/search and its exports (CSV, schema.org JSON-LD)."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from api.deps import EngineDep, StateDep
from api.presenters import hit_public
from api.schemas import SearchPublic
from api.spreadsheet import neutralise
from index.search import SearchFilters, SearchResults
from skills.errors import InvalidQueryError

router = APIRouter(prefix="/api/search", tags=["search"])

MAX_QUERY_CHARS = 300
SORTS = ("relevance", "start_date", "distance", "price")
ENGINE_PAGE = 100  # the most hits SearchEngine.search returns per call


class SearchRequest:
    """Query parameters shared by the search and export endpoints."""

    def __init__(
        self,
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="wat je kunt of wilt doen")] = "",
        leerweg: Annotated[list[str], Query(description="BOL, BBL, DERDE_LEERWEG, DEELTIJD")] = [],  # noqa: B006
        niveau: Annotated[list[Annotated[int, Field(ge=1, le=4)]], Query(description="1 (entree) t/m 4")] = [],  # noqa: B006
        type: Annotated[list[str], Query(description="mbo-diploma, mbo-certificaat, ...")] = [],  # noqa: B006
        domein: Annotated[list[str], Query(description="opleidingsdomein")] = [],  # noqa: B006
        provider: Annotated[list[str], Query()] = [],  # noqa: B006
        max_price: Annotated[float | None, Query(ge=0)] = None,
        start_from: date | None = None,
        start_to: date | None = None,
        place: Annotated[str | None, Query(max_length=80, description="plaats of postcode")] = None,
        radius_km: Annotated[float | None, Query(gt=0, le=300)] = None,
        sort: Annotated[str, Query(pattern="^(relevance|start_date|distance|price)$")] = "relevance",
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
        offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    ) -> None:
        if radius_km is not None and not place:
            raise InvalidQueryError("Een straal (radius_km) werkt alleen samen met een plaats of postcode (place).")
        if sort == "distance" and not place:
            raise InvalidQueryError("Sorteren op afstand kan alleen met een plaats of postcode (place).")
        if start_from and start_to and start_from > start_to:
            raise InvalidQueryError("start_from ligt na start_to.")
        self.q, self.sort, self.limit, self.offset = q, sort, limit, offset
        self.filters = SearchFilters(
            leerwegen=leerweg, niveaus=niveau, offering_types=type, opleidingsdomeinen=domein,
            providers=provider, max_price=max_price, start_from=start_from, start_to=start_to,
            place=place, radius_km=radius_km if radius_km is not None else (25.0 if place else None),
        )

    def run(self, engine: Any, limit: int | None = None, offset: int | None = None) -> SearchResults:
        results: SearchResults = engine.search(
            self.q, self.filters, limit=limit or self.limit,
            offset=self.offset if offset is None else offset, sort=self.sort,
        )
        return results


    def run_all(self, engine: Any, max_items: int) -> list[Any]:
        """Up to ``max_items`` hits from the top, fetched page by page (the engine caps one page)."""
        hits: list[Any] = []
        while len(hits) < max_items:
            res = self.run(engine, limit=min(ENGINE_PAGE, max_items - len(hits)), offset=len(hits))
            hits += res.hits
            if len(res.hits) == 0 or len(hits) >= res.total:
                break
        return hits


SearchDep = Annotated[SearchRequest, Depends(SearchRequest)]


def export_quota(request: Request, state: StateDep) -> None:
    """An export costs several searches: at most EXPORTS_PER_MINUTE per client (429 with Retry-After)."""
    wait = state.export_limiter.hit(request.client.host if request.client else "?")
    if wait is not None:
        raise HTTPException(429, "Te veel exports achter elkaar; probeer het over een minuut opnieuw.",
                            headers={"Retry-After": str(math.ceil(wait))})


ExportQuota = Depends(export_quota)


@router.get("", response_model=SearchPublic, summary="Zoek opleidingen in je eigen woorden")
def search(req: SearchDep, engine: EngineDep) -> SearchPublic:
    res = req.run(engine)
    return SearchPublic(results=[hit_public(h) for h in res.hits], total=res.total, facets=res.facets,
                        reason=res.reason, offset=req.offset, limit=req.limit)


EXPORT_LIMIT = 500
CSV_COLUMNS = ["id", "title", "provider", "crebo", "qualification", "offering_type", "leerwegen", "niveau",
               "locations", "start_dates", "price_eur", "duration", "url", "score"]


@router.get("/export.csv", summary="Resultaten als CSV", dependencies=[ExportQuota])
def export_csv(req: SearchDep, engine: EngineDep) -> Response:
    hits = req.run_all(engine, EXPORT_LIMIT)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        card = hit_public(hit)
        writer.writerow([neutralise(cell) for cell in (
            card.id, card.title, card.provider, card.qualification.crebo if card.qualification else "",
            (card.qualification.name or "") if card.qualification else "", card.offering_type or "",
            "|".join(card.leerwegen), card.niveau or "", "|".join(card.locations),
            "|".join(d.isoformat() for d in card.start_dates), card.price_eur if card.price_eur is not None else "",
            card.duration or "", card.url or "", card.score,
        )])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="llo-zoeker-resultaten.csv"'})


@router.get("/export.jsonld", summary="Resultaten als schema.org JSON-LD", dependencies=[ExportQuota])
def export_jsonld(req: SearchDep, engine: EngineDep) -> JSONResponse:
    items = []
    for pos, hit in enumerate(req.run_all(engine, EXPORT_LIMIT), start=1):
        card = hit_public(hit)
        course: dict[str, Any] = {
            "@type": "Course", "@id": card.url or card.id, "name": card.title, "url": card.url,
            "provider": {"@type": "EducationalOrganization", "name": card.provider},
            "hasCourseInstance": [{"@type": "CourseInstance", "courseMode": lw, "location": card.locations,
                                   "startDate": [d.isoformat() for d in card.start_dates]}
                                  for lw in (card.leerwegen or ["onbekend"])],
        }
        if card.qualification:
            course["educationalCredentialAwarded"] = {
                "@type": "EducationalOccupationalCredential", "name": card.qualification.name,
                "identifier": {"@type": "PropertyValue", "propertyID": "crebo", "value": card.qualification.crebo},
            }
        if card.niveau:
            course["educationalLevel"] = f"MBO niveau {card.niveau}"
        if card.price_eur is not None:
            course["offers"] = {"@type": "Offer", "price": card.price_eur, "priceCurrency": "EUR"}
        items.append({"@type": "ListItem", "position": pos, "item": course})
    doc = {"@context": "https://schema.org", "@type": "ItemList", "numberOfItems": len(items),
           "itemListElement": items}
    return JSONResponse(doc, media_type="application/ld+json")
