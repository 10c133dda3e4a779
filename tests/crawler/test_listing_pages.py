"""A listing page that also holds offerings (ROC West-Brabant's /volwassenen: offerings on the page and a
link to its page 2) must lead to page 2 on every recrawl (it answers 304) and after a killed-and-resumed
crawl (it is in the job's done log): issue 11, F11 and F10."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sampleweb import SampleWebServer, build_sampleweb
from sampleweb.serve import _SiteServer
from tests.crawler.conftest import open_test_store, run_crawl_cli, start_crawl

pytestmark = pytest.mark.slow
SITE = "roc-west-brabant"
PAGE_2 = "/volwassenen/pagina/2"


@pytest.fixture(scope="module")
def listing_web(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Path:
    """The full sample web's ROC West-Brabant alone (a one-site web, ~60 pages)."""
    full = tmp_path_factory.mktemp("fullweb") / "web"
    build_sampleweb(full, reference_dir, seed=7)
    out = tmp_path_factory.mktemp("listingweb") / "web"
    (out / "sites").mkdir(parents=True)
    shutil.copytree(full / "sites" / SITE, out / "sites" / SITE)
    site = next(s for s in json.loads((full / "sites.json").read_text()) if s["slug"] == SITE)
    (out / "sites.json").write_text(json.dumps([site | {"port_index": 0}]))
    shutil.copy(full / "MANIFEST.json", out / "MANIFEST.json")
    assert (out / "sites" / SITE / PAGE_2.strip("/") / "index.html").exists()
    return out


def _offerings(data: Path) -> dict[str, bool]:
    store = open_test_store(data)
    try:
        return {o.id: o.stale for o in store.offerings(include_stale=True)}
    finally:
        store.close()


def test_four_recrawls_of_an_unchanged_web_keep_every_offering(
        tmp_path: Path, listing_web: Path, reference_dir: Path) -> None:
    data = tmp_path / "data"
    with SampleWebServer(listing_web) as web:
        base = web.sites[0][1]
        source = ["--sampleweb", str(listing_web), "--base-url", base, "--fast"]
        run_crawl_cli(data, reference_dir, *source, LLO_STALE_AFTER_RUNS="2")
        first = _offerings(data)
        for _ in range(3):
            run_crawl_cli(data, reference_dir, *source, LLO_STALE_AFTER_RUNS="2")
    after = _offerings(data)
    assert len(first) > 10
    assert set(after) == set(first)
    assert [oid for oid, stale in after.items() if stale] == []
    store = open_test_store(data)
    try:
        listing = store.get_fetch(f"{base}/volwassenen")
        assert listing is not None and listing.status == 304 and listing.outlinks
        assert any(PAGE_2 in url for url, _, _ in listing.outlinks)
    finally:
        store.close()


class _HoldPage2:
    """Serves the one-site web; GET of page 2 waits until released (so a crawl can be killed while the
    listing is stored and its page 2 is still in flight)."""

    def __init__(self, root: Path) -> None:
        self.release = threading.Event()
        self.server = _SiteServer(("127.0.0.1", 0), root / "sites" / SITE)
        handler = self.server.RequestHandlerClass
        release = self.release

        class Holding(handler):  # type: ignore[misc, valid-type]
            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                if self.path.rstrip("/").endswith(PAGE_2):
                    release.wait(60)
                super().do_GET()

        self.server.RequestHandlerClass = Holding
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> _HoldPage2:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def _listing_stored(db: Path, url: str) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT 1 FROM page_fetches WHERE url = ?", (url,)).fetchone() is not None
    except sqlite3.OperationalError:
        return False


@pytest.fixture
def held_web(listing_web: Path) -> Iterator[_HoldPage2]:
    with _HoldPage2(listing_web) as web:
        yield web


def test_killed_and_resumed_crawl_follows_a_stored_listing(
        tmp_path: Path, listing_web: Path, reference_dir: Path, held_web: _HoldPage2) -> None:
    source = ["--sampleweb", str(listing_web), "--base-url", held_web.url, "--fast"]
    data, jobdir = tmp_path / "killed", tmp_path / "job"
    proc = start_crawl(data, reference_dir, *source, "--jobdir", str(jobdir))
    deadline = time.monotonic() + 120
    while not _listing_stored(data / "llo.sqlite3", f"{held_web.url}/volwassenen"):
        assert proc.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the listing was never stored"
        time.sleep(0.05)
    time.sleep(0.5)  # the done log is written right after the store commits
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipes
    held_web.release.set()

    out = run_crawl_cli(data, reference_dir, *source, "--jobdir", str(jobdir))
    assert "finished" in out
    reference = tmp_path / "reference"
    run_crawl_cli(reference, reference_dir, *source)
    expected, resumed = _offerings(reference), _offerings(data)
    assert len(expected) > 10
    assert set(resumed) == set(expected), f"lost: {len(set(expected) - set(resumed))}"

    # Running the finished job again says so and succeeds.
    again = run_crawl_cli(data, reference_dir, *source, "--jobdir", str(jobdir))
    assert "already finished" in again
