"""Result order: by relevance, or by start date, price or distance with relevance breaking ties. Only rows
already decided relevant reach these functions, so no sort puts an unrelated offering first."""

from __future__ import annotations

from datetime import date

import numpy as np

from index.filter_columns import FilterColumns


def order_rows(rows: np.ndarray, scores: np.ndarray, sort: str, distance: np.ndarray | None,
               columns: FilterColumns, need: int) -> np.ndarray:
    """``rows`` in result order, at least the first ``need`` of them; ties by relevance, then row (stable).
    Unknown prices and start dates ("prijs onbekend", "start op aanvraag") go last."""
    if sort == "relevance":
        if need < len(rows):
            # Only the first ``need`` places are shown: keep the rows scoring at least the need-th best
            # (ties at that score included, so the tie-break by row stays exact), then sort just those.
            kth = np.partition(scores[rows], len(rows) - need)[len(rows) - need]
            rows = rows[scores[rows] >= kth]
        return rows[np.lexsort((rows, -scores[rows]))]
    rel = -scores[rows]
    if sort == "distance" and distance is not None:
        key = distance[rows]
    elif sort == "price":
        key = np.nan_to_num(columns.price[rows].astype(np.float64), nan=np.inf)
    else:
        key = next_start(columns, rows)
    return rows[np.lexsort((rows, rel, key))]


def next_start(columns: FilterColumns, rows: np.ndarray) -> np.ndarray:
    """Each row's first start date from today on, as an ordinal; inf when none is known."""
    first = np.full(columns.n, np.inf)
    upcoming = columns.start_days >= date.today().toordinal()
    np.minimum.at(first, columns.start_rows[upcoming], columns.start_days[upcoming].astype(np.float64))
    return np.asarray(first[rows])
