"""The crawler against a misbehaving local server: errors, timeouts, traps and bad bodies must not stop
the crawl, lose the good pages, or get anything marked stale."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.crawler.conftest import open_test_store, providers_file, run_crawl_cli
from tests.crawler.misbehaving_server import (
    EXPECTED_TITLES,
    MAXSIZE,
    RETRY_AFTER_S,
    TIMEOUT_S,
    MisbehavingServer,
)

pytestmark = pytest.mark.slow


def test_crawl_survives_a_misbehaving_site(tmp_path: Path, data_dir: Path, reference_dir: Path) -> None:
    with MisbehavingServer() as srv:
        plist = providers_file(tmp_path / "providers.json", [
            {"name": "ROC Test", "start_urls": [srv.url("/")], "kind": "roc"}])
        started = time.monotonic()
        run_crawl_cli(data_dir, reference_dir, "--providers", str(plist), "--fast",
                      "--set", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}", "--set", f"DOWNLOAD_MAXSIZE={MAXSIZE}",
                      "--set", "RETRY_TIMES=2", "--set", "REDIRECT_MAX_TIMES=4")
        elapsed = time.monotonic() - started
        hits, times = dict(srv.hits), dict(srv.times)

    assert elapsed < 60, f"timeouts and slow bodies must not stall the crawl ({elapsed:.0f}s)"
    # robots.txt disallow is obeyed
    assert hits.get("/geheim/opleiding-verborgen", 0) == 0
    # a 5xx is retried RETRY_TIMES, then given up; a transient 503 is retried into a success
    assert hits["/opleidingen/kapot-server"] == 3
    assert hits["/opleidingen/flaky"] == 2
    # a 404 is not retried; a redirect loop ends at REDIRECT_MAX_TIMES
    assert hits["/opleidingen/niet-gevonden"] == 1
    assert hits["/opleidingen/lus"] + hits["/opleidingen/lus-2"] <= 5 + 1
    # Retry-After is a floor: a short one is waited out, a long one is not retried within the crawl
    first, second = times["/opleidingen/even-wachten"][:2]
    assert second - first >= RETRY_AFTER_S - 0.05, f"retried after {second - first:.2f}s"
    assert hits["/opleidingen/morgen-terug"] == 1

    store = open_test_store(data_dir)
    try:
        by_url = {o.url.split(":", 2)[2].split("/", 1)[1]: o for o in store.offerings()}
        titles = {("/" + path): o.title for path, o in by_url.items()}
        for path, title in EXPECTED_TITLES.items():
            assert titles.get(path) == title, f"{path}: expected {title!r}, stored {titles.get(path)!r}"
        # malformed HTML and JSON-LD still yields what can be read
        assert by_url["opleidingen/misvormd"].crebo_stated == "25360"
        # nothing was stored from errors, traps, binaries or the oversized body
        for path in ("niet-gevonden", "kapot-server", "traag", "druppel", "groot", "lus", "brochure", "binair"):
            assert f"opleidingen/{path}" not in by_url
        fetch_404 = store.get_fetch(srv.url("/opleidingen/niet-gevonden"))
        assert fetch_404 is not None and fetch_404.status == 404
        brochure = store.get_fetch(srv.url("/opleidingen/brochure"))
        assert brochure is not None and brochure.is_offering is False
        # every outcome is a fetch record with its reason
        reasons = {path: (f.reason if (f := store.get_fetch(srv.url(path))) else "no row") for path in (
            "/opleidingen/niet-gevonden", "/opleidingen/kapot-server", "/opleidingen/traag", "/opleidingen/groot",
            "/opleidingen/lus", "/opleidingen/morgen-terug", "/geheim/opleiding-verborgen", "/opleidingen/goed")}
        assert reasons == {
            "/opleidingen/niet-gevonden": "gone", "/opleidingen/kapot-server": "http-error",
            "/opleidingen/traag": "timeout", "/opleidingen/groot": "oversize", "/opleidingen/lus": "redirect-loop",
            "/opleidingen/morgen-terug": "retry-after", "/geheim/opleiding-verborgen": "robots",
            "/opleidingen/goed": None}
        runs = store.recent_runs(1)
        # so many failures make the site's crawl incomplete: recorded, but it may mark nothing stale
        assert runs[0].status == "partial"
        assert runs[0].stats["llo/store/inserted"] == len(by_url)
        assert store.count_offerings() == store.count_offerings(include_stale=True)
    finally:
        store.close()
