"""`llo serve --workers 2` for real (issue 11, F8): two uvicorn worker processes over one data directory
serve one index build, move together to a build made by `llo index build` from the command line, refuse
a second admin reindex whichever worker it reaches, and report the same admin jobs."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from llo.settings import REPO_ROOT
from tests.api.conftest import Built

# Three real index builds and two workers loading the reference data: minutes on a loaded 2-core machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]
TOKEN = "s3cret-workers"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path, built: Built, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLO_")}
    return env | {"LLO_DATA_DIR": str(data), "LLO_REFERENCE_DIR": str(built.reference_dir),
                  "LLO_PORT": str(port), "LLO_HOST": "127.0.0.1", "LLO_ADMIN_TOKEN": TOKEN}


def _index_build(env: dict[str, str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "llo", "index", "build"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture
def served(built: Built, tmp_path: Path, static_model_dir: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """A data directory with the API tests' store and encoder, its first index built by the CLI, and
    `llo serve --workers 2` over it on a free port (stopped afterwards: its process group is ours)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(built.root / "llo.sqlite3", data / "llo.sqlite3")
    shutil.copytree(static_model_dir, data / "models" / "static-nl")
    port = _free_port()
    env = _env(data, built, port)
    _index_build(env)
    proc = subprocess.Popen([sys.executable, "-m", "llo", "serve", "--workers", "2"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "llo serve did not come up"
            try:
                if httpx.get(f"{base}/api/health", timeout=5).json().get("build"):
                    break
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.5)
        yield base, data, env
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)


def _health_per_worker(base: str, want_workers: int = 2, connections: int = 64) -> dict[int, list[str | None]]:
    """Health answers grouped by the worker that gave them: every request on its own new connection,
    eight at a time, until both workers answered (or ``connections`` were made)."""
    def one(_: int) -> dict[str, Any]:
        with httpx.Client(timeout=30) as client:
            return dict(client.get(f"{base}/api/health", headers={"Connection": "close"}).json())

    seen: dict[int, list[str | None]] = {}
    with ThreadPoolExecutor(8) as pool:
        for start in range(0, connections, 8):
            for body in pool.map(one, range(start, start + 8)):
                seen.setdefault(body["worker"], []).append(body["build"])
            if len(seen) >= want_workers and start >= 16:
                break
    return seen


def _each_worker(base: str) -> dict[int, httpx.Client]:
    """One keep-alive connection per worker (a connection stays with the worker that accepted it)."""
    kept: dict[int, httpx.Client] = {}
    spare: list[httpx.Client] = []
    try:
        for _ in range(64):
            client = httpx.Client(timeout=30)
            pid = client.get(f"{base}/api/health").json()["worker"]
            (spare.append(client) if pid in kept else kept.setdefault(pid, client))
            if len(kept) == 2:
                return kept
    except BaseException:
        spare.extend(kept.values())
        raise
    finally:
        for client in spare:
            client.close()
    for client in kept.values():
        client.close()
    raise AssertionError(f"only workers {set(kept)} answered 64 connections")


def test_two_workers_serve_one_build_and_share_admin_jobs(served: tuple[str, Path, dict[str, str]]) -> None:
    base, data, env = served
    live = lambda: os.readlink(data / "index")  # noqa: E731 - the build the pointer names now

    # Many requests: both workers answer, and every answer names the live build.
    first = live()
    seen = _health_per_worker(base)
    assert len(seen) == 2, f"one worker answered everything: {seen.keys()}"
    assert {build for builds in seen.values() for build in builds} == {first}

    # A build from the command line: every worker moves to it by itself.
    _index_build(env)
    second = live()
    assert second != first
    deadline = time.monotonic() + 120
    while True:
        seen = _health_per_worker(base)
        builds = {build for builds in seen.values() for build in builds}
        if len(seen) == 2 and builds == {second}:
            break
        assert time.monotonic() < deadline, f"the workers did not all move to {second}: {seen}"
        time.sleep(1)

    # Two admin reindexes: one starts, the other is refused, whichever worker each reaches.
    workers = _each_worker(base)
    try:
        (pid_a, a), (pid_b, b) = workers.items()
        assert a.post(f"{base}/api/admin/reindex", headers=AUTH).status_code == 202
        assert b.post(f"{base}/api/admin/reindex", headers=AUTH).status_code == 409
        assert a.post(f"{base}/api/admin/reindex", headers=AUTH).status_code == 409
        # Every worker reports the same job, while it runs and after it ended.
        deadline = time.monotonic() + 600
        while True:
            jobs = {pid: c.get(f"{base}/api/admin/jobs", headers=AUTH).json() for pid, c in workers.items()}
            if jobs[pid_a] != jobs[pid_b]:
                # The two reads are sequential: the job may end between them. Then the second read is the
                # newer record, and a third read from the first worker must equal it.
                assert jobs[pid_a]["reindex"]["status"] == "running", jobs
                jobs[pid_a] = workers[pid_a].get(f"{base}/api/admin/jobs", headers=AUTH).json()
                assert jobs[pid_a] == jobs[pid_b], jobs
            if jobs[pid_a]["reindex"]["status"] != "running":
                break
            assert time.monotonic() < deadline, "the reindex never ended"
            time.sleep(0.5)
        assert jobs[pid_a]["reindex"]["status"] == "finished", jobs
        third = live()
        assert third not in (first, second)
        while True:
            served_builds = {pid: c.get(f"{base}/api/health").json()["build"] for pid, c in workers.items()}
            if set(served_builds.values()) == {third}:
                break
            assert time.monotonic() < deadline, f"the workers did not all move to {third}: {served_builds}"
            time.sleep(0.5)
        for client in workers.values():
            assert client.get(f"{base}/api/search", params={"q": "zorg"}).json()["total"] > 0
    finally:
        for client in workers.values():
            client.close()


def test_the_served_request_head_is_bounded(served: tuple[str, Path, dict[str, str]]) -> None:
    """F2 against `llo serve` itself: a 1 MB header line is refused (or the connection closed) within
    seconds instead of being read to the end."""
    base, _, _ = served
    port = int(base.rsplit(":", 1)[1])
    started = time.monotonic()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(16):
                sock.sendall(b"a" * 65536)
            sock.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = sock.recv(4096)
        except (ConnectionResetError, TimeoutError):
            answer = b""
    assert time.monotonic() - started < 10
    assert not answer.startswith(b"HTTP/1.1 200"), answer[:200]
