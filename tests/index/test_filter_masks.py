from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from index.filter_columns import FilterColumns
from index.filter_masks import filter_masks
from index.filters import SearchFilters
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
    m = filter_masks(fc, SearchFilters(leerwegen=["bol"], niveaus=[3]))
    assert (m["leerweg"] & m["niveau"]).tolist() == [False, True, False]
    # offering 1 has no price and offering 1 no start date: kept (labelled on the page), unless excluded
    assert filter_masks(fc, SearchFilters(max_price=200))["price"].tolist() == [True, True, False]
    assert filter_masks(fc, SearchFilters(max_price=200, keep_unknown_price=False))["price"].tolist() == [True, False, False]
    start = filter_masks(fc, SearchFilters(start_from=date(2027, 6, 1)))["start"]
    assert start.tolist() == [False, True, True]
    start = filter_masks(fc, SearchFilters(start_from=date(2027, 6, 1), keep_unknown_start=False))["start"]
    assert start.tolist() == [False, False, True]
    dist = fc.distances(52.37, 4.89)
    assert dist[0] < 1 and 50 < dist[1] < 70 and np.isinf(dist[2])
    with pytest.raises(InvalidQueryError, match="leerweg"):
        filter_masks(fc, SearchFilters(leerwegen=["XYZ"]))
    with pytest.raises(InvalidQueryError):
        filter_masks(fc, SearchFilters(opleidingsdomeinen=["Ruimtevaart"]))
