from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.pipelines.validate import ValidatePipeline
from tests.crawler.items_factory import offering_item, page_item


@pytest.mark.parametrize(("fields", "reason"), [
    ({"title": " "}, "no-title"),
    ({"title": "x" * 301}, "title-too-long"),
    ({"url": "ftp://roc.example/a"}, "bad-url"),
    ({"provider": ""}, "no-provider"),
    ({"crebo_stated": "2518"}, "bad-crebo"),
    ({"niveau": 5}, "bad-niveau"),
    ({"price_eur": -1.0}, "bad-price"),
    ({"price_eur": 250_000.0}, "bad-price"),
])
def test_drops_invalid_offerings_with_the_reason(fields: dict[str, object], reason: str) -> None:
    crawler = get_crawler(settings_dict={"LLO_MAX_PRICE_EUR": 100_000})
    pipeline = ValidatePipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    with pytest.raises(DropItem, match=f"^{reason}: "):
        pipeline.process_item(offering_item(**fields))
    assert crawler.stats.get_value(f"llo/validate/dropped/{reason}") == 1


def test_keeps_valid_offerings_and_page_items() -> None:
    crawler = get_crawler()
    pipeline = ValidatePipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    item = offering_item(crebo_stated="25180", niveau=2, price_eur=1250.0)
    assert pipeline.process_item(item) is item
    assert crawler.stats.get_value("llo/validate/ok") == 1
    page = page_item()
    assert pipeline.process_item(page) is page
