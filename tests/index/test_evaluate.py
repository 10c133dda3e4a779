from __future__ import annotations

import math
from pathlib import Path

import pytest

from index.evaluate import GradedQuery, dedupe, evaluate, load_queries, ndcg_at, recall_at, reciprocal_rank
from skills.errors import InvalidQueryError

REL = {"a": 2, "b": 1, "c": 2}


def test_metrics() -> None:
    assert dedupe(["a", None, "a", "b"]) == ["a", "b"]
    assert ndcg_at(["a", "c", "b"], REL) == pytest.approx(1.0)
    dcg = 1 / math.log2(3) * 2
    idcg = 2 + 2 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(["x", "a"], REL) == pytest.approx(dcg / idcg)
    assert recall_at(["b", "a"], REL) == 0.5
    assert reciprocal_rank(["b", "x", "c"], REL) == pytest.approx(1 / 3)


def test_evaluate_per_persona_and_errors(tmp_path: Path) -> None:
    qs = [GradedQuery("dev-1", "uwv", "q1", {"a": 2}), GradedQuery("dev-2", "werkgever", "q2", {"b": 2})]

    def ranker(query: str) -> list[str]:
        if query == "q2":
            raise InvalidQueryError("no")
        return ["a"]

    out = evaluate(qs, {"hybrid": ranker})
    assert out["hybrid"] == {"ndcg@10": 0.5, "recall@10": 0.5, "mrr": 0.5, "n": 2}
    assert out["per_persona"]["uwv"]["hybrid"]["mrr"] == 1.0  # type: ignore[index]
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InvalidQueryError, match="q.jsonl:1"):
        load_queries(bad)
