"""Scrapy settings of the llo-zoeker crawler (``scrapy.cfg`` points here).

Static Scrapy defaults are module constants; everything that comes from llo's own configuration
(User-Agent contact URL, per-site concurrency, delays, caps, store URL) is computed by
:func:`llo_settings` from a :class:`llo.settings.Settings` that ``crawler.run`` passes in. Importing this
module never reads the environment; ``scrapy crawl`` loads :mod:`crawler.scrapycfg`, which does.

The defaults are polite, for real school sites: robots.txt obeyed (Crawl-delay too, see
``crawler.extensions.crawldelay``), AutoThrottle on, one request in flight per site.
"""

from __future__ import annotations

from typing import Any

from llo import __version__
from llo.settings import Settings

BOT_NAME = "llo-zoeker"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- politeness -----------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"  # exposes crawl_delay()
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 16
# Scrapy starts this many asyncio worker tasks for the output of EVERY response (default 100); our
# pipelines are synchronous, so more than a handful only costs task churn (~1.5 ms CPU per page).
CONCURRENT_ITEMS = 8
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no control port listening on the machine

# --- robustness -----------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024  # school pages are < 1 MiB; bigger bodies are files or traps
DOWNLOAD_WARNSIZE = 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DNS_TIMEOUT = 10

# --- crawl order and resumability -------------------------------------------------------------
# Breadth-first per site, sites interleaved by the downloader-aware queue (broad-crawl advice).
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
SCHEDULER = "crawler.scheduler.ResumableScheduler"
DUPEFILTER_CLASS = "crawler.dupefilter.ResumableDupeFilter"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.siteslot.SiteSlotMiddleware": 50,
    "crawler.middlewares.conditional.ConditionalRequestMiddleware": 580,
    # Above the retry middleware (550), so it sees a 429/503 first: Retry-After is a floor.
    "crawler.middlewares.retryafter.RetryAfterMiddleware": 560,
    # Above the redirect middleware (600): a loop ends in the errback instead of the duplicate filter.
    "crawler.middlewares.redirectloop.RedirectLoopMiddleware": 610,
}
EXTENSIONS = {
    # After AutoThrottle (0), so a robots.txt Crawl-delay is a floor AutoThrottle cannot undercut.
    "crawler.extensions.crawldelay.RobotsCrawlDelay": 100,
    "crawler.extensions.contenttype.ContentTypeGuard": 100,
}
ITEM_PIPELINES = {
    "crawler.pipelines.clean.CleanPipeline": 100,
    "crawler.pipelines.validate.ValidatePipeline": 200,
    "crawler.pipelines.dedupe.DedupePipeline": 300,
    "crawler.pipelines.store.StorePipeline": 900,
}

# Content types worth parsing; anything else (PDF, images, archives) is stopped after the headers.
LLO_CONTENT_TYPES = [
    "text/html",
    "application/xhtml+xml",
    "application/json",
    "application/ld+json",
    "text/plain",
    "application/xml",
    "text/xml",
    "application/x-gzip",
    "application/gzip",
]

LOG_LEVEL = "INFO"
# `llo crawl` logs through the root handler llo.cli.main configures; `scrapy crawl` installs its own.
LOG_INSTALL_ROOT_HANDLER = True


def user_agent(contact_url: str) -> str:
    """The crawler's User-Agent: project name, version and where to reach its operators."""
    return f"llo-zoeker/{__version__} (+{contact_url})"


def llo_settings(settings: Settings) -> dict[str, Any]:
    """The Scrapy settings derived from llo's configuration (names prefixed LLO_ are ours)."""
    return {
        "USER_AGENT": user_agent(settings.contact_url),
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.crawl_concurrency_per_site,
        "DOWNLOAD_DELAY": settings.crawl_delay,
        "DEPTH_LIMIT": settings.crawl_max_depth,
        "LLO_MAX_PAGES": settings.crawl_max_pages,
        "LLO_MAX_DEPTH": settings.crawl_max_depth,
        "LLO_EXTRACT_WORKERS": settings.crawl_extract_workers,
        "LLO_STORE_URL": settings.store_url,
        "LLO_STALE_AFTER_RUNS": settings.stale_after_runs,
        "REDIS_URL": settings.redis_url,
    }

