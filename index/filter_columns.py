"""Per-offering filter attributes as arrays, one row per indexed offering, in index order.

Filters (:mod:`index.filter_masks`) and facets (:mod:`index.facets`) read these columns for the *full*
offering set, so a filtered query ranks every offering that passes, not a post-filtered top-k.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from index.distances import OfferingLocations
from skills.errors import InvalidQueryError

FACETS = ("leerweg", "niveau", "offering_type", "opleidingsdomein", "provider")


@dataclass
class FilterColumns:
    """Categorical attributes are code arrays into ``values[facet]``; multi-valued ones (leerweg, start
    dates, locations) are flattened pairs (offering row, value). Unknown attributes are -1 / NaN / absent."""

    n: int
    values: dict[str, list[str]]  # facet → distinct values (codes index into these)
    niveau: np.ndarray  # int8, -1 unknown
    offering_type: np.ndarray  # int32 code
    opleidingsdomein: np.ndarray  # int32 code, -1 unknown (unmapped)
    provider: np.ndarray  # int32 code
    price: np.ndarray  # float32, NaN unknown
    leerweg_rows: np.ndarray  # int64 offering rows
    leerweg_codes: np.ndarray  # int32 codes
    start_rows: np.ndarray
    start_days: np.ndarray  # int64 date ordinals
    locations: OfferingLocations

    @classmethod
    def from_payloads(cls, payloads: Sequence[dict[str, Any]],
                      coords: Sequence[list[tuple[float, float]]]) -> FilterColumns:
        """Build from stored payloads (offering dict + "qualification" summary) and each offering's
        geocoded locations (``coords[i]``: (lat, lon) per location that the gazetteer knew)."""
        n = len(payloads)
        codes: dict[str, dict[str, int]] = {f: {} for f in FACETS}

        def code(facet: str, value: str) -> int:
            table = codes[facet]
            if value not in table:
                table[value] = len(table)
            return table[value]

        niveau = np.full(n, -1, dtype=np.int8)
        otype = np.zeros(n, dtype=np.int32)
        domain = np.full(n, -1, dtype=np.int32)
        provider = np.zeros(n, dtype=np.int32)
        price = np.full(n, np.nan, dtype=np.float32)
        lw_rows: list[int] = []
        lw_codes: list[int] = []
        st_rows: list[int] = []
        st_days: list[int] = []
        lc_rows: list[int] = []
        lc_lat: list[float] = []
        lc_lon: list[float] = []
        for i, p in enumerate(payloads):
            qual = p.get("qualification") or {}
            lvl = p.get("niveau") if p.get("niveau") is not None else qual.get("niveau")
            if lvl is not None:
                niveau[i] = int(lvl)
            otype[i] = code("offering_type", str(p.get("offering_type") or ""))
            if qual.get("opleidingsdomein"):
                domain[i] = code("opleidingsdomein", str(qual["opleidingsdomein"]))
            provider[i] = code("provider", str(p.get("provider") or ""))
            if p.get("price_eur") is not None:
                price[i] = float(p["price_eur"])
            # An offering that names no leerweg inherits its qualification's possible leerwegen.
            for lw in p.get("leerwegen") or qual.get("leerwegen") or ():
                lw_rows.append(i)
                lw_codes.append(code("leerweg", str(lw)))
            for d in p.get("start_dates") or ():
                st_rows.append(i)
                st_days.append(date.fromisoformat(str(d)).toordinal())
            for lat, lon in coords[i] if i < len(coords) else ():
                lc_rows.append(i)
                lc_lat.append(lat)
                lc_lon.append(lon)
        for lvl_value in sorted({int(v) for v in niveau if v >= 0}):
            code("niveau", str(lvl_value))
        return cls(
            n=n,
            values={f: list(t) for f, t in codes.items()},
            niveau=niveau, offering_type=otype, opleidingsdomein=domain, provider=provider, price=price,
            leerweg_rows=np.asarray(lw_rows, dtype=np.int64), leerweg_codes=np.asarray(lw_codes, dtype=np.int32),
            start_rows=np.asarray(st_rows, dtype=np.int64), start_days=np.asarray(st_days, dtype=np.int64),
            locations=OfferingLocations(n, np.asarray(lc_rows, dtype=np.int64), np.asarray(lc_lat, dtype=np.float64),
                                        np.asarray(lc_lon, dtype=np.float64)),
        )

    def codes_for(self, facet: str, wanted: Sequence[str], label: str) -> list[int]:
        """The codes of ``wanted`` values of ``facet`` (case-insensitive); InvalidQueryError naming the
        known values (``label`` is the facet's Dutch name) for an unknown one."""
        table = {v.casefold(): i for i, v in enumerate(self.values[facet])}
        out = []
        for w in wanted:
            if str(w).casefold() not in table:
                known = ", ".join(self.values[facet][:12]) or "geen"
                raise InvalidQueryError(f"onbekende {label} {w!r}; bekende waarden: {known}")
            out.append(table[str(w).casefold()])
        return out

    @cached_property
    def leerweg_matrix(self) -> np.ndarray:
        """(leerweg values, offerings) booleans: which offerings allow each leerweg. A handful of rows, so a
        leerweg filter is an OR of rows and its facet an AND-and-count per row, no per-pair gathers."""
        matrix = np.zeros((len(self.values["leerweg"]), self.n), dtype=bool)
        matrix[self.leerweg_codes, self.leerweg_rows] = True
        return matrix

    def has_value(self, rows: np.ndarray, hit: np.ndarray) -> np.ndarray:
        """Offerings with at least one flattened value (of ``rows``' attribute) for which ``hit`` is true."""
        mask = np.zeros(self.n, dtype=bool)
        mask[rows[hit]] = True
        return mask

    def distances(self, lat: float, lon: float) -> np.ndarray:
        """Km from (lat, lon) to each offering's nearest location; inf where none is known."""
        return self.locations.distances(lat, lon)
