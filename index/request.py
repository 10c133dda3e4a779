"""One search request, built and checked in one place for the API route, the CLI and the chat.

:func:`build_request` takes the values as people and forms give them (lists may hold empty strings, a
place may come without a radius) and returns a :class:`SearchRequest`, or raises InvalidQueryError with a
plain Dutch message. Limits live here and nowhere else (the engine re-checks only what it alone knows:
filter values, place names).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from index.filters import SearchFilters
from index.query import MAX_QUERY_CHARS
from skills.errors import InvalidQueryError

SORTS = ("relevance", "start_date", "distance", "price")
ARMS = ("hybrid", "bm25", "dense", "fuzzy")
DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 300.0
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_PLACE_CHARS = 80


@dataclass
class SearchRequest:
    """What to search for, where and how to order it."""

    query: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = "relevance"
    limit: int = 10
    offset: int = 0
    arm: str = "hybrid"


def _clean(values: Iterable[str] | None) -> list[str]:
    return [str(v).strip() for v in values or () if str(v).strip()]


def build_request(query: str, *, leerwegen: Iterable[str] | None = None, niveaus: Iterable[int] | None = None,
                  offering_types: Iterable[str] | None = None, opleidingsdomeinen: Iterable[str] | None = None,
                  providers: Iterable[str] | None = None, crebos: Iterable[str] | None = None,
                  max_price: float | None = None, start_from: date | None = None, start_to: date | None = None,
                  keep_unknown_price: bool = True, keep_unknown_start: bool = True,
                  place: str | None = None, radius_km: float | None = None, sort: str = "relevance",
                  limit: int = 10, offset: int = 0, arm: str = "hybrid") -> SearchRequest:
    """A checked request. A place without a radius gets DEFAULT_RADIUS_KM; a radius without a place, or
    sorting by distance without one, is an error (in Dutch, naming the field as the page calls it)."""
    text = (query or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidQueryError(f"Je zoekvraag is te lang: gebruik hoogstens {MAX_QUERY_CHARS} tekens.")
    place_text = (place or "").strip() or None
    if place_text and len(place_text) > MAX_PLACE_CHARS:
        raise InvalidQueryError(f"De plaats is te lang: gebruik hoogstens {MAX_PLACE_CHARS} tekens.")
    if radius_km is not None and not place_text:
        raise InvalidQueryError("Een afstand werkt alleen samen met een plaats of postcode.")
    if radius_km is not None and not 0 < radius_km <= MAX_RADIUS_KM:
        raise InvalidQueryError(f"Kies een afstand tussen 1 en {MAX_RADIUS_KM:g} km.")
    if sort not in SORTS:
        raise InvalidQueryError("Sorteren kan op beste match, startdatum, afstand of prijs.")
    if sort == "distance" and not place_text:
        raise InvalidQueryError("Sorteren op afstand kan alleen als je een plaats of postcode invult.")
    if arm not in ARMS:
        raise InvalidQueryError(f"Onbekende zoekmethode {arm!r}; kies {', '.join(ARMS)}.")
    levels = list(niveaus or ())
    if any(not isinstance(n, int) or not 1 <= n <= 4 for n in levels):
        raise InvalidQueryError("Kies niveau 1 (entree), 2, 3 of 4.")
    if max_price is not None and max_price < 0:
        raise InvalidQueryError("De maximale prijs kan niet negatief zijn.")
    if start_from and start_to and start_from > start_to:
        raise InvalidQueryError("De startdatum 'vanaf' ligt na de datum 'tot en met'.")
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise InvalidQueryError(f"Er passen 1 tot {MAX_LIMIT} resultaten op een pagina.")
    codes = _clean(crebos)
    if any(not (c.isdigit() and len(c) == 5) for c in codes):
        raise InvalidQueryError("Een crebocode bestaat uit 5 cijfers, bijvoorbeeld 25290.")
    filters = SearchFilters(
        leerwegen=_clean(leerwegen), niveaus=levels, offering_types=_clean(offering_types),
        opleidingsdomeinen=_clean(opleidingsdomeinen), providers=_clean(providers), crebos=codes,
        max_price=max_price, start_from=start_from, start_to=start_to, place=place_text,
        radius_km=(radius_km if radius_km is not None else DEFAULT_RADIUS_KM) if place_text else None,
        keep_unknown_price=keep_unknown_price, keep_unknown_start=keep_unknown_start,
    )
    return SearchRequest(query=text, filters=filters, sort=sort, limit=limit, offset=offset, arm=arm)
