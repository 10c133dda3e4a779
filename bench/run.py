"""`make bench`: every benchmark in one command, on the demo data (built first if missing).

Each benchmark writes its own JSON into bench/results/; docs/benchmarks.md reports them. The machine's load
average is recorded by the benchmarks themselves; run on a quiet machine for comparable figures.
"""

from __future__ import annotations

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
    ("index: build, latency, memory at 10k / 100k", ["-m", "bench.index_bench"]),
    ("PostgreSQL full-text search peer", ["-m", "bench.pg_fts"]),
    ("crawl throughput: pipeline vs bare spider", ["-m", "bench.crawl_throughput", "--rounds", "1"]),
    ("HTTP load: /api/search and /api/chat", ["-m", "bench.http_load"]),
]


def main() -> int:
    env = dict(os.environ)
    env.setdefault("LLO_DATA_DIR", str(REPO / "data"))
    failed = []
    for title, args in STEPS:
        print(f"\n=== {title}\n    $ python {' '.join(args)}", flush=True)
        started = time.monotonic()
        code = subprocess.run([sys.executable, *args], cwd=REPO, env=env, check=False).returncode
        print(f"    exit {code} after {time.monotonic() - started:.0f} s", flush=True)
        if code:
            failed.append(title)
    print("\nall benchmarks ran" if not failed else f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
