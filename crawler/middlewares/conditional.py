"""Conditional requests for pages fetched before, so a recrawl of an unchanged site costs little.

For a page request (``meta["llo_kind"] == "page"``) whose URL has a fetch record in the store, the record
goes into ``meta["llo_previous"]`` (the spider compares content hashes with it). ``If-None-Match`` /
``If-Modified-Since`` are added from its ETag / Last-Modified only when the last fetch was a successful
fetch of an offering page whose offerings the store holds *under that page's URL*: on a 304 the store
pipeline re-confirms exactly those (no body, nothing to extract). Listing and hub pages are always
fetched in full, since their links are what finds new offerings; so are catalogue feeds, whose
offerings carry other URLs. A page that is both (a listing holding offerings) may be answered 304: its
fetch record keeps the links it was parsed with (``outlinks``), which the spider follows again, so a
conditional request is only sent when that record has them.

After a crash, JOBDIR's ``requests.done`` (see ``crawler.dupefilter``) names the pages this job already
stored. They are answered here from the store with a 304 carrying their fetch record, without a download:
the spider touches their offerings and follows their stored links, so a listing that also holds
offerings still leads to its later pages on resume.

Settings: ``LLO_STORE_URL`` (required; NotConfigured without it), ``LLO_CONDITIONAL_REQUESTS``
(default True), ``JOBDIR``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.job import job_dir

from crawler.dupefilter import DONE_FILE
from skills.model import PageFetch
from store import open_store
from store.sql import SqlStore


class ConditionalRequestMiddleware:
    def __init__(self, lookup: Callable[[str], PageFetch | None], offering_urls: Iterable[str] = (),
                 stats: StatsCollector | None = None, done: Iterable[bytes] = (),
                 fingerprint: Callable[[Request], bytes] | None = None) -> None:
        self.lookup = lookup
        self.offering_urls = set(offering_urls)
        self.stats = stats
        self.store: SqlStore | None = None
        self.done = set(done)  # fingerprints of pages this job stored before it was interrupted
        self.fingerprint = fingerprint

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        url = crawler.settings.get("LLO_STORE_URL")
        if not url or not crawler.settings.getbool("LLO_CONDITIONAL_REQUESTS", True):
            raise NotConfigured("conditional requests need LLO_STORE_URL")
        store = open_store(url)
        store.init()
        jobdir = job_dir(crawler.settings)
        done_log = Path(jobdir) / DONE_FILE if jobdir else None
        done = ({bytes.fromhex(line) for line in done_log.read_text().split() if line}
                if done_log is not None and done_log.exists() else set())
        fingerprinter = crawler.request_fingerprinter
        mw = cls(store.get_fetch, (), crawler.stats, done,
                 fingerprinter.fingerprint if fingerprinter is not None else None)
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
        if not prev or prev["outlinks"] is None or prev["status"] not in (200, 304):
            return None
        if self.done and self.fingerprint is not None and self.fingerprint(request) in self.done:
            self._inc("llo/resume/from_store")
            return Response(request.url, status=304, request=request)
        if not prev["is_offering"]:
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
            "content_hash": fetch.content_hash, "is_offering": fetch.is_offering,
            "outlinks": None if fetch.outlinks is None else [list(link) for link in fetch.outlinks]}
