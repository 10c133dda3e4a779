"""Disjunctive facet counts: the count for a value of facet X is taken with every *other* filter applied,
so a person sees what choosing that value yields."""

from __future__ import annotations

import numpy as np

from index.filter_columns import FACETS, FilterColumns


def facet_counts(columns: FilterColumns, candidates: np.ndarray,
                 masks: dict[str, np.ndarray]) -> dict[str, dict[str, int]]:
    """Facet → value → count over the ``candidates`` rows (the relevant offerings), each facet counted with
    every filter of ``masks`` but its own.

    Counting is np.bincount over the code columns of the passing rows; facets whose "every other filter"
    set is the same (all of them when no filter is active) share one row selection.
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
        values = columns.values[facet]
        if facet == "leerweg":
            counts = np.count_nonzero(columns.leerweg_matrix & base, axis=1)
        elif facet == "niveau":
            lv = columns.niveau[rows].astype(np.int64)
            per_level = np.bincount(lv[lv >= 0], minlength=10)
            counts = np.asarray([per_level[int(v)] for v in values], dtype=np.int64)
        else:
            col = getattr(columns, facet)[rows]
            counts = np.bincount(col[col >= 0], minlength=len(values))
        out[facet] = {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
    return out
