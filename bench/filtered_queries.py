"""The filtered dev set: the shared dev queries, each given a place (spread over the country) and, for some,
a leerweg, level or budget, as people add them on the page. Written to a file outside the repository (the
query wording stays in ../shared/eval; only the filters are ours).

Assignment is by position, never by a query's judgements: places cycle through the list below (towns in all
twelve provinces, areas and postcodes), radius 25 km; every third query asks for BBL, every fifth for a
level (2 or 3, alternately), every seventh for a budget of 1,000 euro. Every fourth query keeps no filters,
so the same file also measures unfiltered search.

    python -m bench.filtered_queries ../shared/eval/dev_queries.jsonl /tmp/dev_filtered.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

PLACES = (
    "Groningen", "Leeuwarden", "Assen", "Zwolle", "Enschede", "Almere", "Arnhem", "Utrecht", "Amsterdam",
    "Haarlem", "Den Haag", "Rotterdam", "Goes", "Breda", "Eindhoven", "Maastricht", "Venlo", "Den Helder",
    "Emmen", "Nijmegen", "Tilburg", "Alkmaar", "Twente", "Achterhoek", "Rijnmond", "Zeeland", "Brabant",
    "Friesland", "8011", "3511", "6211", "9401", "Apeldoorn", "Leiden", "Dordrecht", "'s-Hertogenbosch",
    "Deventer", "Hoorn", "Middelburg", "Heerlen",
)


def filters_for(position: int) -> dict[str, Any] | None:
    """The filters of the query at ``position`` (0-based) in the file."""
    if position % 4 == 3:
        return None
    out: dict[str, Any] = {"place": PLACES[position % len(PLACES)], "radius_km": 25}
    if position % 3 == 0:
        out["leerweg"] = "BBL"
    if position % 5 == 1:
        out["niveau"] = 2 + (position // 5) % 2
    if position % 7 == 2:
        out["max_price"] = 1000
    return out


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    lines = []
    for position, line in enumerate(x for x in source.read_text(encoding="utf-8").splitlines() if x.strip()):
        record = json.loads(line)
        filters = filters_for(position)
        if filters:
            record["filters"] = filters
        lines.append(json.dumps(record, ensure_ascii=False))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
