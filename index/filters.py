"""Search filters and facets over the indexed offerings, as boolean masks (no recall lost).

Filters are applied to the *full* offering set as numpy masks before ranking, so a filtered query ranks
every offering that passes, not a post-filtered top-k. Facet counts are disjunctive: the count for a value
of facet X is computed with every *other* filter applied, so a user sees what choosing that value yields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from skills.errors import InvalidQueryError
from skills.model import Leerweg


@dataclass
class SearchFilters:
    """What a search may be narrowed to. Empty lists / None mean "no constraint".

    ``place`` is a place name, postcode or area resolved by :mod:`index.places`; ``radius_km`` needs
    ``place``. Values are validated by the engine (unknown value → InvalidQueryError). An offering whose price
    or start date is unknown passes a price or start-date filter unless ``keep_unknown_price`` /
    ``keep_unknown_start`` is false: missing data is not a silent no.
    """

    leerwegen: list[str] = field(default_factory=list)
    niveaus: list[int] = field(default_factory=list)
    offering_types: list[str] = field(default_factory=list)
    opleidingsdomeinen: list[str] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    max_price: float | None = None
    start_from: date | None = None
    start_to: date | None = None
    place: str | None = None
    radius_km: float | None = None
    crebos: list[str] = field(default_factory=list)
    keep_unknown_price: bool = True
    keep_unknown_start: bool = True


FACETS = ("leerweg", "niveau", "offering_type", "opleidingsdomein", "provider")
EARTH_RADIUS_KM = 6371.0088


@dataclass
class FilterColumns:
    """Per-offering filter attributes as arrays (one row per indexed offering, in index order).

    Categorical attributes are code arrays into ``values[facet]``; multi-valued ones (leerweg, start dates,
    locations) are flattened pairs (offering row, value). Unknown attributes are -1 / NaN / absent.
    """

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
    loc_rows: np.ndarray
    loc_lat: np.ndarray  # float64 degrees
    loc_lon: np.ndarray

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
            loc_rows=np.asarray(lc_rows, dtype=np.int64), loc_lat=np.asarray(lc_lat, dtype=np.float64),
            loc_lon=np.asarray(lc_lon, dtype=np.float64),
        )

    # --- masks --------------------------------------------------------------------------------

    def _codes_for(self, facet: str, wanted: Sequence[str], label: str) -> list[int]:
        table = {v.casefold(): i for i, v in enumerate(self.values[facet])}
        out = []
        for w in wanted:
            if str(w).casefold() not in table:
                known = ", ".join(self.values[facet][:12]) or "geen"
                raise InvalidQueryError(f"onbekende {label} {w!r}; bekende waarden: {known}")
            out.append(table[str(w).casefold()])
        return out

    def _multi(self, rows: np.ndarray, hit: np.ndarray) -> np.ndarray:
        """Rows with at least one flattened value for which ``hit`` is true."""
        mask = np.zeros(self.n, dtype=bool)
        mask[rows[hit]] = True
        return mask

    @staticmethod
    def _lookup(codes: Sequence[int], size: int) -> np.ndarray:
        """Boolean table over codes 0..size-1 plus a final False slot that code -1 (unknown) reads, so
        ``table[column]`` is the filter mask in one gather (cheaper than np.isin's sort or hash)."""
        table = np.zeros(size + 1, dtype=bool)
        table[np.asarray(list(codes), dtype=np.int64)] = True
        return table

    @cached_property
    def _leerweg_matrix(self) -> np.ndarray:
        """(leerweg values, offerings) booleans: which offerings allow each leerweg. A handful of rows, so a
        leerweg filter is an OR of rows and its facet an AND-and-count per row, no per-pair gathers."""
        matrix = np.zeros((len(self.values["leerweg"]), self.n), dtype=bool)
        matrix[self.leerweg_codes, self.leerweg_rows] = True
        return matrix

    @cached_property
    def _loc_unit(self) -> np.ndarray:
        """Locations as unit vectors on the sphere, (3, m): a distance is then a chord length away."""
        lat, lon = np.radians(self.loc_lat), np.radians(self.loc_lon)
        return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])

    @cached_property
    def _loc_groups(self) -> tuple[np.ndarray, np.ndarray]:
        """(first index of each offering's run in the location arrays, that offering's row)."""
        rows = self.loc_rows
        if len(rows) and np.any(rows[1:] < rows[:-1]):
            raise ValueError("location rows must be in offering order")
        first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, dtype=np.int64)
        return first, rows[first]

    def distances(self, lat: float, lon: float) -> np.ndarray:
        """Km from (lat, lon) to each offering's nearest location; inf where none is known.

        Great-circle distance from the chord between unit vectors (2R·asin(chord/2), the same quantity
        as :func:`haversine_km`), with the location vectors precomputed once per index.
        """
        out = np.full(self.n, np.inf, dtype=np.float64)
        if len(self.loc_rows):
            p1, l1 = np.radians(lat), np.radians(lon)
            here = np.array([np.cos(p1) * np.cos(l1), np.cos(p1) * np.sin(l1), np.sin(p1)])
            diff = self._loc_unit - here[:, None]
            chord = np.sqrt(np.einsum("ij,ij->j", diff, diff))
            d = 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0))
            first, rows = self._loc_groups
            out[rows] = np.minimum.reduceat(d, first)
        return out

    def masks(self, f: SearchFilters) -> dict[str, np.ndarray]:
        """One boolean mask per active attribute filter, keyed by facet name (or "price", "start"); the
        place and crebo masks are the engine's.

        Offerings whose leerweg, niveau or type is unknown do not pass a filter on it; an unknown price or
        start date passes unless the filter says to exclude it.
        """
        out: dict[str, np.ndarray] = {}
        if f.leerwegen:
            wanted = [_leerweg_value(v) for v in f.leerwegen]
            codes = self._codes_for("leerweg", wanted, "leerweg")
            out["leerweg"] = np.any(self._leerweg_matrix[codes], axis=0)
        if f.niveaus:
            bad = [v for v in f.niveaus if not isinstance(v, int) or not 1 <= v <= 4]
            if bad:
                raise InvalidQueryError(f"onbekend niveau {bad[0]!r}; kies 1 (entree), 2, 3 of 4")
            out["niveau"] = self._lookup(f.niveaus, 5)[self.niveau]
        if f.offering_types:
            table = self._lookup(self._codes_for("offering_type", f.offering_types, "soort aanbod"),
                                 len(self.values["offering_type"]))
            out["offering_type"] = table[self.offering_type]
        if f.opleidingsdomeinen:
            table = self._lookup(self._codes_for("opleidingsdomein", f.opleidingsdomeinen, "opleidingsdomein"),
                                 len(self.values["opleidingsdomein"]))
            out["opleidingsdomein"] = table[self.opleidingsdomein]
        if f.providers:
            table = self._lookup(self._codes_for("provider", f.providers, "aanbieder"), len(self.values["provider"]))
            out["provider"] = table[self.provider]
        if f.max_price is not None:
            if f.max_price < 0:
                raise InvalidQueryError("maximale prijs kan niet negatief zijn")
            known = ~np.isnan(self.price)
            out["price"] = known & (self.price <= f.max_price)
            if f.keep_unknown_price:
                out["price"] |= ~known
        if f.start_from is not None or f.start_to is not None:
            lo = f.start_from.toordinal() if f.start_from else -(10**9)
            hi = f.start_to.toordinal() if f.start_to else 10**9
            if lo > hi:
                raise InvalidQueryError("startdatum 'vanaf' ligt na 'tot'")
            out["start"] = self._multi(self.start_rows, (self.start_days >= lo) & (self.start_days <= hi))
            if f.keep_unknown_start:
                out["start"] |= ~self._multi(self.start_rows, np.ones(len(self.start_rows), dtype=bool))
        return out

    def facets(self, candidates: np.ndarray, masks: dict[str, np.ndarray]) -> dict[str, dict[str, int]]:
        """Disjunctive facet counts over the candidate rows: facet X counts with every filter but X.

        Counting is np.bincount over the code columns of the passing rows; facets whose "every other
        filter" set is the same (all of them when no filter is active) share one row selection.
        """
        out: dict[str, dict[str, int]] = {}
        selections: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}
        for facet in FACETS:
            others = tuple(name for name in masks if name != facet)
            if others not in selections:
                base = candidates
                for name in others:
                    base = base & masks[name]
                selections[others] = (base, np.flatnonzero(base))
            base, rows = selections[others]
            values = self.values[facet]
            if facet == "leerweg":
                counts = np.count_nonzero(self._leerweg_matrix & base, axis=1)
            elif facet == "niveau":
                lv = self.niveau[rows].astype(np.int64)
                per_level = np.bincount(lv[lv >= 0], minlength=10)
                counts = np.asarray([per_level[int(v)] for v in values], dtype=np.int64)
            else:
                col = getattr(self, facet)[rows]
                counts = np.bincount(col[col >= 0], minlength=len(values))
            out[facet] = {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
        return out


def _leerweg_value(value: str) -> str:
    """Accept "bbl", "BBL", "derde leerweg", "Deeltijd" for the Leerweg enum values."""
    key = str(value).strip().upper().replace(" ", "_").replace("-", "_")
    try:
        return Leerweg(key).value
    except ValueError:
        known = ", ".join(lw.value for lw in Leerweg)
        raise InvalidQueryError(f"onbekende leerweg {value!r}; kies uit {known}") from None


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distance in km from one point to many."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dlat = p2 - p1
    dlon = np.radians(lons - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)
