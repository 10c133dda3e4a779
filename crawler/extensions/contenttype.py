"""Stop downloading bodies that are not pages (PDFs, images, archives served under page URLs).

On ``headers_received`` a response whose Content-Type is known and not in ``LLO_CONTENT_TYPES`` is
stopped (``StopDownload(fail=False)``): the spider still gets the headers, records the fetch and moves
on without having transferred the body. Settings: ``LLO_CONTENT_TYPES`` (NotConfigured when empty).
"""

from __future__ import annotations

from collections.abc import Iterable

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured, StopDownload
from scrapy.http.headers import Headers
from scrapy.statscollectors import StatsCollector


class ContentTypeGuard:
    def __init__(self, allowed: Iterable[str], stats: StatsCollector | None = None) -> None:
        self.allowed = frozenset(t.lower() for t in allowed)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentTypeGuard:
        allowed = crawler.settings.getlist("LLO_CONTENT_TYPES")
        if not allowed:
            raise NotConfigured
        ext = cls(allowed, crawler.stats)
        crawler.signals.connect(ext.headers_received, signal=signals.headers_received)
        return ext

    def wanted(self, content_type: str | None) -> bool:
        """Unknown (absent) types are wanted: the spider looks at the body itself."""
        if not content_type:
            return True
        return content_type.split(";", 1)[0].strip().lower() in self.allowed

    def headers_received(self, headers: Headers, body_length: int, request: Request) -> None:
        raw = headers.get(b"Content-Type")
        if request.meta.get("llo_kind") in ("robots", "sitemap") or raw is None:
            return
        if not self.wanted(raw.decode("latin-1")):
            if self.stats is not None:
                self.stats.inc_value("llo/pages/stopped_content_type")
            raise StopDownload(fail=False)
