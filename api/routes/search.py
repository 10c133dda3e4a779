"""GET /api/search and its exports (CSV, schema.org JSON-LD)."""

from __future__ import annotations

import csv
import inspect
import io
import math
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from api.deps import EngineDep, StateDep
from api.presenters import hit_public
from api.schemas import OfferingPublic, PlacePublic, SearchPublic
from api.spreadsheet import neutralise
from index.request import build_request
from index.results import OfferingHit, SearchResults
from index.search import SearchEngine

router = APIRouter(prefix="/api/search", tags=["search"])

ENGINE_PAGE = 100  # the most hits SearchEngine.search returns per call


class SearchParams:
    """Query parameters shared by the search and export endpoints; checked by :func:`build_request` (one
    set of limits and Dutch messages for the route, the CLI and the chat)."""

    def __init__(
        self,
        q: Annotated[str, Query(description="wat je kunt of wilt doen")] = "",
        leerweg: Annotated[list[str], Query(description="BOL, BBL, DERDE_LEERWEG, DEELTIJD")] = [],  # noqa: B006
        niveau: Annotated[list[int], Query(description="1 (entree) t/m 4")] = [],  # noqa: B006
        type: Annotated[list[str], Query(description="mbo-diploma, mbo-certificaat, ...")] = [],  # noqa: B006
        domein: Annotated[list[str], Query(description="opleidingsdomein")] = [],  # noqa: B006
        provider: Annotated[list[str], Query()] = [],  # noqa: B006
        crebo: Annotated[list[str], Query(description="alleen aanbod bij deze kwalificatie(s)")] = [],  # noqa: B006
        max_price: float | None = None,
        keep_unknown_price: Annotated[bool, Query(description="ook aanbod zonder bekende prijs")] = True,
        start_from: date | None = None,
        start_to: date | None = None,
        keep_unknown_start: Annotated[bool, Query(description="ook aanbod zonder bekende startdatum")] = True,
        place: Annotated[str | None, Query(description="plaats, postcode, provincie of regio")] = None,
        radius_km: float | None = None,
        sort: str = "relevance",
        limit: int = 10,
        offset: int = 0,
    ) -> None:
        self.request = build_request(
            q, leerwegen=leerweg, niveaus=niveau, offering_types=type, opleidingsdomeinen=domein,
            providers=provider, crebos=crebo, max_price=max_price, keep_unknown_price=keep_unknown_price,
            start_from=start_from, start_to=start_to, keep_unknown_start=keep_unknown_start, place=place,
            radius_km=radius_km, sort=sort, limit=limit, offset=offset)

    def run(self, engine: SearchEngine, limit: int | None = None, offset: int | None = None) -> SearchResults:
        r = self.request
        return engine.search(r.query, r.filters, limit=limit or r.limit,
                             offset=r.offset if offset is None else offset, sort=r.sort)

    def run_all(self, engine: SearchEngine, max_items: int) -> list[OfferingHit]:
        """Up to ``max_items`` relevant hits from the top, fetched page by page (the engine caps one page)."""
        hits: list[OfferingHit] = []
        while len(hits) < max_items:
            res = self.run(engine, limit=min(ENGINE_PAGE, max_items - len(hits)), offset=len(hits))
            hits += res.hits
            if len(res.hits) == 0 or len(hits) >= res.total:
                break
        return hits


async def _search_params(**params: Any) -> SearchParams:
    return SearchParams(**params)


# The same parameters, built without a threadpool hop (FastAPI runs a class dependency in its threadpool).
_search_params.__signature__ = inspect.signature(SearchParams)  # type: ignore[attr-defined]
SearchDep = Annotated[SearchParams, Depends(_search_params)]


def export_quota(request: Request, state: StateDep) -> None:
    """An export costs several searches: at most EXPORTS_PER_MINUTE per client (429 with Retry-After)."""
    wait = state.export_limiter.hit(request.client.host if request.client else "?")
    if wait is not None:
        raise HTTPException(429, "Te veel exports achter elkaar; probeer het over een minuut opnieuw.",
                            headers={"Retry-After": str(math.ceil(wait))})


ExportQuota = Depends(export_quota)


@router.get("", response_model=SearchPublic, summary="Zoek opleidingen in je eigen woorden")
async def search(req: SearchDep, engine: EngineDep) -> Response:
    # In the event loop, not the threadpool: a search is a few ms of CPU under the GIL either way, and the
    # loop serves requests in arrival order without 40 threads contending. The body is written by
    # pydantic-core's JSON serializer straight from the model (FastAPI would dump it to a dict, validate that
    # against the response model again and json.dumps it); the schema is still SearchPublic's.
    res = req.run(engine)
    body = SearchPublic(results=[hit_public(h) for h in res.hits], total=res.total, facets=res.facets,
                        reason=res.reason, nearest=[hit_public(h) for h in res.nearest],
                        place=PlacePublic(**res.place) if res.place else None,
                        offset=req.request.offset, limit=req.request.limit)
    return Response(body.model_dump_json(), media_type="application/json")


EXPORT_LIMIT = 500
# Dutch Excel reads a CSV with semicolons and, thanks to the byte-order mark, as UTF-8.
CSV_COLUMNS = ["Opleiding", "Aanbieder", "Crebo", "Kwalificatie", "Soort", "Leerwegen", "Niveau", "Plaatsen",
               "Startdata", "Prijs", "Duur", "Link", "Past bij je woorden", "Id"]


def _csv_row(card: OfferingPublic) -> list[object]:
    return [neutralise(cell) for cell in (
        card.title, card.provider, card.qualification.crebo if card.qualification else "",
        (card.qualification.name or "") if card.qualification else "", card.offering_type or "",
        ", ".join(card.leerwegen), str(card.niveau or ""), ", ".join(card.locations),
        ", ".join(d.strftime("%d-%m-%Y") for d in card.start_dates) or "op aanvraag", card.price_text,
        card.duration or "", card.url or "", ", ".join(card.matched_words), card.id,
    )]


@router.get("/export.csv", summary="Resultaten als CSV (voor Excel: puntkomma's, UTF-8 met BOM)",
            dependencies=[ExportQuota])
def export_csv(req: SearchDep, engine: EngineDep) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for hit in req.run_all(engine, EXPORT_LIMIT):
        writer.writerow(_csv_row(hit_public(hit)))
    return Response(("\ufeff" + buf.getvalue()).encode("utf-8"), media_type="text/csv; charset=utf-8",
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
