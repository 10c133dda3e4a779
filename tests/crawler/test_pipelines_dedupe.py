from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.pipelines.dedupe import DedupePipeline
from tests.crawler.items_factory import offering_item, page_item


def test_drops_the_second_sighting_of_an_offering_id() -> None:
    crawler = get_crawler()
    pipeline = DedupePipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    pipeline.process_item(offering_item(slot="bbl"))
    pipeline.process_item(offering_item(slot="bol"))  # same page, other slot: another offering
    with pytest.raises(DropItem, match="^duplicate: "):
        pipeline.process_item(offering_item(slot="bbl", title="Kok (BBL)"))
    assert crawler.stats.get_value("llo/dedupe/unique") == 2
    assert crawler.stats.get_value("llo/dedupe/dropped") == 1


def test_page_items_are_never_deduplicated() -> None:
    pipeline = DedupePipeline()
    page = page_item()
    assert pipeline.process_item(page) is page
    assert pipeline.process_item(page) is page
