"""Drop an offering already seen in this crawl (same id: canonical URL + slot).

The same offering turns up twice when a page is reachable under two URLs that canonicalise alike, or
when a JSON catalogue repeats an entry. Counts ``llo/dedupe/dropped`` and ``llo/dedupe/unique``.
Reads no settings.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler.items import OfferingItem


class DedupePipeline:
    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, OfferingItem):
            return item
        oid = item.offering.id
        if oid in self.seen:
            if self.stats is not None:
                self.stats.inc_value("llo/dedupe/dropped")
            raise DropItem(f"duplicate: offering {oid} ({item.offering.url}#{item.offering.slot}) already seen")
        self.seen.add(oid)
        if self.stats is not None:
            self.stats.inc_value("llo/dedupe/unique")
        return item
