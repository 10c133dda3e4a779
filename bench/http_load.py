"""HTTP load test of GET /api/search (demo-size and 100k-offering index) and POST /api/chat (no LLM).

    .venv/bin/python -m bench.http_load [--sizes demo 100000] [--workers 2] [--clients 50] [--requests 2000]
                                        [--seconds 60] [--think 0 1.0] [--encoder static|minilm]

For each index size it builds an index (offerings: bench.dataset's sample-web offerings, scaled
synthetically by bench.dataset.scale as bench.index_bench does), starts `llo serve --workers N` on a free
loopback port over it for every N of ``--workers``, and drives it with ``--clients`` concurrent asyncio +
httpx clients. A run stops after ``--requests`` requests or ``--seconds``, whichever comes first; 5% warm-up
requests are not counted. ``--think`` gives one or more per-client pauses between requests: 0 is a closed
loop at saturation (latency = queueing at full CPU), 1.0 models 50 people each searching about once a
second.

Payloads: bench.http_payloads (from the reference data, never the evaluation queries). The server caches no
search results; it keeps the analysis of recently seen query texts (index/query.py), and the ~600 topics
repeat within a run, so most requests after the first pass are warm in that sense. After each run the
workers' RSS and PSS are read (bench.memory; PSS adds up to what the workers take together). The 1-minute
load average before and after each run is recorded: the machine is shared. Loopback only. Results:
bench/results/http_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.http_payloads import chat_bodies, search_params, topics
from bench.http_server import (
    build,
    free_port,
    pick_encoder,
    serve,
    server_log,
    wait_ready,
    worker_memory,
    workers_cpu,
)
from llo.settings import Settings
from skills.reference import load_reference

RESULTS = Path(__file__).parent / "results"


async def drive(base: str, method: str, path: str, payloads: list[dict[str, Any]], clients: int,
                max_requests: int, max_seconds: float, think: float) -> dict[str, Any]:
    """Closed-loop load: ``clients`` tasks each send a request, wait for it, pause ``think`` s, repeat."""
    latencies: list[float] = []
    errors = 0
    error_kinds: dict[str, int] = {}  # HTTP status or exception class -> count
    sent = 0
    warmup = max(clients, max_requests // 20)
    started = time.perf_counter()
    first_counted: float | None = None
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0, trust_env=False) as http:

        async def client(idx: int) -> None:
            nonlocal sent, errors, first_counted
            rng = random.Random(idx)
            while sent < max_requests and time.perf_counter() - started < max_seconds:
                n = sent
                sent += 1
                payload = payloads[(idx * 7919 + n) % len(payloads)]
                t0 = time.perf_counter()
                try:
                    if method == "GET":
                        r = await http.get(path, params=payload)
                    else:
                        r = await http.post(path, json=payload)
                    bad = r.status_code != 200
                    kind = str(r.status_code)
                except httpx.HTTPError as exc:
                    bad = True
                    kind = type(exc).__name__
                elapsed = (time.perf_counter() - t0) * 1000
                if n >= warmup:
                    if first_counted is None:
                        first_counted = t0
                    latencies.append(elapsed)
                    errors += bad
                    if bad:
                        error_kinds[kind] = error_kinds.get(kind, 0) + 1
                if think:
                    await asyncio.sleep(think * (0.5 + rng.random()))

        await asyncio.gather(*(client(i) for i in range(clients)))
    wall = time.perf_counter() - (first_counted or started)
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else float("nan")

    return {"requests": len(latencies), "errors": errors, "error_kinds": error_kinds, "seconds": round(wall, 1),
            "rps": round(len(latencies) / wall, 1) if wall > 0 else None,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
            "clients": clients, "think_s": think}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["demo", "100000"])
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0])
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--no-chat", action="store_true")
    parser.add_argument("--chat-only", action="store_true",
                        help="only the chat runs, written to bench/results/http_load_chat.json")
    parser.add_argument("--out", default=None, help="result file name in bench/results/")
    args = parser.parse_args()
    settings = Settings()
    encoder_name = pick_encoder(args.encoder, settings)
    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    rng = random.Random(5)
    topic_list = topics(ref, rng, 10_000)  # every distinct topic (~600)
    searches, chats = search_params(topic_list, rng), chat_bodies(topic_list, rng)
    results: dict[str, Any] = {"machine_cores": os.cpu_count(), "encoder": encoder_name,
                               "load_tool": "bench/http_load.py (asyncio + httpx, closed loop)", "runs": []}
    for size in args.sizes:
        data_dir = Path(tempfile.mkdtemp(prefix="llo-http-"))
        try:
            print(f"[{size}] building index ({encoder_name}) ...", flush=True)
            info = build(data_dir, size, encoder_name, settings, ref)
            print(f"[{size}] {info}", flush=True)
            for workers in args.workers:
                run_size(args, data_dir, size, workers, info, encoder_name, settings, searches, chats, results)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = args.out or ("http_load_chat.json" if args.chat_only else "http_load.json")
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def run_size(args: argparse.Namespace, data_dir: Path, size: str, workers: int, info: dict[str, Any],
             encoder_name: str, settings: Settings, searches: list[dict[str, Any]], chats: list[dict[str, Any]],
             results: dict[str, Any]) -> None:
    """Serve the built index with ``workers`` workers and run every think time against it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc: subprocess.Popen[bytes] | None = None
    try:
        proc = serve(data_dir, encoder_name, settings, port, workers)
        wait_ready(base, proc, data_dir, workers)
        idle_memory = worker_memory(proc)
        for think in args.think:
            plan = [] if args.chat_only else [("GET", "/api/search", searches)]
            if not args.no_chat and size == args.sizes[0] and workers == args.workers[0]:
                plan.append(("POST", "/api/chat", chats))
            for method, path, payloads in plan:
                load_start = round(os.getloadavg()[0], 2)
                cpu_start = workers_cpu(proc)
                run = asyncio.run(drive(base, method, path, payloads, args.clients, args.requests,
                                        args.seconds, think))
                # Server CPU per request (warm-up included in both): what a request costs, whatever the load.
                sent = run["requests"] / 0.95 if run["requests"] else 0
                run["server_cpu_ms_per_request"] = round(
                    (workers_cpu(proc) - cpu_start) * 1000 / sent, 2) if sent else None
                run.update(endpoint=path, size=size, workers=workers, **info, load_avg_start=load_start,
                           load_avg_end=round(os.getloadavg()[0], 2), memory_idle=idle_memory,
                           memory_after=worker_memory(proc))
                if run["errors"]:
                    run["server_log_tail"] = server_log(data_dir)
                print(json.dumps(run), flush=True)
                results["runs"].append(run)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            time.sleep(1.0)


if __name__ == "__main__":
    main()
