"""Admin operations: off without a token, refused with a wrong one, and a reindex that never interrupts
search (the old index serves until the new one is swapped in)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.jobs import Job, JobBoard, JobRunningError
from api.state import AppState
from sampleweb import SampleWebServer
from store import open_store
from tests.api.conftest import Built, make_client, make_state


def _admin_state(built: Built, tmp_path: Path, static_model_dir: Path, token: str | None) -> AppState:
    data = tmp_path / "data"
    state = make_state(built, built.index_dir, admin_token=token)
    state.settings.data_dir = data
    state.settings.database_url = f"sqlite:///{built.root / 'llo.sqlite3'}"
    shutil.copytree(static_model_dir, state.settings.model_dir)
    return state


def test_admin_is_off_without_a_token(built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    with make_client(_admin_state(built, tmp_path, static_model_dir, None)) as c:
        r = c.post("/api/admin/reindex", headers={"Authorization": "Bearer anything"})
        assert r.status_code == 404
        assert "LLO_ADMIN_TOKEN" in r.json()["error"]


def test_wrong_token_is_refused(built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    with make_client(_admin_state(built, tmp_path, static_model_dir, "s3cret")) as c:
        assert c.post("/api/admin/reindex").status_code == 401
        assert c.post("/api/admin/crawl", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/api/admin/jobs", headers={"Authorization": "Bearer nope"}).status_code == 401


@pytest.mark.slow  # a real `llo index build` child: ~10-30 s depending on the machine's load
def test_reindex_swaps_in_a_new_index_while_search_keeps_answering(
        built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    state = _admin_state(built, tmp_path, static_model_dir, "s3cret")
    auth = {"Authorization": "Bearer s3cret"}
    old_engine = state.engine
    with make_client(state) as c:
        r = c.post("/api/admin/reindex", headers=auth)
        assert r.status_code == 202, r.text
        assert c.post("/api/admin/reindex", headers=auth).status_code in {202, 409}
        statuses = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            statuses.append(c.get("/api/search", params={"q": "zorg"}).status_code)
            job = c.get("/api/admin/jobs", headers=auth).json()["reindex"]
            if job["status"] != "running":
                break
            time.sleep(0.05)
        assert job["status"] == "finished", job
        assert statuses and set(statuses) == {200}
        assert state.engine is not old_engine
        assert (tmp_path / "data" / "index").is_symlink()
        assert c.get("/api/search", params={"q": "zorg"}).json()["total"] > 0


def _wait(c: TestClient, kind: str, auth: dict[str, str], seconds: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = c.get("/api/admin/jobs", headers=auth).json()[kind]
        if job["status"] != "running":
            return dict(job)
        time.sleep(0.2)
    raise AssertionError(f"{kind} job still running after {seconds} s")


@pytest.mark.slow
def test_admin_crawl_then_reindex_serves_every_new_offering_mapped(
        built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    """The admin path (crawl → reindex) runs the same map step as `llo map`: no new offering is indexed
    unmapped. The crawl is a real `llo crawl` process against the sample web served on 127.0.0.1."""
    state = _admin_state(built, tmp_path, static_model_dir, "s3cret")
    state.settings.database_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"  # starts empty
    auth = {"Authorization": "Bearer s3cret"}
    with SampleWebServer(built.sampleweb) as web:
        site, base = web.sites[0]
        providers = tmp_path / "providers.csv"
        host = base.split("//", 1)[1]
        providers.write_text(f"name,start_urls,allowed_domains\n{site.name},{base}/,{host.split(':')[0]}\n",
                             encoding="utf-8")
        state.settings.crawl_providers = providers
        with make_client(state) as c:
            assert c.post("/api/admin/crawl", headers=auth).status_code == 202
            crawl = _wait(c, "crawl", auth)
            assert crawl["status"] == "finished", crawl
            assert c.post("/api/admin/reindex", headers=auth).status_code == 202
            assert _wait(c, "reindex", auth)["status"] == "finished"
            with closing(open_store(state.settings.store_url)) as store:
                crawled = list(store.offerings())
                mappings = store.mappings()
            assert crawled and {o.id for o in crawled} <= set(mappings)
            mapped = {o.id for o in crawled if mappings[o.id].crebo}
            assert len(mapped) >= 0.8 * len(crawled)
            served = c.get("/api/search", params={"q": crawled[0].title, "limit": 50}).json()["results"]
            assert served and all(r["id"] not in mapped or r["qualification"] for r in served)


@pytest.mark.slow  # a real `llo index build` child
def test_two_workers_share_admin_jobs_and_serve_one_index(
        built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    """F8: two workers over one data directory: a reindex started in one is reported by the other, and
    afterwards both serve the build the live pointer names (the other one reloads by itself)."""
    first = _admin_state(built, tmp_path, static_model_dir, "s3cret")
    second = AppState(settings=first.settings, ref=first.ref, vocab=first.vocab, engine=first.engine,
                      by_crebo=first.by_crebo)
    auth = {"Authorization": "Bearer s3cret"}
    with make_client(first) as one, make_client(second) as two:
        assert one.post("/api/admin/reindex", headers=auth).status_code == 202
        deadline = time.monotonic() + 120
        while True:
            job = two.get("/api/admin/jobs", headers=auth).json().get("reindex")
            assert job is not None, "the other worker must see the job"
            if job["status"] != "running":
                break
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert job["status"] == "finished", job
        while second.loaded_build != first.loaded_build:
            assert time.monotonic() < deadline, "the second worker never picked up the new build"
            time.sleep(0.05)
        assert first.loaded_build == os.readlink(tmp_path / "data" / "index")
        assert two.get("/api/search", params={"q": "zorg"}).json()["total"] > 0


def test_one_job_of_a_kind_across_workers(tmp_path: Path) -> None:
    release = threading.Event()
    boards = JobBoard(tmp_path), JobBoard(tmp_path)  # two workers: separate lock file handles

    def in_thread(run: Callable[[], None]) -> None:
        threading.Thread(target=run, daemon=True).start()

    def work(job: Job) -> None:
        release.wait(30)
        job.status = "finished"

    boards[0].start("reindex", work, in_thread)
    with pytest.raises(JobRunningError):
        boards[1].start("reindex", work, in_thread)
    running = boards[1].get("reindex")
    assert running is not None and running.status == "running"
    release.set()
    deadline = time.monotonic() + 10
    while (job := boards[1].get("reindex")) is not None and job.status == "running":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert job is not None and job.status == "finished"
    boards[1].start("reindex", lambda job: None, in_thread)  # free again


def test_a_job_whose_worker_died_is_reported_failed(tmp_path: Path) -> None:
    board = JobBoard(tmp_path)
    board._write(Job("crawl"))  # a record left "running" by a worker that was killed (no lock held)
    job = board.get("crawl")
    assert job is not None and job.status == "failed" and "onderbroken" in job.detail
