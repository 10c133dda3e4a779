from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz

from index.ratio_bound import RatioBound

LABELS = ["heftruckchauffeur", "pedagogisch medewerker", "kok", "lasser", "medewerker kinderopvang",
          "verzorgende ig", "", "zorg"]


def test_every_label_reaching_the_cutoff_is_kept_and_far_ones_are_not() -> None:
    bound = RatioBound(LABELS)
    for query in ["pedagogish medewerkr", "kok", "heftruk", "zorg en welzijn", "qqq", ""]:
        rows = set(bound.rows_reaching(query, 60.0).tolist())
        reaching = {i for i, label in enumerate(LABELS) if fuzz.ratio(query, label) >= 60.0}
        assert reaching <= rows, query
    assert 2 not in bound.rows_reaching("pedagogisch medewerker", 60.0)  # "kok" cannot get near it
    assert isinstance(bound.rows_reaching("kok", 60.0), np.ndarray)
