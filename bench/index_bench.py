"""Index benchmark: build time, single-query latency (p50/p95, in-process) and memory at 10k and 100k offerings.

    .venv/bin/python -m bench.index_bench [--sizes 10000 100000] [--encoder static] [--rounds 3]

Offerings are the sample web's (bench.dataset) scaled synthetically, each copy with its own wording (so
text deduplication cannot flatter the build); queries are the dev queries' text (only as load; quality is
measured by `llo eval` and bench.pg_fts). The index is built in this process (wall and CPU seconds); it is
then loaded and measured in a *fresh child process*, as an API worker loads it, so the memory figures are
one worker's: RSS and PSS after load and after the queries (PSS counts the memory-mapped index files a
second worker would share once per worker share). Each query set runs ``--rounds`` times: round 1 is cold
(the engine has never seen the query texts), later rounds reuse the cached query analysis
(index/query.py); both are reported. Unfiltered per arm and with three filter combinations. Reports wall
p50/p95 and CPU time per query, the dense index's recall@200 against exact search and the 1-minute load
average at every figure (the machine is shared). Writes bench/results/index_bench.json.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from bench.dataset import sample_offerings, scale
from bench.memory import memory_mb
from index.build import build_index
from index.encoders import load_encoder
from index.evaluate import load_queries
from index.search import DENSE_OFFERING_K, SearchEngine, SearchFilters
from llo.settings import Settings
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary

RESULTS = Path(__file__).parent / "results"


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def timed(calls: list[Callable[[], object]], rounds: int) -> dict[str, float]:
    """p50/p95 wall time and mean CPU time (this thread) in ms over ``rounds`` passes of ``calls``: all
    passes, the first (cold) pass alone, and the later (warm) passes.

    CPU time is reported beside wall time because the machine is shared: wall time includes waiting for
    a core, CPU time is what one query costs.
    """
    wall: list[list[float]] = []
    cpu: list[list[float]] = []
    for _ in range(rounds):
        wall.append([])
        cpu.append([])
        for call in calls:
            t0, c0 = time.perf_counter(), time.thread_time()
            call()
            cpu[-1].append((time.thread_time() - c0) * 1000)
            wall[-1].append((time.perf_counter() - t0) * 1000)

    def stats(w: list[float], c: list[float], prefix: str) -> dict[str, float]:
        w = sorted(w)
        return {f"{prefix}p50_ms": round(statistics.median(w), 2),
                f"{prefix}p95_ms": round(w[int(0.95 * (len(w) - 1))], 2),
                f"{prefix}cpu_mean_ms": round(statistics.fmean(c), 2)}

    out = stats([x for r in wall for x in r], [x for r in cpu for x in r], "")
    out.update(stats(wall[0], cpu[0], "cold_"))
    if rounds > 1:
        out.update(stats([x for r in wall[1:] for x in r], [x for r in cpu[1:] for x in r], "warm_"))
    out["load_avg"] = load_avg()
    return out


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


FILTERS = {"filtered_bbl": SearchFilters(leerwegen=["BBL"]),
           "filtered_place": SearchFilters(place="Utrecht", radius_km=25),
           "filtered_bbl_place_niveau": SearchFilters(leerwegen=["BBL"], niveaus=[3, 4], place="Zwolle",
                                                      radius_km=30)}


def measure(index_dir: Path, encoder_name: str, queries: list[str], rounds: int) -> dict[str, Any]:
    """Load the index and time every query set (run in a fresh process: see the module docstring)."""
    threadpool_limits(limits=1)  # as the API runs the engine (api/state.py): parallelism is per request
    settings = Settings()
    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    encoder = load_encoder(encoder_name, settings.model_dir)
    before = memory_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    engine = SearchEngine.load(index_dir, encoder, ref)
    run: dict[str, Any] = {"load_s": round(time.perf_counter() - t0, 2),
                           "load_cpu_s": round(time.process_time() - c0, 2),
                           "memory_before_load": before, "memory_after_load": memory_mb()}
    for arm in ("hybrid", "bm25", "dense", "fuzzy"):
        engine.clear_caches()  # every set starts cold
        stats = timed([functools.partial(engine.search, q, arm=arm) for q in queries], rounds)
        run.update({f"{arm}_{k}": v for k, v in stats.items()})
    for name, f in FILTERS.items():
        engine.clear_caches()
        stats = timed([functools.partial(engine.search, q, f) for q in queries], rounds)
        run.update({f"{name}_{k}": v for k, v in stats.items()})
    engine.clear_caches()
    stats = timed([functools.partial(engine.search_qualifications, q) for q in queries], rounds)
    run.update({f"qualifications_{k}": v for k, v in stats.items()})
    run["dense_recall_at_200_vs_exact"] = dense_recall(engine, queries)
    run["memory_after_queries"] = memory_mb()
    run["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--encoder", default=None, help="default: the LLO_ENCODER setting")
    parser.add_argument("--queries", default=None)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the queries per measurement")
    parser.add_argument("--measure", default=None, help=argparse.SUPPRESS)  # child process: index directory
    args = parser.parse_args()
    settings = Settings()
    encoder_name = args.encoder or settings.encoder
    queries = [q.query for q in load_queries(Path(args.queries or settings.reference_dir.parent / "eval" /
                                                  "dev_queries.jsonl"))]
    if args.measure:
        print(json.dumps(measure(Path(args.measure), encoder_name, queries, args.rounds)), flush=True)
        return
    threadpool_limits(limits=1)
    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    vocabulary = build_vocabulary(ref)
    encoder = load_encoder(encoder_name, settings.model_dir)
    base, base_maps = sample_offerings(settings.reference_dir)
    results: dict[str, Any] = {"encoder": encoder.name, "machine_cores": os.cpu_count(), "rounds": args.rounds,
                               "queries": len(queries), "runs": []}
    for n in args.sizes:
        offerings, mappings = scale(base, base_maps, n)
        tmp = Path(tempfile.mkdtemp(prefix="llo-bench-"))
        try:
            run: dict[str, Any] = {"offerings": n, "load_avg_start": load_avg()}
            t0, c0 = time.perf_counter(), time.process_time()
            manifest = build_index(tmp / "index", offerings, mappings, ref, vocabulary, encoder)
            run.update(build_s=round(time.perf_counter() - t0, 2), build_cpu_s=round(time.process_time() - c0, 2),
                       build_load_avg_end=load_avg(), dense_index=manifest["dense_index"],
                       encode_s=manifest["encode_seconds"], distinct_texts_encoded=manifest["distinct_texts_encoded"])
            child = subprocess.run(
                [sys.executable, "-m", "bench.index_bench", "--measure", str(tmp / "index"), "--encoder",
                 encoder_name, "--rounds", str(args.rounds), *(["--queries", args.queries] if args.queries else [])],
                capture_output=True, text=True, check=True)
            run.update(json.loads(child.stdout.strip().splitlines()[-1]))
            run["load_avg_end"] = load_avg()
            print(json.dumps(run), flush=True)
            results["runs"].append(run)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "index_bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
