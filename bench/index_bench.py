"""Index benchmark: build time, single-query latency (p50/p95, in-process) and RSS at 10k and 100k offerings.

    .venv/bin/python -m bench.index_bench [--sizes 10000 100000] [--encoder static] [--rounds 3]

Offerings are the sample web's (bench.dataset) scaled synthetically, each copy with its own wording (so
text deduplication cannot flatter the build); queries are the dev queries' text (only as load; quality is
measured by `llo eval` and bench.pg_fts), each run ``--rounds`` times, unfiltered per arm and with three
filter combinations. Reports wall p50/p95 and CPU time per query, the dense index's recall@200 against
exact search, RSS and the 1-minute load average (the machine is shared). Writes
bench/results/index_bench.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from bench.dataset import sample_offerings, scale
from index.build import build_index
from index.encoders import load_encoder
from index.evaluate import load_queries
from index.search import DENSE_OFFERING_K, SearchEngine, SearchFilters
from llo.settings import Settings
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary

RESULTS = Path(__file__).parent / "results"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def timed(calls: list[Callable[[], object]], rounds: int) -> dict[str, float]:
    """p50/p95 wall time and mean CPU time (this thread) in ms over ``rounds`` passes of ``calls``.

    CPU time is reported beside wall time because the machine is shared: wall time includes waiting for
    a core, CPU time is what one query costs.
    """
    wall: list[float] = []
    cpu = 0.0
    for _ in range(rounds):
        for call in calls:
            t0, c0 = time.perf_counter(), time.thread_time()
            call()
            cpu += time.thread_time() - c0
            wall.append((time.perf_counter() - t0) * 1000)
    wall.sort()
    return {"p50_ms": round(statistics.median(wall), 2), "p95_ms": round(wall[int(0.95 * (len(wall) - 1))], 2),
            "cpu_mean_ms": round(cpu * 1000 / len(wall), 2)}


def dense_recall(engine: SearchEngine, queries: list[str], k: int = DENSE_OFFERING_K) -> float:
    """Mean overlap of the dense offering index's top-k with exact (brute-force) top-k: 1.0 for flat."""
    dense = engine._dense_o  # noqa: SLF001 - the benchmark inspects the index it measures
    found = 0.0
    for q in queries:
        vec = np.asarray(engine.encoder.encode_query([q]), dtype=np.float32)[0]
        ids, _ = dense.search(vec, k)
        exact = np.argsort(-(dense.vectors @ vec))[:k]
        found += len(set(ids.tolist()) & set(exact.tolist())) / k
    return round(found / len(queries), 4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--encoder", default=None, help="default: the LLO_ENCODER setting")
    parser.add_argument("--queries", default=None)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the queries per measurement")
    args = parser.parse_args()
    threadpool_limits(limits=1)  # as the API runs the engine (api/state.py): parallelism is per request
    settings = Settings()
    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    vocabulary = build_vocabulary(ref)
    encoder = load_encoder(args.encoder or settings.encoder, settings.model_dir)
    queries = [q.query for q in load_queries(Path(args.queries or settings.reference_dir.parent / "eval" /
                                                  "dev_queries.jsonl"))]
    base, base_maps = sample_offerings(settings.reference_dir)
    results: dict[str, Any] = {"encoder": encoder.name, "machine_cores": os.cpu_count(), "rounds": args.rounds,
                               "queries": len(queries), "runs": []}
    filters = {"filtered_bbl": SearchFilters(leerwegen=["BBL"]),
               "filtered_place": SearchFilters(place="Utrecht", radius_km=25),
               "filtered_bbl_place_niveau": SearchFilters(leerwegen=["BBL"], niveaus=[3, 4], place="Zwolle",
                                                          radius_km=30)}
    for n in args.sizes:
        offerings, mappings = scale(base, base_maps, n)
        tmp = Path(tempfile.mkdtemp(prefix="llo-bench-"))
        try:
            run: dict[str, Any] = {"offerings": n, "load_avg_start": load_avg()}
            t0 = time.perf_counter()
            manifest = build_index(tmp / "index", offerings, mappings, ref, vocabulary, encoder)
            run["build_s"] = round(time.perf_counter() - t0, 2)
            t0 = time.perf_counter()
            engine = SearchEngine.load(tmp / "index", encoder, ref)
            run.update(load_s=round(time.perf_counter() - t0, 2), dense_index=manifest["dense_index"],
                       encode_s=manifest["encode_seconds"],
                       distinct_texts_encoded=manifest["distinct_texts_encoded"])
            for q in queries[:5]:  # warm-up
                engine.search(q)
            for arm in ("hybrid", "bm25", "dense", "fuzzy"):
                stats = timed([functools.partial(engine.search, q, arm=arm) for q in queries], args.rounds)
                run.update({f"{arm}_{k}": v for k, v in stats.items()})
            for name, f in filters.items():
                stats = timed([functools.partial(engine.search, q, f) for q in queries], args.rounds)
                run.update({f"{name}_{k}": v for k, v in stats.items()})
            stats = timed([functools.partial(engine.search_qualifications, q) for q in queries], args.rounds)
            run.update({f"qualifications_{k}": v for k, v in stats.items()})
            run["dense_recall_at_200_vs_exact"] = dense_recall(engine, queries)
            run["rss_mb"] = round(rss_mb(), 1)
            run["load_avg_end"] = load_avg()
            print(json.dumps(run), flush=True)
            results["runs"].append(run)
            del engine
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "index_bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
