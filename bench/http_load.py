"""HTTP load test of GET /api/search (demo-size and 100k-offering index) and POST /api/chat (no LLM).

    .venv/bin/python -m bench.http_load [--sizes demo 100000] [--clients 50] [--requests 2000]
                                        [--seconds 60] [--think 0 1.0] [--encoder static|minilm]

For each index size it builds an index (offerings: bench.dataset's sample-web offerings, scaled
synthetically by bench.dataset.scale as bench.index_bench does), starts `llo serve --workers 2` on a free
loopback port over it, and drives it with ``--clients`` concurrent asyncio + httpx clients. A run stops
after ``--requests`` requests or ``--seconds``, whichever comes first; 5% warm-up requests are not counted.
``--think`` gives one or more per-client pauses between requests: 0 is a closed loop at saturation
(latency = queueing at full CPU), 1.0 models 50 people each searching about once a second.

Queries are generated from the reference data (every distinct werkproces and qualification name, ~600,
some with place, leerweg or niveau filters) — never from the evaluation queries. The server caches no
search results (only per-place distance arrays, keyed by place), so repeated topics cost the same as new
ones. The 1-minute load average before and after each run is recorded: the machine is shared. Chat messages are Dutch sentences built
from the same topics. Loopback only. Results: bench/results/http_load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.dataset import sample_offerings, scale
from index.build import build_index
from index.encoders import load_encoder, read_manifest
from llo.settings import REPO_ROOT, Settings
from skills.errors import IndexUnavailableError
from skills.reference import ReferenceData, load_reference
from skills.vocabulary import build_vocabulary

RESULTS = Path(__file__).parent / "results"
PLACES = ["Utrecht", "Zwolle", "Eindhoven", "Groningen", "Rotterdam", "Amersfoort", "Tilburg", "Arnhem"]
WORKERS = 2


def pick_encoder(name: str | None, settings: Settings) -> str:
    """The requested encoder, else the trained static model when present, else MiniLM."""
    if name:
        return name
    try:
        read_manifest(settings.model_dir)
        return "static"
    except IndexUnavailableError:
        return "minilm"


def topics(ref: ReferenceData, rng: random.Random, n: int) -> list[str]:
    """Search topics from the reference data: werkproces names (how tasks are phrased) and names."""
    pool: list[str] = []
    for q in ref.qualifications.values():
        if q.legacy:
            continue
        pool.append(q.name)
        pool += [w.name for k in q.kerntaken for w in k.werkprocessen]
    pool = sorted({p.strip() for p in pool if 3 <= len(p.split()) <= 8 or len(p.split()) == 1})
    return rng.sample(pool, min(n, len(pool)))


def search_params(topic_list: list[str], rng: random.Random) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in topic_list:
        params: dict[str, Any] = {"q": t[:200], "limit": 10}
        r = rng.random()
        if r < 0.15:
            params.update(place=rng.choice(PLACES), radius_km=25)
        elif r < 0.25:
            params["leerweg"] = "BBL"
        elif r < 0.30:
            params["niveau"] = rng.choice([2, 3, 4])
        out.append(params)
    return out


def chat_bodies(topic_list: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """Chat requests as the page sends them: first turns, later turns carrying the state, how-things-work
    questions, follow-ups about a cited offering (the state without ids makes the server search again: the
    dearest case) and off-topic messages."""
    templates = ["Ik wil graag {t} leren in de buurt van {p}", "Mijn cliënt zoekt iets met {t}, bbl, niveau 2",
                 "Voor mijn medewerkers: {t} in {p}, max 1500 euro", "{t}, start na de zomer", "hoi"]
    later = ["in de buurt van {p}", "mag ook verder weg, 50 km", "en niveau 3?", "liever bbl", "nee, toch liever {p}"]
    questions = ["Wat is het verschil tussen bol en bbl?", "Hoe word ik erkend leerbedrijf?", "Wat is EVC?",
                 "Welke subsidie is er voor werkgevers?", "Wat kost een mbo-opleiding?"]
    follow_ups = ["wanneer start die?", "wat moet ik daarvoor al kunnen?", "hoeveel kost de tweede?"]
    out: list[dict[str, Any]] = []
    for t in topic_list:
        first = rng.choice(templates).format(t=t.lower(), p=rng.choice(PLACES))
        kind = rng.random()
        if kind < 0.4:
            out.append({"messages": [{"role": "user", "content": first}]})
            continue
        text = (rng.choice(later) if kind < 0.6 else rng.choice(questions) if kind < 0.75
                else rng.choice(follow_ups) if kind < 0.9 else "wat voor weer wordt het morgen?")
        out.append({"messages": [{"role": "user", "content": first}, {"role": "assistant", "content": "…"},
                                 {"role": "user", "content": text.format(p=rng.choice(PLACES))}],
                    "state": {"persona": "werkzoekende", "q": t.lower()}})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(data_dir: Path, size: str, encoder_name: str, settings: Settings, ref: ReferenceData) -> dict[str, Any]:
    """Build ``data_dir/index`` for ``size`` ("demo" = the unscaled sample, or a number of offerings)."""
    vocabulary = build_vocabulary(ref)
    encoder = load_encoder(encoder_name, settings.model_dir)
    if settings.model_dir.exists():
        # The server reads the trained model from its own data directory: share ours, read-only.
        (data_dir / "models").symlink_to(settings.model_dir.parent.resolve(), target_is_directory=True)
    base, maps = sample_offerings(settings.reference_dir)
    offerings, mappings = (base, maps) if size == "demo" else scale(base, maps, int(size))
    t0 = time.perf_counter()
    manifest = build_index(data_dir / "index", offerings, mappings, ref, vocabulary, encoder)
    return {"offerings": len(offerings), "build_s": round(time.perf_counter() - t0, 1),
            "encoder": manifest["encoder"]}


def serve(data_dir: Path, encoder_name: str, settings: Settings, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, LLO_DATA_DIR=str(data_dir), LLO_ENCODER=encoder_name,
               LLO_REFERENCE_DIR=str(settings.reference_dir), LLO_LLM_BASE_URL="")
    env.pop("LLO_LLM_BASE_URL")
    # The server's log goes to a file, not a pipe: an undrained pipe fills up and blocks the server.
    with (data_dir / "server.log").open("wb") as log_file:
        return subprocess.Popen([sys.executable, "-m", "llo", "serve", "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", str(WORKERS)], cwd=REPO_ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=log_file)


def server_log(data_dir: Path) -> str:
    """The tail of the server's stderr (uvicorn runs at log level warning: errors and tracebacks only)."""
    path = data_dir / "server.log"
    return path.read_text(encoding="utf-8", errors="replace")[-2000:] if path.exists() else ""


