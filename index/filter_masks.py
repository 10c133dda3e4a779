"""Search filters as boolean masks over every indexed offering (no recall lost: ranking sees all that pass).

Offerings whose leerweg, niveau or type is unknown do not pass a filter on it; an unknown price or start date
passes unless the filter says to exclude it ("prijs onbekend" / "start op aanvraag" are labelled, not hidden).
The place and crebo masks are the engine's (:mod:`index.places`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.filter_columns import FilterColumns
from index.filters import SearchFilters, leerweg_value
from skills.errors import InvalidQueryError


def _lookup(codes: Sequence[int], size: int) -> np.ndarray:
    """Boolean table over codes 0..size-1 plus a final False slot that code -1 (unknown) reads, so
    ``table[column]`` is the filter mask in one gather (cheaper than np.isin's sort or hash)."""
    table = np.zeros(size + 1, dtype=bool)
    table[np.asarray(list(codes), dtype=np.int64)] = True
    return table


def filter_masks(columns: FilterColumns, f: SearchFilters) -> dict[str, np.ndarray]:
    """One boolean mask per active attribute filter, keyed by facet name (or "price", "start").
    InvalidQueryError (in Dutch) for a value the index does not know."""
    out: dict[str, np.ndarray] = {}
    if f.leerwegen:
        codes = columns.codes_for("leerweg", [leerweg_value(v) for v in f.leerwegen], "leerweg")
        out["leerweg"] = np.any(columns.leerweg_matrix[codes], axis=0)
    if f.niveaus:
        bad = [v for v in f.niveaus if not isinstance(v, int) or not 1 <= v <= 4]
        if bad:
            raise InvalidQueryError(f"onbekend niveau {bad[0]!r}; kies 1 (entree), 2, 3 of 4")
        out["niveau"] = _lookup(f.niveaus, 5)[columns.niveau]
    for key, wanted, label in (("offering_type", f.offering_types, "soort aanbod"),
                               ("opleidingsdomein", f.opleidingsdomeinen, "opleidingsdomein"),
                               ("provider", f.providers, "aanbieder")):
        if wanted:
            table = _lookup(columns.codes_for(key, wanted, label), len(columns.values[key]))
            out[key] = table[getattr(columns, key)]
    if f.max_price is not None:
        if f.max_price < 0:
            raise InvalidQueryError("maximale prijs kan niet negatief zijn")
        known = ~np.isnan(columns.price)
        out["price"] = known & (columns.price <= f.max_price)
        if f.keep_unknown_price:
            out["price"] |= ~known
    if f.start_from is not None or f.start_to is not None:
        lo = f.start_from.toordinal() if f.start_from else -(10**9)
        hi = f.start_to.toordinal() if f.start_to else 10**9
        if lo > hi:
            raise InvalidQueryError("startdatum 'vanaf' ligt na 'tot'")
        out["start"] = columns.has_value(columns.start_rows, (columns.start_days >= lo) & (columns.start_days <= hi))
        if f.keep_unknown_start:
            out["start"] |= ~columns.has_value(columns.start_rows, np.ones(len(columns.start_rows), dtype=bool))
    return out
