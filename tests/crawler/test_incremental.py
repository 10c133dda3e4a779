"""Incremental crawling: an unchanged web costs little and changes nothing; an offering that disappears
becomes stale only after N complete runs, and a failed run marks nothing stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sampleweb import SampleWebServer, load_pages, load_sites
from sampleweb.paths import file_for
from tests.crawler.conftest import free_port_block, open_test_store, run_crawl_cli, start_crawl

pytestmark = pytest.mark.slow


def _last_run_stats(data: Path) -> dict[str, int]:
    store = open_test_store(data)
    try:
        return store.recent_runs(1)[0].stats
    finally:
        store.close()


def test_recrawl_is_cheap_and_staleness_needs_n_complete_runs(
        tmp_path: Path, small_sampleweb: Path, reference_dir: Path) -> None:
    web_root = tmp_path / "web"
    shutil.copytree(small_sampleweb, web_root)
    n_sites = len(load_sites(web_root))
    base_port = free_port_block(n_sites)
    data = tmp_path / "data"
    env = {"LLO_STALE_AFTER_RUNS": "2"}

    def crawl(*extra: str) -> dict[str, int]:
        bases = [a for i in range(n_sites) for a in ("--base-url", f"http://127.0.0.1:{base_port + i}")]
        run_crawl_cli(data, reference_dir, "--sampleweb", str(web_root), *bases, "--fast", *extra, **env)
        return _last_run_stats(data)

    with SampleWebServer(web_root, base_port=base_port):
        first = crawl()
        second = crawl()
    assert first["llo/store/inserted"] > 40
    # The unchanged web: nothing new or changed, offering pages answered 304, far fewer bytes.
    assert second.get("llo/store/inserted", 0) == 0 and second.get("llo/store/updated", 0) == 0
    assert second["llo/pages/not_modified"] > 0.5 * first["llo/store/inserted"] / 2
    assert second["downloader/response_bytes"] < 0.6 * first["downloader/response_bytes"]
    store = open_test_store(data)
    total = store.count_offerings()
    store.close()
    assert total == first["llo/store/inserted"]

    # One offering page disappears from its site.
    page = next(p for p in load_pages(web_root)
                if p.is_offering and not p.robots_disallowed and p.page_type == "offering")
    site = next(s for s in load_sites(web_root) if s.slug == page.site)
    rel = file_for(page.path)
    assert rel is not None
    (web_root / "sites" / site.slug / rel).unlink()
    gone_url = f"http://127.0.0.1:{base_port + site.port_index}{page.path}"

    # A failed run (every site down) marks nothing stale, whatever the threshold.
    bases = [a for i in range(n_sites) for a in ("--base-url", f"http://127.0.0.1:{base_port + i}")]
    proc = start_crawl(data, reference_dir, "--sampleweb", str(web_root), *bases, "--fast",
                       "--set", "RETRY_TIMES=0", "--set", "DOWNLOAD_TIMEOUT=2", **env)
    proc.communicate(timeout=120)
    store = open_test_store(data)
    assert store.recent_runs(1)[0].status == "failed"
    assert store.count_offerings() == total
    store.close()

    with SampleWebServer(web_root, base_port=base_port):
        crawl()
        store = open_test_store(data)
        assert store.count_offerings() == total, "one complete run without it is not enough (N=2)"
        store.close()
        crawl()
    store = open_test_store(data)
    try:
        stale = [o for o in store.offerings(include_stale=True) if o.stale]
        assert stale, "after two complete runs without it the offering is stale"
        assert {o.url for o in stale} == {gone_url}
        assert store.count_offerings(include_stale=True) == total, "stale offerings are kept, never deleted"
    finally:
        store.close()
