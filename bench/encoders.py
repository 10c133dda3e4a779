"""Benchmark the dense encoders: speed, size and qualification-retrieval quality on the dev queries.

    .venv/bin/python -m bench.encoders [--encoders static minilm] [--train]

Quality task: encode one document per qualification (the 470 of the 2015 structure; the document text is
``TrainingCorpus.qualification_text``), rank all of them by cosine for each query of
``<shared>/eval/dev_queries.jsonl`` and score at crebo level as that folder's README says: nDCG@10 with the
grades as gains, Recall@10 and MRR on grade-2 crebos, overall and per persona. Dense-only: this measures
the encoder, not the hybrid search. The dev queries are only read here, never trained on.
Writes ``bench/results/encoders.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.encoders import load_encoder
from index.encoders.protocol import Encoder
from index.training import TrainingConfig, load_corpus, train_static_model
from llo.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results" / "encoders.json"


def load_queries(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_ranking(ranked: Sequence[str], relevant: dict[str, int], k: int = 10) -> dict[str, float]:
    """nDCG@k (gain = grade), Recall@k and reciprocal rank of grade-2 crebos, for one ranked crebo list."""
    dcg = sum(relevant.get(c, 0) / math.log2(i + 2) for i, c in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    top = {c for c, g in relevant.items() if g == 2}
    recall = len(top & set(ranked[:k])) / len(top) if top else 0.0
    rr = next((1.0 / (i + 1) for i, c in enumerate(ranked) if c in top), 0.0)
    return {"ndcg@10": dcg / idcg if idcg else 0.0, "recall@10": recall, "mrr": rr}


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = ("ndcg@10", "recall@10", "mrr")
    out: dict[str, float] = {k: round(statistics.fmean(r[k] for r in rows), 4) for k in keys}
    out["n"] = len(rows)
    return out


def evaluate(encoder: Encoder, crebos: list[str], docs: list[str], queries: list[dict[str, Any]]) -> dict[str, Any]:
    doc_vecs = encoder.encode_document(docs)
    q_vecs = encoder.encode_query([q["query"] for q in queries])
    order = np.argsort(-(q_vecs @ doc_vecs.T), axis=1, kind="stable")
    per_query = [score_ranking([crebos[j] for j in order[i][:100]], q["relevant"]) for i, q in enumerate(queries)]
    result: dict[str, Any] = {"overall": _mean(per_query)}
    # halves by id parity: a choice made on one half should hold on the other
    for half, parity in (("odd_ids", 1), ("even_ids", 0)):
        result[half] = _mean([s for s, q in zip(per_query, queries, strict=True)
                              if int(q["id"].rsplit("-", 1)[-1]) % 2 == parity])
    for persona in sorted({q["persona"] for q in queries}):
        result[persona] = _mean([s for s, q in zip(per_query, queries, strict=True) if q["persona"] == persona])
    return result


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(name: str, model_dir: Path, crebos: list[str], docs: list[str],
            queries: list[dict[str, Any]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    encoder = load_encoder(name, model_dir)
    load_s = time.perf_counter() - t0
    model_path = Path(getattr(encoder, "model_path", model_dir))
    encoder.encode_document(docs[:8])  # warm-up
    # documents: the 470 qualification documents, repeated to 1,000 texts for the docs/s figure
    corpus = (docs * (1000 // len(docs) + 1))[:1000]
    t0 = time.perf_counter()
    encoder.encode_document(corpus)
    docs_per_s = len(corpus) / (time.perf_counter() - t0)
    latencies = []
    for q in queries:
        t0 = time.perf_counter()
        encoder.encode_query([q["query"]])
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    return {
        "encoder": encoder.name,
        "dim": encoder.dim,
        "model_bytes": _dir_size(model_path),
        "load_seconds": round(load_s, 3),
        "docs_per_second": round(docs_per_s, 1),
        "query_latency_ms": {
            "p50": round(latencies[len(latencies) // 2], 3),
            "p95": round(latencies[int(len(latencies) * 0.95) - 1], 3),
        },
        "quality": evaluate(encoder, crebos, docs, queries),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoders", nargs="+", default=["static", "minilm"])
    parser.add_argument("--train", action="store_true",
                        help="train a reference-only static model into DATA_DIR/bench/static-nl first (timed) "
                        "and measure that one instead of the model in DATA_DIR/models")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    settings = Settings()
    queries = load_queries(settings.reference_dir.parent / "eval" / "dev_queries.jsonl")
    corpus = load_corpus(settings.reference_dir, lexicon=settings.lexicon_path)
    crebos = [q.crebo for q in corpus.qualifications]  # the document texts are the vocabulary's, as indexed
    docs = [corpus.qualification_text(c) for c in crebos]
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)},
        "task": {"documents": len(docs), "queries": len(queries)},
    }
    model_dir = settings.model_dir
    if args.train:
        model_dir = settings.data_dir / "bench" / "static-nl"
        t0 = time.perf_counter()
        manifest = train_static_model(corpus, model_dir, TrainingConfig())
        report["static_training"] = {
            "wall_seconds": round(time.perf_counter() - t0, 1),
            "load_avg_1m_after": round(os.getloadavg()[0], 2),
            **{k: manifest[k] for k in ("pairs", "steps", "tokenizer_vocab_size", "dim", "training_seconds",
                                        "epoch_mean_loss", "config", "fingerprint")},
        }
    report["encoders"] = {}
    for name in args.encoders:
        report["encoders"][name] = measure(name, model_dir, crebos, docs, queries)
        print(name, json.dumps(report["encoders"][name]["quality"]["overall"]), file=sys.stderr)
    report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
