"""The honest answer when nothing relevant satisfies the filters: say so, in Dutch, and offer the nearest
relevant offerings outside them (by distance when a place was given, else by score), each marked with the
filters it misses. Which offerings are relevant, and which may lead, is :mod:`index.relevance`'s decision.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NEAREST = 3

# Dutch words for a filter an alternative misses.
_MISSES = {
    "leerweg": "andere leerweg", "niveau": "ander niveau", "offering_type": "ander soort aanbod",
    "opleidingsdomein": "ander opleidingsdomein", "provider": "andere aanbieder", "price": "duurder",
    "start": "andere startdatum", "crebo": "andere kwalificatie",
}


def nearest_rows(relevant: np.ndarray, masks: dict[str, np.ndarray], scores: np.ndarray,
                 distance: np.ndarray | None, limit: int = NEAREST) -> np.ndarray:
    """The nearest of the ``relevant`` offerings (the caller passes the core ones: the same decision as a
    match that may lead) outside the filters: those that satisfy every filter but the place (by distance),
    else any of them (by distance, or by score without a place)."""
    others = relevant.copy()
    for name, mask in masks.items():
        if name != "place":
            others &= mask
    pool = others if (distance is not None and "place" in masks and others.any()) else relevant
    rows = np.flatnonzero(pool)
    if distance is not None:
        order = np.lexsort((rows, -scores[rows], distance[rows]))
    else:
        order = np.lexsort((rows, -scores[rows]))
    return rows[order][:limit]


def misses(row: int, masks: dict[str, np.ndarray], distance: np.ndarray | None) -> list[str]:
    """Which filters offering ``row`` does not satisfy, in Dutch ("41 km", "andere leerweg")."""
    out = []
    for name, mask in masks.items():
        if mask[row]:
            continue
        if name == "place" and distance is not None and np.isfinite(distance[row]):
            out.append(f"{distance[row]:.0f} km")
        elif name == "place":
            out.append("andere plaats")
        else:
            out.append(_MISSES.get(name, name))
    return out


def empty_reason(query: str, where: str, other_filters: bool,
                 nearest: Sequence[tuple[str, str, str, float | None]]) -> str:
    """"Geen passend aanbod voor ‘lassen’ binnen 25 km van Goes. Dichtstbijzijnde: Basislasser (ROC X) in
    Bergen op Zoom, 41 km." ``where`` describes the place filter ("" without one), ``other_filters`` says
    whether any other filter is on; ``nearest`` holds (title, provider, location, km) of the alternatives."""
    parts = [where] if where else []
    if other_filters:
        parts.append("met deze filters")
    scope = f" {' '.join(parts)}" if parts else ""
    text = f"Geen passend aanbod voor ‘{query}’{scope}."
    if nearest:
        title, provider, location, km = nearest[0]
        at = f" in {location}" if location else ""
        dist = f", {km:.0f} km" if km is not None and np.isfinite(km) else ""
        text += f" Dichtstbijzijnde: {title} ({provider}){at}{dist}."
    return text
