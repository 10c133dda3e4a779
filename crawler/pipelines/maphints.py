"""Resolve each stated crebo against the reference lists and attach the result as a mapping hint.

``item.crebo_hint`` becomes the current (2015-structure) crebo the stated code stands for, when there is
one; ``item.hint_flags`` says when it is not plain ("legacy-crebo", "renumbered-crebo", "unknown-crebo").
The authoritative mapping is made later by :mod:`skills.mapping`; this pipeline never drops an item.
Counts ``llo/maphints/<status>``. Settings: ``LLO_REFERENCE_DIR`` (NotConfigured without it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.items import OfferingItem
from skills.reference.loader import load_reference
from skills.resolver import CreboResolver

FLAGS = {"legacy": "legacy-crebo", "renumbered": "renumbered-crebo", "unknown": "unknown-crebo",
         "malformed": "malformed-crebo"}


class MapHintsPipeline:
    def __init__(self, resolver: CreboResolver, stats: StatsCollector | None = None) -> None:
        self.resolver = resolver
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MapHintsPipeline:
        directory = crawler.settings.get("LLO_REFERENCE_DIR")
        if not directory:
            raise NotConfigured("mapping hints need LLO_REFERENCE_DIR")
        return cls(CreboResolver(load_reference(Path(directory))), crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, OfferingItem) or not item.offering.crebo_stated:
            return item
        resolution = self.resolver.resolve(item.offering.crebo_stated)
        item.crebo_hint = resolution.crebo
        flag = FLAGS.get(resolution.status)
        item.hint_flags = (flag,) if flag else ()
        if self.stats is not None:
            self.stats.inc_value(f"llo/maphints/{resolution.status}")
        return item
