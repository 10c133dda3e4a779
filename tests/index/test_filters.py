from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from index.filters import FilterColumns, SearchFilters, haversine_km
from skills.errors import InvalidQueryError

PAYLOADS: list[dict[str, Any]] = [
    {"provider": "A", "offering_type": "mbo-diploma", "leerwegen": ["BBL"], "niveau": 2, "price_eur": 100.0,
     "start_dates": ["2027-02-01"], "qualification": {"opleidingsdomein": "Techniek", "niveau": 2}},
    {"provider": "B", "offering_type": "mbo-diploma", "leerwegen": [], "niveau": None, "price_eur": None,
     "start_dates": [], "qualification": {"opleidingsdomein": "Zorg", "niveau": 3, "leerwegen": ["BOL", "BBL"]}},
    {"provider": "B", "offering_type": "non-mbo course", "leerwegen": [], "niveau": None, "price_eur": 300.0,
     "start_dates": ["2027-09-01"], "qualification": None},
]
COORDS = [[(52.37, 4.89)], [(51.92, 4.48)], []]


def test_masks_inherit_qualification_attributes_and_unknown_price_or_start_is_kept_unless_excluded() -> None:
    fc = FilterColumns.from_payloads(PAYLOADS, COORDS)
    m = fc.masks(SearchFilters(leerwegen=["bol"], niveaus=[3]))
    assert (m["leerweg"] & m["niveau"]).tolist() == [False, True, False]
    # offering 1 has no price and offering 1 no start date: kept (labelled on the page), unless excluded
    assert fc.masks(SearchFilters(max_price=200))["price"].tolist() == [True, True, False]
    assert fc.masks(SearchFilters(max_price=200, keep_unknown_price=False))["price"].tolist() == [True, False, False]
    start = fc.masks(SearchFilters(start_from=date(2027, 6, 1)))["start"]
    assert start.tolist() == [False, True, True]
    start = fc.masks(SearchFilters(start_from=date(2027, 6, 1), keep_unknown_start=False))["start"]
    assert start.tolist() == [False, False, True]
    dist = fc.distances(52.37, 4.89)
    assert dist[0] < 1 and 50 < dist[1] < 70 and np.isinf(dist[2])
    with pytest.raises(InvalidQueryError, match="leerweg"):
        fc.masks(SearchFilters(leerwegen=["XYZ"]))
    with pytest.raises(InvalidQueryError):
        fc.masks(SearchFilters(opleidingsdomeinen=["Ruimtevaart"]))


def test_facets_are_disjunctive() -> None:
    fc = FilterColumns.from_payloads(PAYLOADS, COORDS)
    masks = fc.masks(SearchFilters(providers=["b"]))
    facets = fc.facets(np.ones(3, dtype=bool), masks)
    assert facets["provider"] == {"A": 1, "B": 2}
    assert facets["offering_type"] == {"mbo-diploma": 1, "non-mbo course": 1}


def test_haversine() -> None:
    assert abs(haversine_km(52.37, 4.89, np.array([51.92]), np.array([4.48]))[0] - 57.8) < 2


def test_distances_match_haversine_and_take_the_nearest_location() -> None:
    coords = [[(52.37, 4.89), (51.44, 5.47)], [(53.22, 6.57)], []]
    fc = FilterColumns.from_payloads(PAYLOADS, coords)
    dist = fc.distances(51.5, 5.5)
    assert np.isclose(dist[0], haversine_km(51.5, 5.5, np.array([51.44]), np.array([5.47]))[0])
    assert np.isclose(dist[1], haversine_km(51.5, 5.5, np.array([53.22]), np.array([6.57]))[0])
    assert np.isinf(dist[2])


def test_facets_count_niveau_and_respect_other_filters() -> None:
    fc = FilterColumns.from_payloads(PAYLOADS, COORDS)
    masks = fc.masks(SearchFilters(niveaus=[2], providers=["a", "b"]))
    facets = fc.facets(np.ones(3, dtype=bool), masks)
    assert facets["niveau"] == {"2": 1, "3": 1}  # niveau counts ignore the niveau filter itself
    assert facets["provider"] == {"A": 1}
