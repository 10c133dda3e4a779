"""Run one crawl in this process (Scrapy's ``CrawlerProcess``) and return its stats.

Twisted's reactor cannot be restarted, so a process runs at most one crawl; callers that need several
(tests, benchmarks) start a process per crawl (``python -m llo crawl ...``).

Profiles: the default Scrapy settings are polite for real sites (see ``crawler.settings``).
``fast=True`` is for local sites only (the sample web, test servers): no AutoThrottle, several requests
per site in flight. ``distributed=True`` swaps in the scrapy-redis scheduler and duplicate filter, so
several ``llo crawl --distributed`` processes share one frontier in Redis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawler.items import OfferingItem, PageItem
from crawler.settings import llo_settings
from crawler.sites import Site
from crawler.spiders.base import OfferingSpider
from crawler.spiders.providers import ProvidersSpider
from llo.settings import Settings

log = logging.getLogger(__name__)

FAST_LOCAL = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0.0,
    "CONCURRENT_REQUESTS": 64,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 10,
}
DISTRIBUTED = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
    # Keep the shared queue and seen-set when a worker finishes: another may still be crawling, and a
    # wiped seen-set would make it fetch pages twice. A new crawl gets fresh keys through its crawl tag.
    "SCHEDULER_PERSIST": True,
    # One worker sees part of the web: its run is "partial" and never marks anything stale.
    "LLO_WORKER_SEES_PART": True,
}

ProgressCallback = Callable[[str, Any], None]


def crawl_settings(settings: Settings, *, jobdir: Path | None = None, fast: bool = False,
                   distributed: bool = False, max_pages: int | None = None,
                   extra: dict[str, Any] | None = None, crawl_tag: str | None = None) -> ScrapySettings:
    """The Scrapy settings for a crawl: ``crawler.settings``, llo's configuration, then the profile.

    Distributed workers share the Redis keys of one ``crawl_tag`` (default: today's UTC date): start every
    worker of one crawl with the same tag; a new tag is a fresh frontier.
    """
    result = ScrapySettings()
    result.setmodule("crawler.settings", priority="project")
    result.setdict(llo_settings(settings), priority="project")
    result.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if fast:
        result.setdict(FAST_LOCAL, priority="cmdline")
    if distributed:
        result.setdict(DISTRIBUTED, priority="cmdline")
        result.set("REDIS_URL", settings.redis_url, priority="cmdline")
        tag = crawl_tag or datetime.now(UTC).strftime("%Y%m%d")
        result.set("SCHEDULER_QUEUE_KEY", f"llo:{tag}:%(spider)s:requests", priority="cmdline")
        result.set("SCHEDULER_DUPEFILTER_KEY", f"llo:{tag}:%(spider)s:dupefilter", priority="cmdline")
    if jobdir is not None:
        if distributed:
            raise ValueError("--jobdir and --distributed exclude each other: Redis already keeps the frontier")
        result.set("JOBDIR", str(jobdir), priority="cmdline")
    if max_pages is not None:
        result.set("LLO_MAX_PAGES", max_pages, priority="cmdline")
    if extra:
        result.setdict(extra, priority="cmdline")
    return result


def run_crawl(sites: list[Site], settings: Settings, *, spider_cls: type[OfferingSpider] = ProvidersSpider,
              jobdir: Path | None = None, fast: bool = False, distributed: bool = False,
              max_pages: int | None = None, extra: dict[str, Any] | None = None,
              progress: ProgressCallback | None = None, crawl_tag: str | None = None) -> dict[str, Any]:
    """Crawl ``sites`` into the store of ``settings``; blocks until done and returns Scrapy's stats
    (``llo/run_id``, ``llo/run_status``, ``llo/store/*``, ``downloader/*``, ...).

    ``progress(kind, item)`` is called with "page" or "offering" for every item stored.
    """
    scrapy_settings = crawl_settings(settings, jobdir=jobdir, fast=fast, distributed=distributed,
                                     max_pages=max_pages, extra=extra, crawl_tag=crawl_tag)
    # Scrapy's logging config sets its loggers to DEBUG; under the caller's root handler honour LOG_LEVEL,
    # from the start (CrawlerProcess logs its versions banner while it is created).
    logging.getLogger("scrapy").setLevel(scrapy_settings.get("LOG_LEVEL", "INFO"))
    process = CrawlerProcess(scrapy_settings)
    logging.getLogger("scrapy").setLevel(scrapy_settings.get("LOG_LEVEL", "INFO"))
    crawler = process.create_crawler(spider_cls)
    if progress is not None:
        def _scraped(item: Any) -> None:
            if isinstance(item, PageItem):
                progress("page", item)
            elif isinstance(item, OfferingItem):
                progress("offering", item)

        crawler.signals.connect(_scraped, signal=signals.item_scraped)
    process.crawl(crawler, sites=sites)
    process.start()
    assert crawler.stats is not None
    return dict(crawler.stats.get_stats())
