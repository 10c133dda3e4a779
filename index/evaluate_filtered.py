"""Evaluation of what a person is *shown*, with the filters people use (place, leerweg, niveau, budget).

A query line may carry ``filters``: ``{"place", "radius_km", "leerweg", "niveau", "max_price"}``. Ground
truth comes from the indexed offerings themselves, checked here independently of the engine's filter code:
an offering satisfies the filters when one of its geocoded locations is within the radius of the place (or
in one of an area's gemeenten), it allows the leerweg (its own, else its qualification's), has the niveau,
and costs at most ``max_price`` or has no known price (such offerings are kept and labelled, by design).
The judged crebos with at least one such offering are what can be found ("available").

Per query: nDCG@10 over the shown offerings reduced to crebos (ideal from the available grades), only when
something relevant is available; precision@10 = share of the (at most 10) shown offerings whose crebo is
judged relevant (grade ≥ 1), over queries that show anything; honest empty = nothing shown, over queries
with nothing relevant available.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.evaluate import DEPTH, GradedQuery, K, dedupe, ndcg_at
from index.request import build_request
from skills.errors import LloError
from skills.geo import Gazetteer, Place


def _satisfies(payload: dict[str, Any], filters: dict[str, Any], place: Place | None,
               gazetteer: Gazetteer | None) -> bool:
    qual = payload.get("qualification") or {}
    if filters.get("leerweg"):
        allowed = {str(x).upper() for x in (payload.get("leerwegen") or qual.get("leerwegen") or [])}
        if str(filters["leerweg"]).upper() not in allowed:
            return False
    if filters.get("niveau") is not None:
        level = payload.get("niveau") if payload.get("niveau") is not None else qual.get("niveau")
        if level is None or int(level) != int(filters["niveau"]):
            return False
    price = payload.get("price_eur")
    if filters.get("max_price") is not None and price is not None and float(price) > float(filters["max_price"]):
        return False
    if place is None:
        return True
    if place.is_area:
        located = [gazetteer.locate(str(n)) for n in payload.get("locations") or []] if gazetteer else []
        return any(p is not None and p.gemeente in place.gemeenten for p in located)
    radius = float(filters.get("radius_km") or 25.0)
    return any(Gazetteer.distance_km((place.lat, place.lon), (float(a), float(b))) <= radius
               for a, b in payload.get("geo") or [])


def available(engine: Any, query: GradedQuery, filters: dict[str, Any]) -> dict[str, int]:
    """Judged crebos (with grade) that have at least one offering satisfying ``filters``."""
    gazetteer = getattr(engine, "gazetteer", None)
    place = gazetteer.locate(str(filters["place"])) if (gazetteer and filters.get("place")) else None
    if place is not None and place.kind == "land":
        place = None
    found: dict[str, int] = {}
    for payload in engine.payloads:
        crebo = str((payload.get("qualification") or {}).get("crebo") or "")
        if crebo in query.relevant and crebo not in found and _satisfies(payload, filters, place, gazetteer):
            found[crebo] = query.relevant[crebo]
    return found


def run_query(engine: Any, query: GradedQuery, filters: dict[str, Any]) -> dict[str, Any]:
    """One query's figures: available crebos, shown crebos, nDCG@10, precision@10, honest empty."""
    req = build_request(query.query, leerwegen=[filters["leerweg"]] if filters.get("leerweg") else None,
                        niveaus=[int(filters["niveau"])] if filters.get("niveau") is not None else None,
                        max_price=filters.get("max_price"), place=filters.get("place"),
                        radius_km=filters.get("radius_km"), limit=DEPTH)
    try:
        hits = engine.search(req.query, req.filters, limit=DEPTH).hits
    except LloError:
        hits = []
    avail = available(engine, query, filters)
    shown = [h.crebo for h in hits[:K]]
    out: dict[str, Any] = {"id": query.id, "persona": query.persona, "available": len(avail), "shown": len(shown)}
    if avail:
        out["ndcg@10"] = ndcg_at(dedupe(h.crebo for h in hits), avail)
    else:
        out["honest_empty"] = not shown
    if shown:
        out["precision@10"] = sum(1 for c in shown if c and query.relevant.get(c, 0) >= 1) / len(shown)
    return out


def _mean(rows: Sequence[dict[str, Any]], key: str) -> float | None:
    values = [float(r[key]) for r in rows if key in r]
    return round(sum(values) / len(values), 4) if values else None


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"ndcg@10": _mean(rows, "ndcg@10"), "precision@10": _mean(rows, "precision@10"),
            "honest_empty": _mean(rows, "honest_empty"), "n": len(rows),
            "n_available": sum(1 for r in rows if r["available"]),
            "n_nothing_nearby": sum(1 for r in rows if not r["available"])}


def evaluate_shown(engine: Any, queries: Sequence[GradedQuery],
                   filters: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    """The shown-results report over ``queries`` (each with its filters or None), overall and per persona,
    split into queries with and without filters."""
    rows = [run_query(engine, q, f or {}) | {"filtered": bool(f)} for q, f in zip(queries, filters, strict=True)]
    out: dict[str, Any] = {}
    for name, subset in (("with_filters", [r for r in rows if r["filtered"]]),
                         ("without_filters", [r for r in rows if not r["filtered"]])):
        if not subset:
            continue
        out[name] = summarise(subset)
        out[name]["per_persona"] = {p: summarise([r for r in subset if r["persona"] == p])
                                    for p in sorted({r["persona"] for r in subset})}
    out["queries"] = rows
    return out