def wait_ready(base: str, proc: subprocess.Popen[bytes], data_dir: Path, timeout: float = 600.0) -> None:
    deadline = time.monotonic() + timeout
    ok = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {server_log(data_dir)}")
        try:
            if httpx.get(f"{base}/api/health", timeout=5).json().get("status") == "ok":
                ok += 1
                if ok >= 2 * WORKERS:  # several answers: both workers have loaded
                    return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1.0)
    raise RuntimeError("server did not become ready")


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
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0])
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--no-chat", action="store_true")
    parser.add_argument("--chat-only", action="store_true",
                        help="only the chat runs, written to bench/results/http_load_chat.json")
    args = parser.parse_args()
    settings = Settings()
    encoder_name = pick_encoder(args.encoder, settings)
    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    rng = random.Random(5)
    topic_list = topics(ref, rng, 10_000)  # every distinct topic (~600): no response is cached anyway
    searches, chats = search_params(topic_list, rng), chat_bodies(topic_list, rng)
    results: dict[str, Any] = {"workers": WORKERS, "machine_cores": os.cpu_count(), "encoder": encoder_name,
                               "load_tool": "bench/http_load.py (asyncio + httpx, closed loop)", "runs": []}
    for size in args.sizes:
        data_dir = Path(tempfile.mkdtemp(prefix="llo-http-"))
        proc: subprocess.Popen[bytes] | None = None
        try:
            print(f"[{size}] building index ({encoder_name}) ...", flush=True)
            info = build(data_dir, size, encoder_name, settings, ref)
            print(f"[{size}] {info}", flush=True)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            proc = serve(data_dir, encoder_name, settings, port)
            wait_ready(base, proc, data_dir)
            for think in args.think:
                plan = [] if args.chat_only else [("GET", "/api/search", searches)]
                if not args.no_chat and size == args.sizes[0]:
                    plan.append(("POST", "/api/chat", chats))
                for method, path, payloads in plan:
                    load_start = round(os.getloadavg()[0], 2)
                    run = asyncio.run(drive(base, method, path, payloads, args.clients, args.requests,
                                            args.seconds, think))
                    run.update(endpoint=path, size=size, **info, load_avg_start=load_start,
                               load_avg_end=round(os.getloadavg()[0], 2))
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
            shutil.rmtree(data_dir, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "http_load_chat.json" if args.chat_only else "http_load.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
