"""Small builders for crawler items used by the pipeline tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crawler.items import OfferingItem, PageItem
from skills.model import Offering, PageFetch


def offering_item(**fields: Any) -> OfferingItem:
    values: dict[str, Any] = {"url": "https://www.roc.example/opleidingen/kok", "title": "Kok",
                              "provider": "ROC Voorbeeld"} | fields
    return OfferingItem(Offering(**values), page_url=values["url"])


def page_item(url: str = "https://www.roc.example/opleidingen/kok", **fields: Any) -> PageItem:
    fetch = PageFetch(url=url, provider="ROC Voorbeeld", status=200, fetched_at=datetime.now(UTC),
                      content_hash="abc", is_offering=True)
    return PageItem(fetch, **fields)
