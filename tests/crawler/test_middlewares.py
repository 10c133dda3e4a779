"""Downloader middlewares and extensions, unit-tested with plain values (no network)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest, NotConfigured, StopDownload
from scrapy.http import Headers, Response
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.dupefilter import ResumableDupeFilter
from crawler.extensions.contenttype import ContentTypeGuard
from crawler.extensions.crawldelay import RobotsCrawlDelay
from crawler.middlewares.conditional import ConditionalRequestMiddleware
from crawler.middlewares.siteslot import SiteSlotMiddleware
from crawler.outcome import CHOICES, failure_reason, log_level
from skills.model import PageFetch

PAGE = "https://www.roc.example/opleidingen/kok"


def _fetch(**fields: object) -> PageFetch:
    values: dict[str, object] = {"url": PAGE, "provider": "ROC", "status": 200, "fetched_at": datetime.now(UTC),
                                 "content_hash": "h1", "etag": '"v1"',
                                 "last_modified": "Mon, 05 Jan 2026 10:00:00 GMT", "is_offering": True,
                                 "outlinks": []}
    return PageFetch(**(values | fields))  # type: ignore[arg-type]


def _page_request(url: str = PAGE) -> Request:
    return Request(url, meta={"llo_kind": "page"})


def test_conditional_headers_for_a_known_offering_page() -> None:
    mw = ConditionalRequestMiddleware(lambda url: _fetch(), offering_urls=[PAGE])
    request = _page_request()
    assert mw.process_request(request) is None
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == b"Mon, 05 Jan 2026 10:00:00 GMT"
    assert request.meta["llo_previous"]["content_hash"] == "h1"


@pytest.mark.parametrize(("fetch", "offering_urls"), [
    (None, [PAGE]),                            # never fetched
    (_fetch(is_offering=False), [PAGE]),       # a listing: always fetched in full for its links
    (_fetch(status=404), [PAGE]),              # last fetch failed
    (_fetch(), []),                            # the store holds no offering under this URL (a feed)
    (_fetch(outlinks=None), [PAGE]),           # a record without its links: a 304 could not follow them
])
def test_no_conditional_headers_otherwise(fetch: PageFetch | None, offering_urls: list[str]) -> None:
    mw = ConditionalRequestMiddleware(lambda url: fetch, offering_urls=offering_urls)
    request = _page_request()
    mw.process_request(request)
    assert b"If-None-Match" not in request.headers and b"If-Modified-Since" not in request.headers


def test_conditional_requests_need_a_store() -> None:
    with pytest.raises(NotConfigured):
        ConditionalRequestMiddleware.from_crawler(get_crawler(settings_dict={"LLO_STORE_URL": None}))


def test_304_is_counted_and_passed_on() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    mw = ConditionalRequestMiddleware(lambda url: None, stats=crawler.stats)
    response = Response(PAGE, status=304)
    assert mw.process_response(_page_request(), response) is response
    assert crawler.stats.get_value("llo/conditional/not_modified") == 1


def test_site_slot_is_host_and_port() -> None:
    request = Request("http://127.0.0.1:8103/opleidingen")
    SiteSlotMiddleware().process_request(request)
    assert request.meta["download_slot"] == "127.0.0.1:8103"


def test_robots_crawl_delay_is_read_and_capped() -> None:
    ext = RobotsCrawlDelay("llo-zoeker/0.1 (+https://example.org)", max_delay=5.0)
    polite = ProtegoRobotParser(b"User-agent: *\nCrawl-delay: 2\n", None)
    hostile = ProtegoRobotParser(b"User-agent: *\nCrawl-delay: 3600\n", None)
    silent = ProtegoRobotParser(b"User-agent: *\nDisallow: /x\n", None)
    assert ext.delay_for(polite) == 2.0
    assert ext.delay_for(hostile) == 5.0
    assert ext.delay_for(silent) is None
    ext.robots_parsed(polite, Request("http://127.0.0.1:8101/", meta={"download_slot": "127.0.0.1:8101"}))
    assert ext.delays == {"127.0.0.1:8101": 2.0}


def test_crawl_delay_extension_needs_robots_obeyed() -> None:
    with pytest.raises(NotConfigured):
        RobotsCrawlDelay.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": False}))


def test_content_type_guard_stops_non_pages() -> None:
    guard = ContentTypeGuard(["text/html", "application/json"])
    page = Request(PAGE, meta={"llo_kind": "page"})
    guard.headers_received(Headers({"Content-Type": "text/html; charset=utf-8"}), 10, page)
    with pytest.raises(StopDownload):
        guard.headers_received(Headers({"Content-Type": "application/pdf"}), 10, page)
    # sitemaps may be gzip or xml of any flavour: never stopped
    guard.headers_received(Headers({"Content-Type": "application/octet-stream"}), 10,
                           Request(PAGE, meta={"llo_kind": "sitemap"}))


# The first filter simulates a killed process: its files are never closed, on purpose.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_dupefilter_done_log_survives_a_crash(tmp_path: Path) -> None:
    done, pending = Request("http://s.example/opleidingen/kok"), Request("http://s.example/opleidingen")
    df = ResumableDupeFilter(str(tmp_path))
    assert not df.request_seen(done) and not df.request_seen(pending)
    df.mark_done(df.fingerprinter.fingerprint(done))
    # killed here: no close(); the next process recovers from the done log only
    again = ResumableDupeFilter(str(tmp_path))
    again.forget_unfinished()
    assert again.done == {df.fingerprinter.fingerprint(done)}, "the done log survives"
    # Both are requested again: the done page is answered from the store (so its links are followed).
    assert not again.request_seen(done) and not again.request_seen(pending)
    again.close("finished")


def test_a_page_done_before_a_crash_is_answered_from_the_store() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    listing = _fetch(outlinks=[(PAGE + "?pagina=2", 20, 0)])
    request = _page_request()
    mw = ConditionalRequestMiddleware(lambda url: listing, [PAGE], crawler.stats,
                                      done=[crawler.request_fingerprinter.fingerprint(request)],
                                      fingerprint=crawler.request_fingerprinter.fingerprint)
    response = mw.process_request(request)
    assert isinstance(response, Response) and response.status == 304
    assert request.meta["llo_previous"]["outlinks"] == [[PAGE + "?pagina=2", 20, 0]]
    other = _page_request(PAGE + "/ander")
    assert mw.process_request(other) is None, "a page not in the done log is downloaded"


def test_crawl_delay_is_a_floor_without_jitter() -> None:
    from types import SimpleNamespace

    from scrapy.core.downloader import Slot

    ext = RobotsCrawlDelay("llo-zoeker/0.1 (+https://example.org)", max_delay=60.0)
    slot = Slot(concurrency=1, delay=0.5, jitter=0.5)
    downloader = SimpleNamespace(slots={"s:80": slot}, per_slot_settings={})
    ext.crawler = SimpleNamespace(engine=SimpleNamespace(downloader=downloader))  # type: ignore[assignment]
    ext.delays["s:80"] = 2.0
    ext._apply("s:80")
    assert min(slot.download_delay() for _ in range(500)) >= 2.0
    assert downloader.per_slot_settings["s:80"] == {"delay": 2.0, "jitter": 0.0}


@pytest.mark.parametrize(("value", "seconds"), [("3", 3.0), ("Thu, 01 Jan 2026 00:01:00 GMT", 60.0),
                                                 ("soon", None)])
def test_retry_after_values(value: str, seconds: float | None) -> None:
    from crawler.middlewares.retryafter import retry_after_seconds

    assert retry_after_seconds(value, now=datetime(2026, 1, 1, tzinfo=UTC)) == seconds


@pytest.mark.parametrize(("exc", "reason"), [
    (IgnoreRequest("Forbidden by robots.txt"), "robots"),
    (IgnoreRequest("Filtered offsite request to 'elders.example'"), "offsite"),
    (IgnoreRequest("max redirections reached"), "redirect-loop"),
    (IgnoreRequest("redirect loop: http://s/a -> http://s/b"), "redirect-loop"),
    (IgnoreRequest("Ignored response because its body exceeded DOWNLOAD_MAXSIZE (5 B) during decompression."),
     "oversize"),
    (DownloadTimeoutError("Getting http://s/ took longer than 1.0 seconds."), "timeout"),
    (ValueError("odd"), "error"),
])
def test_fetch_outcome_reasons(exc: Exception, reason: str) -> None:
    assert failure_reason(Failure(exc)) == reason
    assert (log_level(reason) == logging.DEBUG) == (reason in CHOICES)
