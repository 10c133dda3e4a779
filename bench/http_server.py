"""The server side of bench.http_load: build an index into a scratch data directory, start `llo serve` on
it with N workers, wait until every worker answers, and read the workers' memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.dataset import sample_offerings, scale
from bench.memory import children, cpu_seconds, memory_mb
from index.build import build_index
from index.encoders import load_encoder, read_manifest
from llo.settings import REPO_ROOT, Settings
from skills.errors import IndexUnavailableError
from skills.reference import ReferenceData
from skills.vocabulary import build_vocabulary


def pick_encoder(name: str | None, settings: Settings) -> str:
    """The requested encoder, else the trained static model when present, else MiniLM."""
    if name:
        return name
    try:
        read_manifest(settings.model_dir)
        return "static"
    except IndexUnavailableError:
        return "minilm"


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


def serve(data_dir: Path, encoder_name: str, settings: Settings, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, LLO_DATA_DIR=str(data_dir), LLO_ENCODER=encoder_name,
               LLO_REFERENCE_DIR=str(settings.reference_dir), LLO_LLM_BASE_URL="")
    env.pop("LLO_LLM_BASE_URL")
    # The server's log goes to a file, not a pipe: an undrained pipe fills up and blocks the server.
    with (data_dir / "server.log").open("wb") as log_file:
        return subprocess.Popen([sys.executable, "-m", "llo", "serve", "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", str(workers)], cwd=REPO_ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=log_file)


def server_log(data_dir: Path) -> str:
    """The tail of the server's stderr (uvicorn runs at log level warning: errors and tracebacks only)."""
    path = data_dir / "server.log"
    return path.read_text(encoding="utf-8", errors="replace")[-2000:] if path.exists() else ""


def wait_ready(base: str, proc: subprocess.Popen[bytes], data_dir: Path, workers: int,
               timeout: float = 600.0) -> None:
    deadline = time.monotonic() + timeout
    ok = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {server_log(data_dir)}")
        try:
            if httpx.get(f"{base}/api/health", timeout=5).json().get("status") == "ok":
                ok += 1
                if ok >= 2 * workers:  # several answers: every worker has loaded
                    return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1.0)
    raise RuntimeError("server did not become ready")


def worker_memory(proc: subprocess.Popen[bytes]) -> dict[str, Any]:
    """RSS and PSS of each worker process of the server (uvicorn's children; the process itself with one
    worker), and the workers' PSS summed: what they take together, shared pages counted once."""
    pids = children(proc.pid) or [proc.pid]
    per = [memory_mb(pid) for pid in pids]
    return {"workers": per, "pss_total_mb": round(sum(m.get("pss_mb", 0.0) for m in per), 1),
            "rss_max_mb": max((m.get("rss_mb", 0.0) for m in per), default=0.0)}


def workers_cpu(proc: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server's worker processes (or the server itself with one worker)."""
    return sum(cpu_seconds(pid) for pid in (children(proc.pid) or [proc.pid]))
