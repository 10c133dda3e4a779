"""A crawl killed with SIGKILL and resumed from its JOBDIR ends with no duplicate and no lost offering."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from sampleweb import SampleWebServer
from tests.crawler.conftest import open_test_store, run_crawl_cli, start_crawl

pytestmark = pytest.mark.slow


def _fetch_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM page_fetches").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_sigkill_then_resume_loses_nothing_and_duplicates_nothing(
        tmp_path: Path, small_sampleweb: Path, reference_dir: Path) -> None:
    with SampleWebServer(small_sampleweb) as web:
        bases = [arg for _, url in web.sites for arg in ("--base-url", url)]
        source = ["--sampleweb", str(small_sampleweb), *bases]

        reference = tmp_path / "reference"
        run_crawl_cli(reference, reference_dir, *source, "--fast")

        data, jobdir = tmp_path / "killed", tmp_path / "job"
        # Slow enough (one request per site, small delay) to be killed in the middle.
        proc = start_crawl(data, reference_dir, *source, "--fast", "--jobdir", str(jobdir),
                           "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--set", "DOWNLOAD_DELAY=0.1")
        deadline = time.monotonic() + 120
        while _fetch_count(data / "llo.sqlite3") < 20:
            assert proc.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "the crawl made no progress"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)  # reaps it and closes its pipes
        assert (jobdir / "llo.running").exists(), "a killed crawl leaves its marker behind"

        out = run_crawl_cli(data, reference_dir, *source, "--fast", "--jobdir", str(jobdir))
        assert "finished" in out

    expected_store, resumed_store = open_test_store(reference), open_test_store(data)
    try:
        expected = {o.id: o for o in expected_store.offerings(include_stale=True)}
        resumed = {o.id: o for o in resumed_store.offerings(include_stale=True)}
        assert len(expected) > 40
        assert set(resumed) == set(expected), (
            f"lost: {sorted(set(expected) - set(resumed))[:5]}, extra: {sorted(set(resumed) - set(expected))[:5]}")
        for oid, offering in expected.items():
            assert resumed[oid].title == offering.title and resumed[oid].crebo_stated == offering.crebo_stated
        runs = resumed_store.recent_runs(5)
        assert len(runs) == 1, "the resumed crawl continues the killed run instead of starting another"
        assert runs[0].status == "finished"
        assert runs[0].stats.get("llo/resumed_after_crash") == 1
        # The resume skipped offering pages stored before the kill instead of fetching everything again.
        assert runs[0].stats["llo/pages/extracted"] < expected_store.recent_runs(1)[0].stats["llo/pages/extracted"]
    finally:
        expected_store.close()
        resumed_store.close()
