"""Where one search spends its time: cProfile over the dev queries on a built index.

    .venv/bin/python -m bench.profile_search [--index DATA_DIR/index] [--size N] [--top 25] [--rounds 1]

Without ``--size`` it profiles the live index of the data directory (the demo's); with ``--size N`` it builds
a scratch index of bench.dataset's offerings scaled to N. Each query runs once cold (first time this process
sees it), then ``--rounds`` more times, timed by CPU time (the machine is shared); then caches are cleared
and a cold pass runs under cProfile. Function-call counts in the profile do not depend on the machine's
load, so they compare two versions of the code fairly. Writes bench/results/profile_search.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

from index.encoders import load_encoder
from index.evaluate import load_queries
from index.search import SearchEngine
from llo.pipeline import load_reference_data
from llo.settings import Settings

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default=None)
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=0, help="warm passes after the cold one")
    parser.add_argument("--out", default=str(RESULTS / "profile_search.txt"))
    args = parser.parse_args()
    threadpool_limits(limits=1)
    settings = Settings()
    ref = load_reference_data(settings)
    encoder = load_encoder(settings.encoder, settings.model_dir)
    queries = [q.query for q in load_queries(settings.reference_dir.parent / "eval" / "dev_queries.jsonl")]
    tmp: Path | None = None
    try:
        if args.size:
            from bench.dataset import sample_offerings, scale
            from index.build import build_index
            from skills.vocabulary import build_vocabulary

            tmp = Path(tempfile.mkdtemp(prefix="llo-prof-"))
            base, maps = sample_offerings(settings.reference_dir)
            offerings, mappings = scale(base, maps, args.size)
            build_index(tmp / "index", offerings, mappings, ref, build_vocabulary(ref), encoder)
            index_dir = tmp / "index"
        else:
            index_dir = Path(args.index) if args.index else settings.index_dir
        engine = SearchEngine.load(index_dir, encoder, ref)
        c0 = time.thread_time()
        for q in queries:  # cold, without the profiler: CPU time (the machine is shared; wall time is not)
            engine.search(q)
        cold_cpu = (time.thread_time() - c0) * 1000 / len(queries)
        c0 = time.thread_time()
        for _ in range(args.rounds):
            for q in queries:
                engine.search(q)
        warm_cpu = (time.thread_time() - c0) * 1000 / max(1, len(queries) * args.rounds)
        if hasattr(engine, "clear_caches"):
            engine.clear_caches()
        profiler = cProfile.Profile()
        profiler.enable()
        for q in queries:
            engine.search(q)
        profiler.disable()
        out = io.StringIO()
        out.write(f"index {index_dir} ({len(engine.payloads)} offerings), {len(queries)} queries, "
                  f"load {os.getloadavg()[0]:.2f}\n")
        out.write(f"CPU per query without profiler: first pass {cold_cpu:.2f} ms, next {args.rounds} passes "
                  f"{warm_cpu:.2f} ms; the profile below is a cold pass (caches cleared)\n")
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        text = out.getvalue()
        print(text)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
