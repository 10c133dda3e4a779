"""The base spider offline: responses built by hand, fed to its callbacks."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.items import OfferingItem, PageItem
from crawler.sites import Site
from crawler.spiders.base import OfferingSpider
from skills.model import Provider
from tests.crawler.misbehaving_server import GOOD

BASE = "http://127.0.0.1:8101"


def _spider(max_pages: int = 100) -> OfferingSpider:
    site = Site(Provider(name="ROC Test", start_urls=(BASE + "/",), allowed_domains=("127.0.0.1",)))
    crawler = get_crawler(OfferingSpider, settings_dict={"LLO_MAX_PAGES": max_pages})
    crawler.stats.open_spider()
    spider = OfferingSpider.from_crawler(crawler, sites=[site])
    return spider


def _response(path: str, body: bytes, *, depth: int = 0, ctype: str = "text/html; charset=utf-8",
              status: int = 200, **meta: Any) -> Response:
    request = Request(BASE + path, meta={"llo_site": "ROC Test", "llo_kind": "page", "depth": depth, **meta})
    cls = HtmlResponse if "html" in ctype else TextResponse if "xml" in ctype else Response
    return cls(BASE + path, body=body, status=status, headers={"Content-Type": ctype}, request=request)


def _links(html: str) -> bytes:
    return f"<html><head><meta charset='utf-8'></head><body>{html}</body></html>".encode()


def _urls(output: list[Any]) -> list[str]:
    return [r.url.removeprefix(BASE) for r in output if isinstance(r, Request)]


def test_start_requests_cover_start_urls_robots_and_sitemap() -> None:
    spider = _spider()

    async def collect() -> list[Request]:
        return [r async for r in spider.start()]

    import asyncio
    requests = asyncio.run(collect())
    assert _urls(requests) == ["/", "/robots.txt", "/sitemap.xml"]
    assert all(r.meta["download_slot"] == "127.0.0.1:8101" for r in requests)


def test_links_are_steered_by_dutch_cues() -> None:
    spider = _spider()
    page = _links(
        '<a href="/opleidingen/kok">Kok</a><a href="/nieuws/open-dag">Nieuws</a>'
        '<a href="/vacatures">Werken bij</a><a href="/over-ons">Over ons</a>'
        '<a href="http://127.0.0.1:8102/opleidingen/x">other site on another port</a>'
        '<a href="mailto:info@roc.example">mail</a><a href="/opleidingen/kok#top">again</a>')
    output = list(spider.parse_page(_response("/", page, depth=0)))
    assert _urls(output) == ["/opleidingen/kok", "/over-ons"]
    # deeper down, a neutral link on a page that is not an overview is not followed
    deeper = list(spider.parse_page(_response("/over-ons/team", _links(
        '<a href="/over-ons/historie">Historie</a><a href="/cursussen/excel">Excel</a>'), depth=2)))
    assert _urls(deeper) == ["/cursussen/excel"]


def test_pagination_is_followed_at_any_depth() -> None:
    spider = _spider()
    page = _links('<a href="/aanbod?page=7">volgende</a><link rel="next" href="/aanbod/pagina/8">')
    output = list(spider.parse_page(_response("/aanbod?page=6", page, depth=5)))
    assert _urls(output) == ["/aanbod?page=7", "/aanbod/pagina/8"]


def test_page_cap_per_site() -> None:
    spider = _spider(max_pages=2)
    page = _links("".join(f'<a href="/opleidingen/{i}">opleiding {i}</a>' for i in range(5)))
    assert len(_urls(list(spider.parse_page(_response("/", page))))) == 2
    assert spider.reports["ROC Test"].capped and not spider.reports["ROC Test"].complete


def test_offering_page_yields_offerings_then_the_page() -> None:
    output = list(_spider().parse_page(_response("/opleidingen/goed", GOOD, llo_start=True)))
    items = [o for o in output if not isinstance(o, Request)]
    assert isinstance(items[0], OfferingItem) and items[0].offering.title == "Verzorgende IG"
    assert isinstance(items[-1], PageItem) and items[-1].fetch.is_offering
    assert items[-1].fetch.content_hash and items[-1].fetch.status == 200


def test_not_modified_yields_an_unchanged_page() -> None:
    previous = {"status": 200, "etag": '"v1"', "last_modified": None, "content_hash": "h", "is_offering": True}
    output = list(_spider().parse_page(_response("/opleidingen/goed", b"", status=304, llo_previous=previous)))
    assert len(output) == 1 and output[0].unchanged and output[0].fetch.content_hash == "h"


@pytest.mark.parametrize(("body", "ctype"), [(b"%PDF-1.4 ...", "application/pdf"), (b"\x00\x01\x02", "image/png")])
def test_non_pages_are_recorded_and_skipped(body: bytes, ctype: str) -> None:
    output = list(_spider().parse_page(_response("/opleidingen/brochure", body, ctype=ctype)))
    assert len(output) == 1 and isinstance(output[0], PageItem) and output[0].fetch.is_offering is False


def test_sitemap_urls_become_page_requests() -> None:
    spider = _spider()
    body = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>" + BASE.encode() + b"/opleidingen/kok</loc></url>"
            b"<url><loc>" + BASE.encode() + b"/nieuws/x</loc></url>"
            b"<url><loc>http://elders.example/opleidingen/y</loc></url></urlset>")
    response = _response("/sitemap.xml", body, ctype="application/xml", llo_kind="sitemap")
    assert _urls(list(spider.parse_sitemap(response))) == ["/opleidingen/kok"]
    assert list(spider.parse_sitemap(_response("/sitemap.xml", b"not xml at all", ctype="text/xml"))) == []


def test_pooled_extraction_yields_what_in_process_extraction_yields() -> None:
    import asyncio

    in_process = _spider()
    pooled = _spider()
    pooled.extract_workers = 1

    async def collect(response: Response) -> list[Any]:
        return [x async for x in pooled.parse_page_pooled(response)]

    try:
        for path, body, ctype in [("/opleidingen/goed", GOOD, "text/html; charset=utf-8"),
                                  ("/opleidingen/brochure", b"%PDF-1.4 ...", "text/html")]:
            want = list(in_process.parse_page(_response(path, body, ctype=ctype)))
            got = asyncio.run(collect(_response(path, body, ctype=ctype)))
            assert [type(x) for x in got] == [type(x) for x in want]
            assert [x.offering for x in got if isinstance(x, OfferingItem)] == \
                [x.offering for x in want if isinstance(x, OfferingItem)]
            assert [(x.page_type, x.fetch.content_hash) for x in got if isinstance(x, PageItem)] == \
                [(x.page_type, x.fetch.content_hash) for x in want if isinstance(x, PageItem)]
            assert _urls(got) == _urls(want)
    finally:
        pooled.closed("finished")
