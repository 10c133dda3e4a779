"""The base offering spider: discovers a school site's offering pages and yields what they hold.

Discovery per site: its start URLs, ``/robots.txt`` (for ``Sitemap:`` lines), ``/sitemap.xml`` (index
and gzip included), and in-domain links steered by the Dutch cues of :mod:`crawler.cues`: links with
offering vocabulary are followed at any depth, neutral links only near the start page, noise (news,
vacancies, contact, ...) never; listing pagination is always followed; JSON catalogue endpoints the
extractor hints at are fetched. Each site has a page cap and a depth cap.

Per fetched page the spider yields one :class:`~crawler.items.OfferingItem` per offering, then one
:class:`~crawler.items.PageItem`. A 304 (see ``crawler.middlewares.conditional``) or a body whose
hash equals the last fetch yields an ``unchanged`` page item and no offerings.

Settings read: ``LLO_MAX_PAGES``, ``LLO_MAX_DEPTH`` (per-site limits in the provider list win),
``LLO_CONTENT_TYPES``, ``LLO_EXTRACT_WORKERS`` (> 0: pages are extracted in that many worker processes,
see :meth:`OfferingSpider.parse_page_pooled`; needs Scrapy's asyncio reactor, the default). Variants (``providers``, ``sampleweb``, ``distributed``) only say where the
sites come from.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.asyncio import is_asyncio_available
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.charset import choose_encoding
from crawler.cues import is_pagination, link_score
from crawler.extract import extract_page
from crawler.extract.result import PageResult
from crawler.items import OfferingItem, PageItem
from crawler.outcome import CHOICES, failure_reason, log_level
from crawler.sites import Site
from skills.errors import ExtractionError
from skills.model import PageFetch

log = logging.getLogger(__name__)

SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one (uncompressed) sitemap
NEUTRAL_LINK_MAX_DEPTH = 1  # neutral links are followed only from the start page and its children
STEERING_PAGE_TYPES = frozenset({"listing", "catalogue", "home"})
PRIO_CATALOGUE, PRIO_PAGINATION, PRIO_CUED, PRIO_NEUTRAL = 30, 20, 10, 0


@dataclass(slots=True)
class SiteReport:
    """What the crawl did for one site; ``complete`` decides whether staleness may be judged."""

    pages: int = 0
    errors: int = 0
    capped: bool = False
    start_ok: bool = False

    @property
    def complete(self) -> bool:
        """The start page answered, the page cap was not hit and at most 10% of fetches failed."""
        return self.start_ok and not self.capped and self.errors <= 0.1 * max(self.pages, 1)


@dataclass(slots=True)
class _Fetched:
    """A fetched page about to be extracted: its site, fetch record and the extraction inputs."""

    site: Site
    fetch: PageFetch
    body: bytes
    url: str
    ctype: str
    encoding: str | None

    def extract_args(self) -> tuple[bytes, str, str, str, str | None]:
        """The arguments of :func:`extract_fetched` (picklable, for a worker process)."""
        return self.body, self.url, self.site.name, self.ctype or "text/html", self.encoding


def extract_fetched(body: bytes, url: str, provider: str, content_type: str, encoding: str | None) -> PageResult:
    """:func:`crawler.extract.extract_page` with positional arguments, as a worker process calls it."""
    return extract_page(body, url, provider=provider, content_type=content_type, encoding=encoding)


def content_type_of(response: Response) -> str:
    """The media type of ``response`` without parameters, lower-case ('' when absent)."""
    raw = response.headers.get(b"Content-Type") or b""
    return raw.decode("latin-1").split(";", 1)[0].strip().lower()


def _http_date_header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class OfferingSpider(scrapy.Spider):
    """Base spider; subclasses provide ``sites``. See the module doc for the crawl policy."""

    name = "offerings"
    handle_httpstatus_list = [304]

    def __init__(self, sites: Iterable[Site] = (), max_pages: int = 2000, max_depth: int = 6,
                 content_types: Iterable[str] = ("text/html",), extract_workers: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.extract_workers = int(extract_workers)
        self._pool: ProcessPoolExecutor | None = None
        self.sites: dict[str, Site] = {s.name: s for s in sites}
        self.max_pages = int(max_pages)
        self.max_depth = int(max_depth)
        self.content_types = frozenset(content_types)
        self.reports: dict[str, SiteReport] = {name: SiteReport() for name in self.sites}
        self._scheduled: Counter[str] = Counter()
        self._seen_urls: set[str] = set()
        self.allowed_domains = sorted({d for s in self.sites.values() for d in self._hosts(s)})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OfferingSpider:
        kwargs.setdefault("max_pages", crawler.settings.getint("LLO_MAX_PAGES", 2000))
        kwargs.setdefault("max_depth", crawler.settings.getint("LLO_MAX_DEPTH", 6))
        kwargs.setdefault("content_types", crawler.settings.getlist("LLO_CONTENT_TYPES", ["text/html"]))
        kwargs.setdefault("extract_workers", crawler.settings.getint("LLO_EXTRACT_WORKERS", 0))
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, OfferingSpider)
        return spider

    # --- sites -------------------------------------------------------------------------------

    @staticmethod
    def _hosts(site: Site) -> set[str]:
        hosts = {h for h in site.provider.allowed_domains if h}
        hosts |= {urlsplit(u).hostname or "" for u in site.provider.start_urls}
        return {h for h in hosts if h}

    @staticmethod
    def _netlocs_with_port(site: Site) -> set[str]:
        return {urlsplit(u).netloc for u in site.provider.start_urls if urlsplit(u).port is not None}

    def owns(self, site: Site, url: str) -> bool:
        """Whether ``url`` belongs to ``site``. Sites given with an explicit port (local test webs that
        share one host) own exactly their host:port; others own their domains and subdomains."""
        split = urlsplit(url)
        if split.scheme not in ("http", "https"):
            return False
        with_port = self._netlocs_with_port(site)
        if with_port:
            return split.netloc in with_port
        host = split.hostname or ""
        return any(host == d or host.endswith("." + d) for d in self._hosts(site))

    def site_of(self, response: Response) -> Site:
        return self.sites[response.meta["llo_site"]]

    def _page_cap(self, site: Site) -> int:
        return site.max_pages if site.max_pages is not None else self.max_pages

    def _depth_cap(self, site: Site) -> int:
        return site.max_depth if site.max_depth is not None else self.max_depth

    # --- requests ----------------------------------------------------------------------------

    def _request(self, site: Site, url: str, *, priority: int, depth: int | None = None,
                 kind: str = "page", dont_filter: bool = False) -> scrapy.Request | None:
        """A request for a page of ``site``, or None when it is off-site, seen, or over a cap."""
        url = urldefrag(url)[0]
        if not self.owns(site, url):
            return None
        if depth is not None and depth > self._depth_cap(site):
            return None
        if kind == "page":
            if url in self._seen_urls and not dont_filter:
                return None
            if self._scheduled[site.name] >= self._page_cap(site):
                if not self.reports[site.name].capped:
                    log.info("page cap %d reached for %s", self._page_cap(site), site.name)
                    self.crawler.stats.inc_value("llo/sites_capped")
                self.reports[site.name].capped = True
                return None
            self._seen_urls.add(url)
            self._scheduled[site.name] += 1
        page_callback = self.parse_page_pooled if self.extract_workers > 0 and is_asyncio_available() \
            else self.parse_page
        callback = {"page": page_callback, "sitemap": self.parse_sitemap, "robots": self.parse_robots}[kind]
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, priority=priority, dont_filter=dont_filter,
            meta={"llo_site": site.name, "llo_kind": kind, "download_slot": urlsplit(url).netloc},
        )

    async def start(self) -> AsyncIterator[Any]:
        for site in self.sites.values():
            for url in site.provider.start_urls:
                req = self._request(site, url, priority=PRIO_PAGINATION, kind="page")
                if req is not None:
                    req.meta["llo_start"] = True
                    yield req
            roots = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in site.provider.start_urls}
            for root in sorted(roots):
                for kind, path in (("robots", "/robots.txt"), ("sitemap", "/sitemap.xml")):
                    req = self._request(site, root + path, priority=PRIO_CUED, kind=kind)
                    if req is not None:
                        if kind == "robots":
                            req.meta["dont_obey_robotstxt"] = True
                        yield req

    # --- callbacks ---------------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.site_of(response)
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            req = self._request(site, url, priority=PRIO_CUED, kind="sitemap")
            if req is not None:
                yield req

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.site_of(response)
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=SITEMAP_MAX_BYTES)
            except (OSError, ValueError):
                self.crawler.stats.inc_value("llo/sitemap/invalid")
                return
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several types on garbage; a bad sitemap is just skipped
            self.crawler.stats.inc_value("llo/sitemap/invalid")
            return
        depth = response.meta.get("depth", 0) + 1
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                req = self._request(site, loc, priority=PRIO_CUED, kind="sitemap")
            else:
                score = link_score(loc)
                if score < 0:
                    continue
                # A sitemap lists pages directly: no depth cap (they are one hop from the site root).
                req = self._request(site, loc, priority=PRIO_CUED + score if score else PRIO_NEUTRAL,
                                    kind="page")
            if req is not None:
                self.crawler.stats.inc_value("llo/sitemap/urls")
                req.meta["depth"] = depth
                yield req

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
            page = await asyncio.wrap_future(self._extract_pool().submit(extract_fetched, *fetched.extract_args()))
        except ExtractionError as exc:
            for item in self._unreadable(response, fetched, exc):
                yield item
            return
        for item in self._extracted(response, fetched, page):
            yield item

    def _extract_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork: workers start in milliseconds with the extraction modules already imported.
            self._pool = ProcessPoolExecutor(self.extract_workers, mp_context=multiprocessing.get_context("fork"))
        return self._pool

    def closed(self, reason: str) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _fetched(self, response: Response) -> _Fetched | list[Any]:
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
        content_hash = hashlib.sha1(response.body).hexdigest()
        fetch = PageFetch(
            url=response.url, provider=site.name, status=response.status, fetched_at=now,
            content_hash=content_hash, etag=_http_date_header(response, b"ETag"),
            last_modified=_http_date_header(response, b"Last-Modified"), is_offering=False,
        )
        if "download_stopped" in response.flags or (ctype and ctype not in self.content_types):
            stats.inc_value("llo/pages/skipped_content_type")
            return [PageItem(fetch, page_type="not-a-page")]
        encoding = choose_encoding(response.body, (response.headers.get(b"Content-Type") or b"").decode("latin-1"))
        previous = response.meta.get("llo_previous")
        if previous is not None and previous.get("content_hash") == content_hash:
            # Same body as last time: extraction gives the same offerings, which the store then only
            # marks as seen (no change). Re-extracting is cheap next to a fetch and needs no page index.
            stats.inc_value("llo/pages/unchanged_hash")
        return _Fetched(site, fetch, response.body, response.url, ctype, encoding)

    def _unreadable(self, response: Response, fetched: _Fetched, exc: ExtractionError) -> Iterator[PageItem]:
        self.crawler.stats.inc_value("llo/pages/unreadable")
        log.info("unreadable page %s: %s", response.url, exc)
        yield PageItem(fetched.fetch, page_type="unreadable")

    def _extracted(self, response: Response, fetched: _Fetched, page: PageResult) -> Iterator[Any]:
        site, fetch = fetched.site, fetched.fetch
        self.crawler.stats.inc_value("llo/pages/extracted")
        fetch.is_offering = page.is_offering
        fetch.outlinks = self._outlinks(response, fetched, page)
        for offering in page.offerings:
            yield OfferingItem(offering, page_url=response.url)
        yield PageItem(fetch, page_type=page.page_type, offering_urls=[o.url for o in page.offerings])
        yield from self._follow(site, fetch.outlinks, response.meta.get("depth", 0))

    def _unchanged(self, response: Response, site: Site, now: datetime) -> Iterator[Any]:
        """A 304 (or a page this job already stored, see ``crawler.middlewares.conditional``): the stored
        offerings are touched and the page's stored links are followed again, so nothing behind an
        unchanged listing is lost."""
        previous = response.meta.get("llo_previous") or {}
        self.crawler.stats.inc_value("llo/pages/not_modified")
        outlinks = [(str(u), int(p), int(sc)) for u, p, sc in previous.get("outlinks") or []]
        yield PageItem(
            PageFetch(url=response.url, provider=site.name, status=304, fetched_at=now,
                      content_hash=previous.get("content_hash"),
                      etag=_http_date_header(response, b"ETag") or previous.get("etag"),
                      last_modified=_http_date_header(response, b"Last-Modified") or previous.get("last_modified"),
                      is_offering=previous.get("is_offering"), outlinks=outlinks),
            unchanged=True,
        )
        if outlinks:
            self.crawler.stats.inc_value("llo/links/from_stored", len(outlinks))
        yield from self._follow(site, outlinks, response.meta.get("depth", 0))

    def _follow(self, site: Site, outlinks: list[tuple[str, int, int]], depth: int) -> Iterator[scrapy.Request]:
        """Requests for a page's followed links (catalogue hints have no depth cap)."""
        for url, priority, score in outlinks:
            req = self._request(site, url, priority=priority, kind="page",
                                depth=None if priority == PRIO_CATALOGUE else depth + 1)
            if req is not None:
                req.meta["llo_score"] = score
                yield req

    def _outlinks(self, response: Response, fetched: _Fetched, page: PageResult) -> list[tuple[str, int, int]]:
        """The links of a parsed page worth following, as (url, priority, score), each URL once."""
        stats = self.crawler.stats
        links: dict[str, tuple[str, int, int]] = {}
        for hint in page.links_hint:
            url = urldefrag(urljoin(response.url, hint))[0]
            if self.owns(fetched.site, url) and url not in links:
                stats.inc_value("llo/links/catalogue")
                links[url] = (url, PRIO_CATALOGUE, 0)
        if "json" not in fetched.ctype:
            text_response = response.replace(cls=HtmlResponse, encoding=fetched.encoding)
            # Overview pages (listings, or pages reached through a cued link) vouch for their links:
            # a listing's entries are often named like marketing ("Zorgtalent gezocht"), without cues.
            steering = page.page_type in STEERING_PAGE_TYPES or (
                response.meta.get("llo_score", 0) > 0 and not page.is_offering)
            for link in self._anchor_links(text_response, fetched.site, steering=steering):
                links.setdefault(link[0], link)
        return list(links.values())

    def _anchor_links(self, response: TextResponse, site: Site, *, steering: bool = False
                      ) -> Iterator[tuple[str, int, int]]:
        depth = response.meta.get("depth", 0)
        stats = self.crawler.stats
        try:
            anchors = response.css("a[href], link[rel~=next][href]")
        except ValueError:  # not parseable as HTML at all
            return
        for a in anchors:
            href = (a.attrib.get("href") or "").strip()
            if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
                continue
            url = urldefrag(urljoin(response.url, href))[0]
            if not self.owns(site, url):
                continue
            text = " ".join(t.strip() for t in a.css("::text").getall() if t.strip())
            if is_pagination(url, text, a.attrib.get("rel", "")):
                stats.inc_value("llo/links/pagination")
                yield url, PRIO_PAGINATION, 0
                continue
            score = link_score(url, text)
            if score < 0 or (score == 0 and depth >= NEUTRAL_LINK_MAX_DEPTH and not steering):
                continue
            yield url, PRIO_CUED + score if score else PRIO_NEUTRAL, score

    def on_error(self, failure: Failure) -> Iterator[PageItem]:
        """Record a failed page fetch with its reason (see ``crawler.outcome``) and count it against its
        site; a robots.txt refusal or an offsite redirect is a choice, not a failure."""
        request = failure.request  # type: ignore[attr-defined]
        name = request.meta.get("llo_site")
        kind = request.meta.get("llo_kind")
        reason = failure_reason(failure, request.meta.get("llo_reason"))
        stats = self.crawler.stats
        stats.inc_value(f"llo/fetch_outcome/{reason}")
        log.log(log_level(reason), "fetch of %s gave no page: %s (%s)", request.url, reason, failure.value)
        if reason in CHOICES:
            stats.inc_value("llo/pages/ignored")
        else:
            stats.inc_value(f"llo/errors/{type(failure.value).__name__}")
        if name not in self.reports or kind != "page":
            return
        if reason not in CHOICES:
            self.reports[name].errors += 1
            self.reports[name].pages += 1
        response = getattr(failure.value, "response", None)
        status = response.status if isinstance(response, Response) else 0
        url = (request.meta.get("redirect_urls") or [request.url])[0]  # the URL that was asked for
        yield PageItem(PageFetch(url=url, provider=name, status=status, fetched_at=datetime.now(UTC),
                                 is_offering=False, reason=reason), page_type="error")
