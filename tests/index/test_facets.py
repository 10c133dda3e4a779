from __future__ import annotations

import numpy as np

from index.facets import facet_counts
from index.filter_columns import FilterColumns
from index.filter_masks import filter_masks
from index.filters import SearchFilters
from tests.index.test_filter_masks import COORDS, PAYLOADS


def test_facets_are_disjunctive() -> None:
    fc = FilterColumns.from_payloads(PAYLOADS, COORDS)
    masks = filter_masks(fc, SearchFilters(providers=["b"]))
    facets = facet_counts(fc, np.ones(3, dtype=bool), masks)
    assert facets["provider"] == {"A": 1, "B": 2}
    assert facets["offering_type"] == {"mbo-diploma": 1, "non-mbo course": 1}


def test_facets_count_niveau_and_respect_other_filters() -> None:
    fc = FilterColumns.from_payloads(PAYLOADS, COORDS)
    masks = filter_masks(fc, SearchFilters(niveaus=[2], providers=["a", "b"]))
    facets = facet_counts(fc, np.ones(3, dtype=bool), masks)
    assert facets["niveau"] == {"2": 1, "3": 1}  # niveau counts ignore the niveau filter itself
    assert facets["provider"] == {"A": 1}
