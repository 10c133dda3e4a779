"""Conditional requests for pages fetched before, so a recrawl of an unchanged site costs little.

For a page request (``meta["llo_kind"] == "page"``) whose URL has a fetch record in the store, the record
goes into ``meta["llo_previous"]`` (the spider compares content hashes with it). ``If-None-Match`` /
``If-Modified-Since`` are added from its ETag / Last-Modified only when the last fetch was a successful
fetch of an offering page whose offerings the store holds *under that page's URL*: on a 304 the store
pipeline re-confirms exactly those (no body, nothing to extract). Listing and hub pages are always
fetched in full, since their links are what finds new offerings; so are catalogue feeds, whose
offerings carry other URLs.

Settings: ``LLO_STORE_URL`` (required; NotConfigured without it), ``LLO_CONDITIONAL_REQUESTS``
(default True).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from skills.model import PageFetch
from store import open_store
from store.sql import SqlStore


class ConditionalRequestMiddleware:
    def __init__(self, lookup: Callable[[str], PageFetch | None], offering_urls: Iterable[str] = (),
                 stats: StatsCollector | None = None) -> None:
        self.lookup = lookup
        self.offering_urls = set(offering_urls)
        self.stats = stats
        self.store: SqlStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        url = crawler.settings.get("LLO_STORE_URL")
        if not url or not crawler.settings.getbool("LLO_CONDITIONAL_REQUESTS", True):
            raise NotConfigured("conditional requests need LLO_STORE_URL")
        store = open_store(url)
        store.init()
        mw = cls(store.get_fetch, (), crawler.stats)
        mw.store = store
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        if self.store is None:
            return
        for site in getattr(spider, "sites", {}).values():
            self.offering_urls.update(o.url for o in self.store.offerings(include_stale=True,
                                                                          provider=site.name))

    def spider_closed(self) -> None:
        if self.store is not None:
            self.store.close()

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def process_request(self, request: Request) -> Request | Response | None:
        if request.meta.get("llo_kind") != "page" or request.method != "GET":
            return None
        if "llo_previous" not in request.meta:
            previous = self.lookup(request.url)
            request.meta["llo_previous"] = _as_meta(previous) if previous is not None else None
        prev: dict[str, Any] | None = request.meta["llo_previous"]
        if not prev or not prev["is_offering"] or prev["status"] not in (200, 304):
            return None
        if request.url not in self.offering_urls:
            return None
        added = False
        if prev["etag"]:
            request.headers.setdefault(b"If-None-Match", prev["etag"])
            added = True
        if prev["last_modified"]:
            request.headers.setdefault(b"If-Modified-Since", prev["last_modified"])
            added = True
        if added:
            self._inc("llo/conditional/sent")
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status == 304:
            self._inc("llo/conditional/not_modified")
        return response


def _as_meta(fetch: PageFetch) -> dict[str, Any]:
    """The fetch record as plain data (request meta must pickle into the JOBDIR queue)."""
    return {"status": fetch.status, "etag": fetch.etag, "last_modified": fetch.last_modified,
            "content_hash": fetch.content_hash, "is_offering": fetch.is_offering}
