from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.pipelines.store import StorePipeline
from crawler.sites import Site
from crawler.spiders.base import OfferingSpider
from skills.model import Provider
from store import open_store
from tests.crawler.items_factory import offering_item, page_item

URL = "https://www.roc.example/opleidingen/kok"


def _spider(complete: bool = True) -> OfferingSpider:
    provider = Provider(name="ROC Voorbeeld", start_urls=("https://www.roc.example/",),
                        allowed_domains=("roc.example",))
    spider = OfferingSpider(sites=[Site(provider)])
    report = spider.reports["ROC Voorbeeld"]
    report.pages, report.start_ok = 10, complete
    return spider


def _pipeline(store_url: str, **settings: object) -> tuple[StorePipeline, object]:
    crawler = get_crawler(settings_dict={"LLO_STORE_URL": store_url, **settings})
    crawler.stats.open_spider()
    return StorePipeline.from_crawler(crawler), crawler


def test_stores_offerings_fetches_and_the_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'llo.sqlite3'}"
    pipeline, crawler = _pipeline(url)
    spider = _spider()
    pipeline.spider_opened(spider)
    pipeline.process_item(offering_item(url=URL))
    pipeline.process_item(page_item(URL))
    crawler.stats.set_value("llo/pages/extracted", 1)  # type: ignore[attr-defined]
    pipeline.spider_closed(spider, "finished")

    store = open_store(url)
    try:
        assert [o.title for o in store.offerings()] == ["Kok"]
        fetch = store.get_fetch(URL)
        assert fetch is not None and fetch.is_offering and fetch.run_id == 1
        run = store.recent_runs(1)[0]
        assert run.status == "finished" and run.providers == ["ROC Voorbeeld"]
        assert run.stats["llo/store/inserted"] == 1 and run.stats["llo/store/fetches"] == 1
    finally:
        store.close()

    # Second crawl: the page answers 304; its offering is re-confirmed, not re-extracted.
    pipeline, crawler = _pipeline(url)
    pipeline.spider_opened(spider)
    pipeline.process_item(page_item(URL, unchanged=True))
    crawler.stats.set_value("llo/pages/not_modified", 1)  # type: ignore[attr-defined]
    pipeline.spider_closed(spider, "finished")
    store = open_store(url)
    try:
        run = store.recent_runs(1)[0]
        assert run.id == 2 and run.status == "finished"
        assert run.stats["llo/store/touched"] == 1 and "llo/store/inserted" not in run.stats
    finally:
        store.close()


def test_an_incomplete_site_makes_the_run_partial_and_an_interrupted_run_stays_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'llo.sqlite3'}"
    pipeline, crawler = _pipeline(url)
    pipeline.spider_opened(_spider(complete=False))
    crawler.stats.set_value("llo/pages/extracted", 3)  # type: ignore[attr-defined]
    pipeline.spider_closed(_spider(complete=False), "finished")

    jobdir = tmp_path / "job"
    pipeline, _ = _pipeline(url, JOBDIR=str(jobdir))
    pipeline.spider_opened(_spider())
    pipeline.spider_closed(_spider(), "shutdown")
    assert (jobdir / "llo_run.json").exists()
    store = open_store(url)
    try:
        assert [r.status for r in store.recent_runs(5)] == ["running", "partial"]
    finally:
        store.close()
    # The resume continues run 2 instead of starting a third.
    pipeline, _ = _pipeline(url, JOBDIR=str(jobdir))
    pipeline.spider_opened(_spider())
    assert pipeline.run is not None and pipeline.run.id == 2


def test_not_configured_without_a_store_url() -> None:
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(get_crawler(settings_dict={"LLO_STORE_URL": None}))


def test_offerings_wait_for_their_page_and_are_stored_with_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'llo.sqlite3'}"
    pipeline, crawler = _pipeline(url)
    spider = _spider()
    pipeline.spider_opened(spider)
    store = open_store(url)
    try:
        pipeline.process_item(offering_item(url=URL))
        assert store.count_offerings() == 0 and store.get_fetch(URL) is None  # waits for its page item
        pipeline.process_item(page_item(URL))
        assert store.count_offerings() == 1 and store.get_fetch(URL) is not None
        # One without a page item (a reordered or interrupted page) is still stored when the spider closes.
        other = "https://www.roc.example/opleidingen/bakker"
        pipeline.process_item(offering_item(url=other, title="Bakker"))
        pipeline.spider_closed(spider, "shutdown")
        assert sorted(o.title for o in store.offerings()) == ["Bakker", "Kok"]
        assert crawler.stats.get_value("llo/store/inserted") == 2  # type: ignore[attr-defined]
    finally:
        store.close()
