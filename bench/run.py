"""`make bench`: every benchmark in one command, on the demo data (built first if missing).

Each benchmark writes its own JSON into bench/results/; docs/benchmarks.md reports them. The machine's load
average is recorded by the benchmarks themselves (and before and after every step here, in
bench/results/run_load.json); run on a quiet machine for comparable figures. The last step puts the
performance figures beside the PostgreSQL peer's from the same run (bench/results/summary.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

STEPS: list[tuple[str, list[str]]] = [
    ("demo data (sample web, crawl, map, model, index)", ["-m", "llo", "demo", "--no-serve"]),
    ("extraction accuracy", ["-m", "bench.extraction_accuracy", "--build"]),
    ("mapping accuracy", ["-m", "bench.mapping_accuracy", "--full"]),
    ("encoders: static vs minilm", ["-m", "bench.encoders"]),
    ("PostgreSQL full-text search peer (interleaved with llo)", ["-m", "bench.pg_fts"]),
    ("index: build, latency, memory at 10k / 100k", ["-m", "bench.index_bench"]),
    ("where a search spends its time (cProfile, demo index)", ["-m", "bench.profile_search", "--rounds", "2"]),
    ("crawl throughput: pipeline vs bare spider", ["-m", "bench.crawl_throughput", "--rounds", "1"]),
    ("HTTP load: /api/search and /api/chat", ["-m", "bench.http_load"]),
    ("HTTP load at 100k: 1, 2 and 4 workers, no think time",
     ["-m", "bench.http_load", "--sizes", "100000", "--workers", "1", "2", "4", "--think", "0", "--no-chat",
      "--out", "http_load_workers.json"]),
    ("summary: llo beside the PostgreSQL peer, with load", ["-m", "bench.summary"]),
]


def main() -> int:
    env = dict(os.environ)
    env.setdefault("LLO_DATA_DIR", str(REPO / "data"))
    failed = []
    steps: list[dict[str, object]] = []
    for title, args in STEPS:
        print(f"\n=== {title}\n    $ python {' '.join(args)}", flush=True)
        started = time.monotonic()
        load_before = round(os.getloadavg()[0], 2)
        code = subprocess.run([sys.executable, *args], cwd=REPO, env=env, check=False).returncode
        seconds = round(time.monotonic() - started, 1)
        steps.append({"step": title, "exit": code, "seconds": seconds, "load_avg_before": load_before,
                      "load_avg_after": round(os.getloadavg()[0], 2)})
        print(f"    exit {code} after {seconds:.0f} s (load average {load_before} -> {steps[-1]['load_avg_after']})",
              flush=True)
        if code:
            failed.append(title)
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "run_load.json").write_text(json.dumps(steps, indent=2) + "\n", encoding="utf-8")
    print("\nall benchmarks ran" if not failed else f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
