"""Honour robots.txt ``Crawl-delay`` per site.

Scrapy's robots.txt middleware only answers allow/deny; Protego (the default parser) also reads
``Crawl-delay``. When a site's robots.txt is parsed this extension makes its delay the floor of that
site's download slot (slots are ``host:port``, see ``crawler.middlewares.siteslot``): the slot's
current delay is raised, slots created later start with it, and after every response the floor is
re-applied, because AutoThrottle lowers delays it considers too cautious. The slot's random jitter
(Scrapy's ``RANDOMIZE_DOWNLOAD_DELAY``, ±50 %) is switched off for such a site, since it would take a
2 s Crawl-delay down to 1 s. A delay above
``LLO_MAX_CRAWL_DELAY`` (default 60 s) is capped there, so a hostile robots.txt cannot stall a crawl.

Settings: ``ROBOTSTXT_OBEY`` (NotConfigured when off), ``USER_AGENT``/``ROBOTSTXT_USER_AGENT``,
``LLO_MAX_CRAWL_DELAY``.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

log = logging.getLogger(__name__)


class RobotsCrawlDelay:
    def __init__(self, user_agent: str, max_delay: float = 60.0) -> None:
        self.user_agent = user_agent
        self.max_delay = max_delay
        self.delays: dict[str, float] = {}  # slot key -> floor
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsCrawlDelay:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        ext = cls(agent, crawler.settings.getfloat("LLO_MAX_CRAWL_DELAY", 60.0))
        ext.crawler = crawler
        crawler.signals.connect(ext.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(ext.response_downloaded, signal=signals.response_downloaded)
        return ext

    @staticmethod
    def slot_key(request: Request) -> str:
        return str(request.meta.get("download_slot") or urlsplit(request.url).netloc)

    def delay_for(self, robotparser: Any) -> float | None:
        """The Crawl-delay this parser gives our User-Agent, capped; None when there is none."""
        crawl_delay = getattr(robotparser, "crawl_delay", None)
        if crawl_delay is None:
            return None
        delay = crawl_delay(self.user_agent)
        if delay is None or delay <= 0:
            return None
        return min(float(delay), self.max_delay)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        delay = self.delay_for(robotparser)
        if delay is None:
            return
        key = self.slot_key(request)
        self.delays[key] = delay
        log.info("robots.txt of %s asks a crawl delay of %.1fs", key, delay)
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.set_value("llo/robots/crawl_delay_sites", len(self.delays))
        self._apply(key)

    def response_downloaded(self, response: Response, request: Request) -> None:
        key = self.slot_key(request)
        if key in self.delays:
            self._apply(key)

    def _apply(self, key: str) -> None:
        if self.crawler is None or self.crawler.engine is None:
            return
        downloader = self.crawler.engine.downloader
        floor = self.delays[key]
        per_slot = downloader.per_slot_settings.setdefault(key, {})
        per_slot["delay"] = max(floor, float(per_slot.get("delay", 0.0)))
        per_slot["jitter"] = 0.0
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, floor)
            slot.jitter = 0.0
