"""Search evaluation on graded queries (format of shared/eval/dev_queries.jsonl; metrics per its README).

Offering rankings are judged at qualification level: the ranked offerings are reduced to their distinct
crebos in rank order (first occurrence) before the metrics, so ten providers of one qualification count
once. Metrics: nDCG@10 with the grades as gains (ideal from all judged crebos), Recall@10 over grade-2
crebos, MRR of the first grade-2 crebo (over the whole returned list).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skills.errors import InvalidQueryError, LloError

K = 10
DEPTH = 100  # offerings fetched per query before reducing to crebos
FILTER_KEYS = frozenset({"place", "radius_km", "leerweg", "niveau", "max_price"})


@dataclass(frozen=True)
class GradedQuery:
    id: str
    persona: str
    query: str
    relevant: dict[str, int]
    filters: dict[str, Any] | None = None  # {"place", "radius_km", "leerweg", "niveau", "max_price"}


def load_queries(path: Path) -> list[GradedQuery]:
    """Read a graded-queries JSONL file; InvalidQueryError names the line of a malformed record."""
    out: list[GradedQuery] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            filters = rec.get("filters")
            unknown = set(filters or {}) - FILTER_KEYS
            if filters is not None and (not isinstance(filters, dict) or unknown):
                raise ValueError(f"filters must be an object with keys from {sorted(FILTER_KEYS)}")
            out.append(GradedQuery(str(rec["id"]), str(rec.get("persona", "")), str(rec["query"]),
                                   {str(k): int(v) for k, v in rec["relevant"].items()}, filters or None))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidQueryError(f"{path}:{n}: not a graded query ({exc})") from exc
    return out


def dedupe(crebos: Iterable[str | None]) -> list[str]:
    """Distinct crebos in first-occurrence order; unmapped results (None) are skipped."""
    seen: set[str] = set()
    out = []
    for c in crebos:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    dcg = sum(relevant.get(c, 0) / math.log2(i + 2) for i, c in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    wanted = {c for c, g in relevant.items() if g >= 2}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: dict[str, int]) -> float:
    for i, c in enumerate(ranked):
        if relevant.get(c, 0) >= 2:
            return 1.0 / (i + 1)
    return 0.0


def score_rankings(queries: Sequence[GradedQuery], rankings: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean metrics over queries (rankings already reduced to distinct crebos)."""
    n = len(queries)
    if n == 0:
        return {"ndcg@10": 0.0, "recall@10": 0.0, "mrr": 0.0, "n": 0}
    return {
        "ndcg@10": round(sum(ndcg_at(r, q.relevant) for q, r in zip(queries, rankings, strict=True)) / n, 4),
        "recall@10": round(sum(recall_at(r, q.relevant) for q, r in zip(queries, rankings, strict=True)) / n, 4),
        "mrr": round(sum(reciprocal_rank(r, q.relevant) for q, r in zip(queries, rankings, strict=True)) / n, 4),
        "n": n,
    }


Ranker = Callable[[str], list[str]]  # query → ranked distinct crebos


def evaluate(queries: Sequence[GradedQuery], rankers: dict[str, Ranker]) -> dict[str, object]:
    """Metrics per ranker, plus ``per_persona`` → persona → ranker → metrics.

    A query a ranker cannot answer (LloError, e.g. only stop words) counts as an empty ranking.
    """
    rankings: dict[str, list[list[str]]] = {}
    for name, ranker in rankers.items():
        rows = []
        for q in queries:
            try:
                rows.append(ranker(q.query))
            except LloError:
                rows.append([])
        rankings[name] = rows
    out: dict[str, object] = {name: score_rankings(queries, rows) for name, rows in rankings.items()}
    per_persona: dict[str, dict[str, dict[str, float]]] = {}
    for persona in sorted({q.persona for q in queries}):
        idx = [i for i, q in enumerate(queries) if q.persona == persona]
        sub = [queries[i] for i in idx]
        per_persona[persona] = {name: score_rankings(sub, [rows[i] for i in idx]) for name, rows in rankings.items()}
    out["per_persona"] = per_persona
    return out


def engine_rankers(engine: object) -> dict[str, Ranker]:
    """The standard rankers of a SearchEngine: offering search per arm and qualification search."""
    from index.search import SearchEngine

    assert isinstance(engine, SearchEngine)

    def offerings(arm: str) -> Ranker:
        def rank(query: str) -> list[str]:
            res = engine.search(query, limit=DEPTH, arm=arm)
            return dedupe(h.crebo for h in res.hits)
        return rank

    def qualifications(query: str) -> list[str]:
        return [h.crebo for h in engine.search_qualifications(query, limit=DEPTH)]

    return {"hybrid": offerings("hybrid"), "bm25": offerings("bm25"), "dense": offerings("dense"),
            "fuzzy": offerings("fuzzy"), "qualifications": qualifications}
