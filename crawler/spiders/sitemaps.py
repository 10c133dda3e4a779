"""Reading a site's ``/robots.txt`` (its ``Sitemap:`` lines) and sitemaps (index and gzip included)."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

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
