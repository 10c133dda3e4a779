"""Normalise offering text fields: whitespace, invisible characters, duplicate list entries.

Counts ``llo/clean/<field>`` for every field it changed. Reads no settings.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.items import OfferingItem

_SPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_text(value: str) -> str:
    """NFC, invisible characters (zero-width, soft hyphen) removed, whitespace runs collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", value).translate(_INVISIBLE)).strip()


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class CleanPipeline:
    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler.stats)

    def _changed(self, field: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"llo/clean/{field}")

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, OfferingItem):
            return item
        o = item.offering
        for field in ("title", "provider", "description"):
            before = getattr(o, field)
            after = clean_text(before)
            if after != before:
                setattr(o, field, after)
                self._changed(field)
        for field in ("duration", "crebo_stated"):
            before = getattr(o, field)
            if before is not None:
                after = clean_text(before).replace(" ", "") if field == "crebo_stated" else clean_text(before)
                after_or_none = after or None
                if after_or_none != before:
                    setattr(o, field, after_or_none)
                    self._changed(field)
        locations = _unique([c for c in (clean_text(x) for x in o.locations) if c])
        if locations != o.locations:
            o.locations = locations
            self._changed("locations")
        for name in ("leerwegen", "target_group", "start_dates"):
            values = getattr(o, name)
            unique = _unique(values)
            if name == "start_dates":
                unique = sorted(unique)
            if unique != values:
                setattr(o, name, unique)
                self._changed(name)
        if o.price_eur is not None and round(o.price_eur, 2) != o.price_eur:
            o.price_eur = round(o.price_eur, 2)
            self._changed("price_eur")
        return item
