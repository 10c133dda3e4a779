"""Shared helpers for crawler tests: run `llo crawl` in a child process (Twisted's reactor cannot be
restarted, so each crawl gets its own process) against a store in a temporary data directory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from llo.settings import REPO_ROOT, Settings
from sampleweb import build_sampleweb
from store import open_store
from store.sql import SqlStore


def crawl_env(data_dir: Path, reference_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLO_")}
    env |= {"LLO_DATA_DIR": str(data_dir), "LLO_REFERENCE_DIR": str(reference_dir)} | extra
    return env


def start_crawl(data_dir: Path, reference_dir: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """Start `python -m llo crawl ARGS --quiet` with its own data directory (returns at once)."""
    return subprocess.Popen(
        [sys.executable, "-m", "llo", "crawl", *args, "--quiet"], cwd=REPO_ROOT,
        env=crawl_env(data_dir, reference_dir, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_crawl_cli(data_dir: Path, reference_dir: Path, *args: str, timeout: float = 240, **env: str) -> str:
    """Run a crawl to the end; fails the test with its output if it does not exit 0."""
    proc = start_crawl(data_dir, reference_dir, *args, **env)
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"llo crawl exited {proc.returncode}\n{out}\n{err[-4000:]}"
    # A quiet crawl stays quiet: no DEBUG/INFO lines from Scrapy's start-up or the spider (warnings may show).
    chatter = [line for line in err.splitlines() if line.startswith(("DEBUG ", "INFO "))]
    assert not chatter, "llo crawl --quiet logged below WARNING:\n" + "\n".join(chatter[:10])
    return out


def open_test_store(data_dir: Path) -> SqlStore:
    store = open_store(Settings(data_dir=data_dir).store_url)
    store.init()
    return store


def free_port_block(n: int) -> int:
    """A base port with ``n`` consecutive free ports after it (best effort: checked, then released)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + n > 65000:
            continue
        try:
            socks = []
            for i in range(n):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", base + i))
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError("no block of free ports")


def providers_file(path: Path, providers: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(providers), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_sampleweb(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Path:
    """The small sample web, built once per session (read-only for tests)."""
    out = tmp_path_factory.mktemp("sampleweb") / "web"
    build_sampleweb(out, reference_dir, small=True, seed=7)
    return out


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    path.mkdir()
    yield path
