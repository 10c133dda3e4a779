from __future__ import annotations

import numpy as np

from index.distances import haversine_km
from index.filter_columns import FilterColumns
from tests.index.test_filter_masks import PAYLOADS


def test_haversine() -> None:
    assert abs(haversine_km(52.37, 4.89, np.array([51.92]), np.array([4.48]))[0] - 57.8) < 2


def test_distances_match_haversine_and_take_the_nearest_location() -> None:
    coords = [[(52.37, 4.89), (51.44, 5.47)], [(53.22, 6.57)], []]
    fc = FilterColumns.from_payloads(PAYLOADS, coords)
    dist = fc.distances(51.5, 5.5)
    assert np.isclose(dist[0], haversine_km(51.5, 5.5, np.array([51.44]), np.array([5.47]))[0])
    assert np.isclose(dist[1], haversine_km(51.5, 5.5, np.array([53.22]), np.array([6.57]))[0])
    assert np.isinf(dist[2])
