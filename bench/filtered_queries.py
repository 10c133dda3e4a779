"""The filtered dev set: the shared dev queries, each given a place (spread over the country) and, for some,
a leerweg, level or budget, as people add them on the page. Written to a file outside the repository (the
query wording stays in ../shared/eval; only the filters are ours).

Each query appears three times: as it is (id ``dev-001``, no filters, so the same file measures unfiltered
search) and in two filtered variants (``dev-001a``, ``dev-001b``; the number keeps them in the query's
odd/even half). Assignment is by position, never by a query's judgements: places cycle through the list
below (towns in all twelve provinces, areas and postcodes), radius 25 km; every third variant asks for BBL,
every fifth for a level (2 or 3, alternately), every seventh for a budget of 1,000 euro.

    python -m bench.filtered_queries ../shared/eval/dev_queries.jsonl /tmp/dev_filtered.jsonl [--variants N]

With ``--variants 6`` each query is tried in six places (``dev-001a`` … ``dev-001f``): the same queries, less
noise from where a variant happens to land; the constants of :mod:`index.relevance` were chosen on that set's
odd half.
"""

from __future__ import annotations

import argparse
import json
import string
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


def filters_for(position: int) -> dict[str, Any]:
    """The filters of the variant at ``position`` (0-based: query index × 2 + variant)."""
    out: dict[str, Any] = {"place": PLACES[(position * 7) % len(PLACES)], "radius_km": 25}
    if position % 3 == 0:
        out["leerweg"] = "BBL"
    if position % 5 == 1:
        out["niveau"] = 2 + (position // 5) % 2
    if position % 7 == 2:
        out["max_price"] = 1000
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.filtered_queries", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--variants", type=int, default=2, choices=range(1, 27), metavar="N",
                        help="filtered variants per query (default 2: the reported set; more variants measure the "
                             "same queries in more places, with less noise from where each lands)")
    args = parser.parse_args(argv)
    n = args.variants
    lines = []
    for index, line in enumerate(x for x in args.source.read_text(encoding="utf-8").splitlines() if x.strip()):
        record = json.loads(line)
        lines.append(json.dumps(record, ensure_ascii=False))
        for variant in range(n):
            filtered = dict(record, id=f"{record['id']}{string.ascii_lowercase[variant]}",
                            filters=filters_for(index * n + variant))
            lines.append(json.dumps(filtered, ensure_ascii=False))
    target = args.target
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
