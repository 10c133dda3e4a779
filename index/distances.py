"""Distances from a point to every offering's nearest location (great-circle km, vectorised)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

EARTH_RADIUS_KM = 6371.0088


@dataclass
class OfferingLocations:
    """Every offering's geocoded locations as flattened (offering row, lat, lon) arrays, rows ascending."""

    n: int  # offerings
    rows: np.ndarray  # int64 offering rows
    lat: np.ndarray  # float64 degrees
    lon: np.ndarray

    @cached_property
    def _unit(self) -> np.ndarray:
        """Locations as unit vectors on the sphere, (3, m): a distance is then a chord length away."""
        lat, lon = np.radians(self.lat), np.radians(self.lon)
        return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])

    @cached_property
    def _groups(self) -> tuple[np.ndarray, np.ndarray]:
        """(first index of each offering's run in the location arrays, that offering's row)."""
        rows = self.rows
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
        if len(self.rows):
            p1, l1 = np.radians(lat), np.radians(lon)
            here = np.array([np.cos(p1) * np.cos(l1), np.cos(p1) * np.sin(l1), np.sin(p1)])
            diff = self._unit - here[:, None]
            chord = np.sqrt(np.einsum("ij,ij->j", diff, diff))
            d = 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0))
            first, rows = self._groups
            out[rows] = np.minimum.reduceat(d, first)
        return out


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distance in km from one point to many."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dlat = p2 - p1
    dlon = np.radians(lons - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)
