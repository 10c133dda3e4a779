"""The base offering spider: discovers a school site's offering pages and yields what they hold.

Discovery per site: its start URLs, ``/robots.txt`` (for ``Sitemap:`` lines) and ``/sitemap.xml``
(:mod:`crawler.spiders.discovery`), and the links of parsed pages the cues say to follow
(:mod:`crawler.spiders.links`). Each site has a page cap and a depth cap (:mod:`crawler.spiders.scope`).

Per fetched page the spider yields one :class:`~crawler.items.OfferingItem` per offering, then one
:class:`~crawler.items.PageItem`. A 304 (see ``crawler.middlewares.conditional``) or a body whose
hash equals the last fetch yields an ``unchanged`` page item and no offerings. A page that may still
exist but gave nothing to parse (a failed fetch, see ``crawler.outcome``; an unreadable body) keeps the
links it was last parsed with, and they are followed, so what only it links to is still reached.

Settings read: ``LLO_MAX_PAGES``, ``LLO_MAX_DEPTH`` (per-site limits in the provider list win),
``LLO_CONTENT_TYPES``, ``LLO_EXTRACT_WORKERS`` (> 0: pages are extracted in that many worker processes,
see :meth:`OfferingSpider.parse_page_pooled`; needs Scrapy's asyncio reactor, the default). Variants
(``providers``, ``sampleweb``, ``distributed``) only say where the sites come from.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import is_asyncio_available
from twisted.python.failure import Failure

from crawler.charset import choose_encoding
from crawler.extract.result import PageResult
from crawler.items import OfferingItem, PageItem
from crawler.outcome import CHOICES, MAY_STILL_EXIST, failure_reason, report_failure
from crawler.sites import Site
from crawler.spiders.discovery import SiteDiscovery
from crawler.spiders.fetched import ExtractionPool, Fetched, content_type_of, extract_fetched
from crawler.spiders.links import (
    PRIO_CATALOGUE,
    Link,
    page_outlinks,
    stored_outlinks,
)
from crawler.spiders.records import failed_record, response_record, unchanged_record
from crawler.spiders.scope import CrawlScope, SiteReport, site_hosts, site_owns
from skills.errors import ExtractionError
from skills.model import PageFetch

log = logging.getLogger(__name__)

__all__ = ["OfferingSpider", "SiteReport"]


class OfferingSpider(SiteDiscovery):
    """Base spider; subclasses provide ``sites``. See the module doc for the crawl policy."""

    name = "offerings"
    handle_httpstatus_list = [304]

    def __init__(self, sites: Iterable[Site] = (), max_pages: int = 2000, max_depth: int = 6,
                 content_types: Iterable[str] = ("text/html",), extract_workers: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ExtractionPool(int(extract_workers))
        self.scope = CrawlScope(sites, int(max_pages), int(max_depth),
                                count=lambda key: self.crawler.stats.inc_value(key))
        self.sites: dict[str, Site] = self.scope.sites
        self.reports: dict[str, SiteReport] = self.scope.reports
        self.content_types = frozenset(content_types)
        self.allowed_domains = sorted({d for s in self.sites.values() for d in site_hosts(s)})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OfferingSpider:
        kwargs.setdefault("max_pages", crawler.settings.getint("LLO_MAX_PAGES", 2000))
        kwargs.setdefault("max_depth", crawler.settings.getint("LLO_MAX_DEPTH", 6))
        kwargs.setdefault("content_types", crawler.settings.getlist("LLO_CONTENT_TYPES", ["text/html"]))
        kwargs.setdefault("extract_workers", crawler.settings.getint("LLO_EXTRACT_WORKERS", 0))
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, OfferingSpider)
        return spider

    @property
    def extract_workers(self) -> int:
        """Worker processes extracting pages (0: in this process)."""
        return self._pool.workers

    @extract_workers.setter
    def extract_workers(self, workers: int) -> None:
        self._pool.workers = workers

    # --- sites ----------------------------------------------------------------------------------

    def owns(self, site: Site, url: str) -> bool:
        """Whether ``url`` belongs to ``site`` (see :func:`crawler.spiders.scope.site_owns`)."""
        return site_owns(site, url)

    # --- requests ----------------------------------------------------------------------------

    def _request(self, site: Site, url: str, *, priority: int, depth: int | None = None,
                 kind: str = "page", dont_filter: bool = False) -> scrapy.Request | None:
        """A request for a page of ``site``, or None when it is off-site, seen, or over a cap."""
        url = urldefrag(url)[0]
        if not self.owns(site, url):
            return None
        if depth is not None and depth > self.scope.depth_cap(site):
            if kind == "page":
                self.scope.refuse(site, url)
            return None
        if kind == "page" and not self.scope.admit_page(site, url, again=dont_filter):
            return None
        page_callback = self.parse_page_pooled if self.extract_workers > 0 and is_asyncio_available() \
            else self.parse_page
        callback = {"page": page_callback, "sitemap": self.parse_sitemap, "robots": self.parse_robots}[kind]
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, priority=priority, dont_filter=dont_filter,
            meta={"llo_site": site.name, "llo_kind": kind, "download_slot": urlsplit(url).netloc},
        )

    # --- pages ------------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Items and follow-up requests of one fetched page, extracting in this process."""
        fetched = self._fetched(response)
        if isinstance(fetched, list):
            yield from fetched
            return
        try:
            page = extract_fetched(*fetched.extract_args())
        except ExtractionError as exc:
            yield from self._unreadable(response, fetched, exc)
            return
        yield from self._extracted(response, fetched, page)

    async def parse_page_pooled(self, response: Response) -> AsyncIterator[Any]:
        """:meth:`parse_page` with extraction in the worker processes (``LLO_EXTRACT_WORKERS``), so the
        reactor keeps downloading while pages are parsed on the other cores."""
        fetched = self._fetched(response)
        if isinstance(fetched, list):
            for item in fetched:
                yield item
            return
        try:
            page = await asyncio.wrap_future(self._pool.submit(fetched))
        except ExtractionError as exc:
            for item in self._unreadable(response, fetched, exc):
                yield item
            return
        for item in self._extracted(response, fetched, page):
            yield item

    def closed(self, reason: str) -> None:
        self._pool.shutdown()

    def _fetched(self, response: Response) -> Fetched | list[Any]:
        """The page's fetch record and how to read it, or the items for a page with nothing to extract
        (304, a content type we do not read)."""
        site = self.site_of(response)
        report = self.reports[site.name]
        report.pages += 1
        if response.meta.get("llo_start") and response.status in (200, 304):
            report.start_ok = True
        stats = self.crawler.stats
        now = datetime.now(UTC)
        if response.status == 304:
            return list(self._unchanged(response, site, now))
        ctype = content_type_of(response)
        fetch = response_record(response, site.name, now)
        if "download_stopped" in response.flags or (ctype and ctype not in self.content_types):
            stats.inc_value("llo/pages/skipped_content_type")
            return list(self._not_parsed(response, site, fetch, "not-a-page"))
        encoding = choose_encoding(response.body, (response.headers.get(b"Content-Type") or b"").decode("latin-1"))
        previous = response.meta.get("llo_previous")
        if previous is not None and previous.get("content_hash") == fetch.content_hash:
            # Same body as last time: extraction gives the same offerings, which the store then only
            # marks as seen (no change). Re-extracting is cheap next to a fetch and needs no page index.
            stats.inc_value("llo/pages/unchanged_hash")
        return Fetched(site, fetch, response.body, response.url, ctype, encoding)

    def _unreadable(self, response: Response, fetched: Fetched, exc: ExtractionError) -> Iterator[PageItem]:
        self.crawler.stats.inc_value("llo/pages/unreadable")
        log.info("unreadable page %s: %s", response.url, exc)
        yield from self._not_parsed(response, fetched.site, fetched.fetch, "unreadable")

    def _not_parsed(self, response: Response, site: Site, fetch: PageFetch, page_type: str) -> Iterator[Any]:
        """A page that answered but could not be parsed (see ``crawler.outcome.NOT_PARSED``): its record
        keeps the links it had and they are followed again; the store keeps its offerings alive."""
        fetch.outlinks = stored_outlinks(response.meta.get("llo_previous")) or None
        yield PageItem(fetch, page_type=page_type)
        yield from self._follow(site, fetch.outlinks or [], response.meta.get("depth", 0))

    def _extracted(self, response: Response, fetched: Fetched, page: PageResult) -> Iterator[Any]:
        site, fetch = fetched.site, fetched.fetch
        self.crawler.stats.inc_value("llo/pages/extracted")
        fetch.is_offering = page.is_offering
        fetch.outlinks = page_outlinks(
            response, page, content_type=fetched.ctype, encoding=fetched.encoding,
            owns=lambda url: self.owns(site, url), stats=self.crawler.stats)
        for offering in page.offerings:
            # The crawl's provider owns what its site holds, whatever name the page gives itself: runs,
            # touches and staleness are kept per crawled provider.
            offering.provider = site.name
            yield OfferingItem(offering, page_url=response.url)
        yield PageItem(fetch, page_type=page.page_type, offering_urls=[o.url for o in page.offerings])
        yield from self._follow(site, fetch.outlinks, response.meta.get("depth", 0))

    def _unchanged(self, response: Response, site: Site, now: datetime) -> Iterator[Any]:
        """A 304 (or a page this job already stored, see ``crawler.middlewares.conditional``): the stored
        offerings are touched and the page's stored links are followed again, so nothing behind an
        unchanged listing is lost."""
        previous = response.meta.get("llo_previous") or {}
        self.crawler.stats.inc_value("llo/pages/not_modified")
        outlinks = stored_outlinks(previous)
        yield PageItem(unchanged_record(response, site.name, previous, outlinks, now), unchanged=True)
        if outlinks:
            self.crawler.stats.inc_value("llo/links/from_stored", len(outlinks))
        yield from self._follow(site, outlinks, response.meta.get("depth", 0))

    def _follow(self, site: Site, outlinks: list[Link], depth: int) -> Iterator[scrapy.Request]:
        """Requests for a page's followed links (catalogue hints have no depth cap)."""
        for url, priority, score in outlinks:
            req = self._request(site, url, priority=priority, kind="page",
                                depth=None if priority == PRIO_CATALOGUE else depth + 1)
            if req is not None:
                req.meta["llo_score"] = score
                req.meta["depth"] = depth + 1  # also for links followed from an errback (no depth middleware)
                yield req

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Record a failed page fetch with its reason (see ``crawler.outcome``) and count it against its
        site; a robots.txt refusal or an offsite redirect is a choice, not a failure."""
        request = failure.request  # type: ignore[attr-defined]
        name = request.meta.get("llo_site")
        kind = request.meta.get("llo_kind")
        reason = failure_reason(failure, request.meta.get("llo_reason"))
        report_failure(self.crawler.stats, failure, reason, request.url)
        if name not in self.reports or kind != "page":
            return
        if reason not in CHOICES:
            self.reports[name].errors += 1
            self.reports[name].pages += 1
        # A page that may still exist keeps the links it had, and they are followed: what only it links
        # to is still reached (and its offerings stay alive) while it fails.
        outlinks = stored_outlinks(request.meta.get("llo_previous")) if reason in MAY_STILL_EXIST else []
        yield PageItem(failed_record(failure, name, reason, outlinks), page_type="error")
        yield from self._follow(self.sites[name], outlinks, request.meta.get("depth", 0))
