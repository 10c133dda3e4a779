"""The relevance decision and the honest answer when nothing relevant satisfies the filters.

Ranking orders offerings; this module decides which of them are *matches* at all. An offering is relevant
when (1) its fused score reaches RELEVANCE_SHARE of the query's best score over all offerings (filters
ignored, so the decision does not depend on where someone searches), and (2) it carries evidence in the
searcher's own words (:mod:`index.evidence`: a specific query word in its title, page, qualification or
its qualification's skills). Totals, facets, sorting and pages see relevant offerings only.

When no relevant offering satisfies the filters, the answer says so and offers the nearest relevant ones
outside them (by distance when a place was given, else by score), each marked with the filters it misses.

How RELEVANCE_SHARE was chosen: docs/benchmarks.md ("Filtered search"), on the odd ids of the filtered dev
set, checked on the even ids; one general rule, never per query.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RELEVANCE_SHARE = 0.3
MIN_COVERAGE = 0.0
MAX_QUALIFICATIONS = 15
CORE_QUALIFICATIONS = 6
CORE_SHARE = 0.5
NEAREST = 3

# Dutch words for a filter an alternative misses.
_MISSES = {
    "leerweg": "andere leerweg", "niveau": "ander niveau", "offering_type": "ander soort aanbod",
    "opleidingsdomein": "ander opleidingsdomein", "provider": "andere aanbieder", "price": "duurder",
    "start": "andere startdatum", "crebo": "andere kwalificatie",
}


def relevant_mask(scores: np.ndarray, evidence: np.ndarray, groups: np.ndarray, group_scores: np.ndarray,
                  share: float = RELEVANCE_SHARE, max_groups: int = MAX_QUALIFICATIONS,
                  core_groups: int = CORE_QUALIFICATIONS, core_share: float = CORE_SHARE
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(relevant, core) offerings (see the module docstring). ``groups[i]`` is offering i's qualification
    row, -1 when unmapped (an unmapped offering stands for itself and is core when relevant);
    ``group_scores`` ranks the qualifications."""
    none = np.zeros(len(scores), dtype=bool)
    best = float(scores.max()) if len(scores) else 0.0
    if best <= 0:
        return none, none.copy()
    keep = (scores >= share * best) & evidence
    core = keep & (groups < 0)
    rows = np.flatnonzero(keep & (groups >= 0))
    if len(rows):
        key = groups[rows]
        present = np.unique(key)
        ranked = present[np.lexsort((present, -group_scores[present]))]
        keep[rows[~np.isin(key, ranked[:max_groups])]] = False
        leaders = ranked[:core_groups]
        leaders = leaders[group_scores[leaders] >= core_share * float(group_scores[ranked[0]])]
        core[rows[np.isin(key, leaders)]] = True
    return keep, core


def nearest_rows(relevant: np.ndarray, masks: dict[str, np.ndarray], scores: np.ndarray,
                 distance: np.ndarray | None, limit: int = NEAREST) -> np.ndarray:
    """The nearest relevant offerings outside the filters: those that satisfy every filter but the place
    (by distance), else any relevant offering (by distance, or by score without a place)."""
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
