"""Drop offerings that cannot be right, saying why (``DropItem("<reason>: ...")``).

Reasons, each counted as ``llo/validate/dropped/<reason>``: ``no-title``, ``title-too-long``,
``bad-url``, ``no-provider``, ``bad-crebo`` (crebo_stated not 5 digits), ``bad-niveau`` (not 1-4),
``bad-price`` (negative or above ``LLO_MAX_PRICE_EUR``, default 100000). Valid ones count as
``llo/validate/ok``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler.items import OfferingItem
from skills.model import Offering

MAX_TITLE = 300
_CREBO = re.compile(r"\d{5}")


def problem(o: Offering, max_price: float) -> tuple[str, str] | None:
    """The first (reason, detail) that makes ``o`` invalid, or None when it is valid."""
    if not o.title.strip():
        return "no-title", "empty title"
    if len(o.title) > MAX_TITLE:
        return "title-too-long", f"{len(o.title)} characters"
    if urlsplit(o.url).scheme not in ("http", "https") or not urlsplit(o.url).netloc:
        return "bad-url", repr(o.url)
    if not o.provider.strip():
        return "no-provider", "empty provider"
    if o.crebo_stated is not None and not _CREBO.fullmatch(o.crebo_stated):
        return "bad-crebo", repr(o.crebo_stated)
    if o.niveau is not None and o.niveau not in (1, 2, 3, 4):
        return "bad-niveau", repr(o.niveau)
    if o.price_eur is not None and not 0 <= o.price_eur <= max_price:
        return "bad-price", repr(o.price_eur)
    return None


class ValidatePipeline:
    def __init__(self, stats: StatsCollector | None = None, max_price: float = 100_000.0) -> None:
        self.stats = stats
        self.max_price = max_price

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler.settings.getfloat("LLO_MAX_PRICE_EUR", 100_000.0))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, OfferingItem):
            return item
        found = problem(item.offering, self.max_price)
        if found is not None:
            reason, detail = found
            if self.stats is not None:
                self.stats.inc_value(f"llo/validate/dropped/{reason}")
            raise DropItem(f"{reason}: {detail} on {item.page_url}")
        if self.stats is not None:
            self.stats.inc_value("llo/validate/ok")
        return item
