"""The fetch record (:class:`~skills.model.PageFetch`) each page outcome leaves in the store: a fetched
response, a 304 answered with the page's stored record, and a fetch that gave no page."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.spiders.links import Link
from skills.model import PageFetch


def header_text(response: Response, name: bytes) -> str | None:
    """A response header as text (ETag, Last-Modified), or None when absent."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def response_record(response: Response, provider: str, now: datetime) -> PageFetch:
    """The record of a page that answered with a body (not yet parsed: no links, not an offering)."""
    return PageFetch(
        url=response.url, provider=provider, status=response.status, fetched_at=now,
        content_hash=hashlib.sha1(response.body).hexdigest(), etag=header_text(response, b"ETag"),
        last_modified=header_text(response, b"Last-Modified"), is_offering=False,
    )


def unchanged_record(response: Response, provider: str, previous: dict[str, Any], outlinks: list[Link],
                     now: datetime) -> PageFetch:
    """The record of a page answered 304: what the stored record ``previous`` knew, with fresh validators
    when the response sent them."""
    return PageFetch(url=response.url, provider=provider, status=304, fetched_at=now,
                     content_hash=previous.get("content_hash"),
                     etag=header_text(response, b"ETag") or previous.get("etag"),
                     last_modified=header_text(response, b"Last-Modified") or previous.get("last_modified"),
                     is_offering=previous.get("is_offering"), outlinks=outlinks)


def failed_record(failure: Failure, provider: str, reason: str, outlinks: list[Link]) -> PageFetch:
    """The record of a fetch that gave no page, under the URL that was asked for (before redirects)."""
    request = failure.request  # type: ignore[attr-defined]
    response = getattr(failure.value, "response", None)
    status = response.status if isinstance(response, Response) else 0
    url = (request.meta.get("redirect_urls") or [request.url])[0]
    return PageFetch(url=url, provider=provider, status=status, fetched_at=datetime.now(UTC),
                     is_offering=False, reason=reason, outlinks=outlinks or None)
