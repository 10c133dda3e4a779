"""Honour ``Retry-After`` on 429 and 503 answers as a floor.

Scrapy's retry middleware retries such answers within seconds. Here, a 429/503 with a ``Retry-After``
(seconds or an HTTP date) holds the site's download slot for that long before anything else is sent to
the site, the retry included. A wait above ``LLO_MAX_RETRY_AFTER`` (default 60 s) is not sat out inside
this crawl: the page is not retried, its fetch is recorded with reason ``retry-after`` and the site counts
it as a failure (so its run is honest about what it did not reach).

Sits after the retry middleware in the response chain (a number above its 550).
Settings: ``LLO_MAX_RETRY_AFTER``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import call_later

log = logging.getLogger(__name__)
RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` value asks for, in seconds (None when it cannot be read)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, max_wait: float = 60.0, crawler: Crawler | None = None) -> None:
        self.max_wait = max_wait
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler.settings.getfloat("LLO_MAX_RETRY_AFTER", 60.0), crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in RETRY_AFTER_STATUSES:
            return response
        raw = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(raw.decode("latin-1")) if raw else None
        if wait is None:
            return response
        stats = self.crawler.stats if self.crawler is not None else None
        if wait > self.max_wait:
            log.warning("%s asks to retry after %.0f s (more than %.0f s): not retried in this crawl",
                        request.url, wait, self.max_wait)
            request.meta["dont_retry"] = True
            request.meta["llo_reason"] = "retry-after"
            if stats is not None:
                stats.inc_value("llo/retry_after/given_up")
            return response
        log.info("%s asks to retry after %.1f s: holding its site", request.url, wait)
        self.hold_slot(str(request.meta.get("download_slot", "")), wait)
        if stats is not None:
            stats.inc_value("llo/retry_after/held")
        return response

    def hold_slot(self, key: str, seconds: float) -> None:
        """Send nothing to slot ``key`` for ``seconds`` (the downloader's own delay timer is reused)."""
        if self.crawler is None or self.crawler.engine is None:
            return
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(key)
        if slot is None:
            return
        if slot.latercall is not None:
            slot.latercall.cancel()
        slot.latercall = call_later(seconds, downloader._latercall, slot)
