"""Index benchmark: build time, single-query latency (p50/p95, in-process) and RSS at 10k and 100k offerings.

    .venv/bin/python -m bench.index_bench [--sizes 10000 100000] [--encoder static]

Offerings are the sample web's (bench.dataset) scaled synthetically; queries are the dev queries' text
(only as load; quality is measured by `llo eval` and bench.pg_fts). Writes bench/results/index_bench.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.dataset import sample_offerings, scale
from index.build import build_index
from index.encoders import load_encoder
from index.evaluate import load_queries
from index.search import SearchEngine
from llo.settings import Settings
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary

RESULTS = Path(__file__).parent / "results"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--encoder", default=None, help="default: the LLO_ENCODER setting")
    parser.add_argument("--queries", default=None)
    args = parser.parse_args()
    settings = Settings()
    ref = load_reference(settings.reference_dir)
    vocabulary = build_vocabulary(ref)
    encoder = load_encoder(args.encoder or settings.encoder, settings.model_dir)
    queries = [q.query for q in load_queries(Path(args.queries or settings.reference_dir.parent / "eval" /
                                                  "dev_queries.jsonl"))]
    base, base_maps = sample_offerings(settings.reference_dir)
    results: dict[str, object] = {"encoder": encoder.name, "machine_cores": 2, "runs": []}
    for n in args.sizes:
        offerings, mappings = scale(base, base_maps, n)
        tmp = Path(tempfile.mkdtemp(prefix="llo-bench-"))
        try:
            t0 = time.perf_counter()
            manifest = build_index(tmp / "index", offerings, mappings, ref, vocabulary, encoder)
            build_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            engine = SearchEngine.load(tmp / "index", encoder, ref)
            load_s = time.perf_counter() - t0
            for q in queries[:5]:  # warm-up
                engine.search(q)
            run: dict[str, object] = {"offerings": n, "build_s": round(build_s, 2), "load_s": round(load_s, 2),
                                      "dense_index": manifest["dense_index"],
                                      "encode_s": manifest["encode_seconds"],
                                      "distinct_texts_encoded": manifest["distinct_texts_encoded"]}
            for arm in ("hybrid", "bm25", "dense", "fuzzy"):
                lat = []
                for q in queries:
                    t0 = time.perf_counter()
                    engine.search(q, arm=arm)
                    lat.append((time.perf_counter() - t0) * 1000)
                lat.sort()
                run[f"{arm}_p50_ms"] = round(statistics.median(lat), 2)
                run[f"{arm}_p95_ms"] = round(lat[int(0.95 * (len(lat) - 1))], 2)
            lat = []
            for q in queries:
                t0 = time.perf_counter()
                engine.search_qualifications(q)
                lat.append((time.perf_counter() - t0) * 1000)
            lat.sort()
            run["qualifications_p50_ms"] = round(statistics.median(lat), 2)
            run["qualifications_p95_ms"] = round(lat[int(0.95 * (len(lat) - 1))], 2)
            run["rss_mb"] = round(rss_mb(), 1)
            print(json.dumps(run))
            results["runs"].append(run)  # type: ignore[attr-defined]
            del engine
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "index_bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
