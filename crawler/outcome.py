"""Why a fetch gave no page: the ``reason`` of its ``page_fetches`` row, and how loudly to log it.

Reasons: ``robots`` (disallowed: a choice, logged at DEBUG), ``offsite`` (redirected off the site: a
choice too), ``gone`` (404/410: the page no longer
exists), ``http-error`` (another 4xx/5xx), ``retry-after`` (the site asked for a longer pause than a crawl
waits), ``redirect-loop``, ``oversize`` (body or decompressed body over DOWNLOAD_MAXSIZE), ``timeout``,
``connection`` (refused, reset, DNS), ``error`` (anything else). Every reason but ``robots`` and ``gone``
means the page may still be there: its stored offerings are kept alive and its stored links followed
(see ``crawler.pipelines.store`` and ``crawler.spiders.base``); so for a page that answered but was not
parsed (:data:`NOT_PARSED`).
"""

from __future__ import annotations

import logging

from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import ConnectError, DNSLookupError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

log = logging.getLogger(__name__)
GONE_STATUSES = frozenset({404, 410})
# The page may still exist: the offerings it held must not go stale because of this fetch.
MAY_STILL_EXIST = frozenset({"http-error", "retry-after", "redirect-loop", "oversize", "timeout",
                             "connection", "error"})


def failure_reason(failure: Failure, meta_reason: str | None = None) -> str:
    """The reason for a failed fetch (see the module doc)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        if meta_reason:
            return meta_reason
        return "gone" if exc.response.status in GONE_STATUSES else "http-error"
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots.txt" in text:
            return "robots"
        if "offsite" in text:
            return "offsite"
        if "redirect" in text:
            return "redirect-loop"
        if "max" in text and "size" in text:
            return "oversize"
        return "error"
    if isinstance(exc, DownloadCancelledError) or "maxsize" in str(exc).lower() or "max size" in str(exc).lower():
        return "oversize"
    if isinstance(exc, DownloadTimeoutError | TwistedTimeoutError) or "timeout" in type(exc).__name__.lower():
        return "timeout"
    if isinstance(exc, ConnectError | DNSLookupError) or "connection" in type(exc).__name__.lower():
        return "connection"
    return "error"


CHOICES = frozenset({"robots", "offsite"})  # our own rules, not failures of the site
# Page types of a page that answered but was not parsed (a body that cannot be read, a content type the
# crawl does not read): like a failed fetch, it says nothing about the offerings the page held.
NOT_PARSED = frozenset({"unreadable", "not-a-page"})


def log_level(reason: str) -> int:
    """How loudly a fetch outcome is logged: robots, offsite and gone pages are routine, the rest is not."""
    if reason in CHOICES:
        return logging.DEBUG
    if reason == "gone":
        return logging.INFO
    return logging.WARNING


def report_failure(stats: StatsCollector, failure: Failure, reason: str, url: str) -> None:
    """Count a fetch that gave no page under its reason (``llo/fetch_outcome/<reason>``) and log it at
    :func:`log_level`."""
    stats.inc_value(f"llo/fetch_outcome/{reason}")
    log.log(log_level(reason), "fetch of %s gave no page: %s (%s)", url, reason, failure.value)
    stats.inc_value("llo/pages/ignored" if reason in CHOICES else f"llo/errors/{type(failure.value).__name__}")
