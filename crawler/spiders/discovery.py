"""Where a site's crawl starts: its start URLs, ``/robots.txt`` (for its ``Sitemap:`` lines) and
``/sitemap.xml`` (index and gzip included); the sitemaps' pages are requested like linked pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.cues import link_score
from crawler.sites import Site
from crawler.spiders.links import PRIO_CUED, PRIO_NEUTRAL, PRIO_PAGINATION

SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one (uncompressed) sitemap


@dataclass(frozen=True, slots=True)
class SitemapEntries:
    """The locations a sitemap lists; ``is_index``: they are sitemaps themselves."""

    is_index: bool
    locations: list[str]


def robots_sitemaps(response: Response) -> list[str]:
    """The sitemap URLs a robots.txt response names (none unless it answered 200 with text)."""
    if response.status != 200 or not isinstance(response, TextResponse):
        return []
    return list(sitemap_urls_from_robots(response.body, base_url=response.url))


def read_sitemap(body: bytes) -> SitemapEntries | None:
    """The entries of a sitemap body (gzip allowed), or None when it is not a readable sitemap."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=SITEMAP_MAX_BYTES)
        except (OSError, ValueError):
            return None
    try:
        sitemap = Sitemap(body)
        locations = [loc for entry in sitemap if (loc := entry.get("loc"))]
    except Exception:  # lxml raises several types on garbage; a bad sitemap is just skipped
        return None
    return SitemapEntries(is_index=sitemap.type == "sitemapindex", locations=locations)


class SiteDiscovery(scrapy.Spider):
    """The start of every site's crawl and the robots.txt and sitemap callbacks; the spider that builds
    on it says how a page request is made (:meth:`_request`)."""

    sites: dict[str, Site]

    def _request(self, site: Site, url: str, *, priority: int, depth: int | None = None,
                 kind: str = "page", dont_filter: bool = False) -> scrapy.Request | None:
        raise NotImplementedError

    def site_of(self, response: Response) -> Site:
        return self.sites[response.meta["llo_site"]]

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
        for url in robots_sitemaps(response):
            req = self._request(site, url, priority=PRIO_CUED, kind="sitemap")
            if req is not None:
                yield req

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        site = self.site_of(response)
        sitemap = read_sitemap(response.body)
        if sitemap is None:
            self.crawler.stats.inc_value("llo/sitemap/invalid")
            return
        depth = response.meta.get("depth", 0) + 1
        for loc in sitemap.locations:
            if sitemap.is_index:
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
