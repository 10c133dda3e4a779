"""Two `llo crawl --distributed` workers share one frontier in the real Redis server."""

from __future__ import annotations

from pathlib import Path

import pytest

from sampleweb import SampleWebServer
from tests.crawler.conftest import open_test_store, run_crawl_cli, start_crawl

pytestmark = [pytest.mark.slow, pytest.mark.redis]


def test_two_workers_split_the_crawl_and_store_everything(
        tmp_path: Path, small_sampleweb: Path, reference_dir: Path, redis_url: str) -> None:
    with SampleWebServer(small_sampleweb) as web:
        source = ["--sampleweb", str(small_sampleweb), *[a for _, u in web.sites for a in ("--base-url", u)]]
        single = tmp_path / "single"
        run_crawl_cli(single, reference_dir, *source, "--fast")

        shared = tmp_path / "shared"
        shared.mkdir()
        workers = [start_crawl(shared, reference_dir, *source, "--fast", "--distributed", "--crawl-tag", tmp_path.name,
                               LLO_REDIS_URL=redis_url) for _ in range(2)]
        for proc in workers:
            out, err = proc.communicate(timeout=240)
            assert proc.returncode == 0, f"{out}\n{err[-3000:]}"

    reference, store = open_test_store(single), open_test_store(shared)
    try:
        assert {o.id for o in store.offerings()} == {o.id for o in reference.offerings()}
        runs = store.recent_runs(5)
        assert len(runs) == 2
        fetched = sum(r.stats.get("llo/store/fetches", 0) for r in runs)
        alone = reference.recent_runs(1)[0].stats["llo/store/fetches"]
        # Together the workers fetched about what one worker alone does: the frontier was shared.
        assert fetched <= 1.3 * alone
        # A worker saw only part of the web: its run is partial and may mark nothing stale.
        assert {r.status for r in runs} == {"partial"}
    finally:
        reference.close()
        store.close()
