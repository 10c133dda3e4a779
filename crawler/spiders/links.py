"""Which links of a parsed page the crawl follows, and with what priority.

In-domain links are steered by the Dutch cues of :mod:`crawler.cues`: links with offering vocabulary are
followed at any depth, neutral links only near the start page (or from an overview page, which vouches
for its links), noise (news, vacancies, contact, ...) never; listing pagination is always followed; JSON
catalogue endpoints the extractor hints at are fetched. A link is ``(url, priority, score)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin

from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.statscollectors import StatsCollector

from crawler.cues import is_pagination, link_score
from crawler.extract.result import PageResult

NEUTRAL_LINK_MAX_DEPTH = 1  # neutral links are followed only from the start page and its children
STEERING_PAGE_TYPES = frozenset({"listing", "catalogue", "home"})
PRIO_CATALOGUE, PRIO_PAGINATION, PRIO_CUED, PRIO_NEUTRAL = 30, 20, 10, 0

Link = tuple[str, int, int]


def stored_outlinks(previous: dict[str, Any] | None) -> list[Link]:
    """The links a page's stored fetch record (``meta["llo_previous"]``, see
    ``crawler.middlewares.conditional``) says it had; none when there is no record or it has none."""
    return [(str(u), int(p), int(sc)) for u, p, sc in (previous or {}).get("outlinks") or []]


def page_outlinks(response: Response, page: PageResult, *, content_type: str, encoding: str | None,
                  owns: Callable[[str], bool], stats: StatsCollector) -> list[Link]:
    """The links of a parsed page worth following, each URL once."""
    links: dict[str, Link] = {}
    for hint in page.links_hint:
        url = urldefrag(urljoin(response.url, hint))[0]
        if owns(url) and url not in links:
            stats.inc_value("llo/links/catalogue")
            links[url] = (url, PRIO_CATALOGUE, 0)
    if "json" not in content_type:
        text_response = response.replace(cls=HtmlResponse, encoding=encoding)
        # Overview pages (listings, or pages reached through a cued link) vouch for their links:
        # a listing's entries are often named like marketing ("Zorgtalent gezocht"), without cues.
        steering = page.page_type in STEERING_PAGE_TYPES or (
            response.meta.get("llo_score", 0) > 0 and not page.is_offering)
        for link in anchor_links(text_response, owns=owns, stats=stats, steering=steering):
            links.setdefault(link[0], link)
    return list(links.values())


def anchor_links(response: TextResponse, *, owns: Callable[[str], bool], stats: StatsCollector,
                 steering: bool = False) -> Iterator[Link]:
    """The page's own anchors (and ``<link rel=next>``) the cues say to follow."""
    depth = response.meta.get("depth", 0)
    try:
        anchors = response.css("a[href], link[rel~=next][href]")
    except ValueError:  # not parseable as HTML at all
        return
    for a in anchors:
        href = (a.attrib.get("href") or "").strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(response.url, href))[0]
        if not owns(url):
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
