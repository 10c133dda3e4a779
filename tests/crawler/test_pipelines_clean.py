from __future__ import annotations

from datetime import date

from scrapy.utils.test import get_crawler

from crawler.pipelines.clean import CleanPipeline, clean_text
from skills.model import Leerweg
from tests.crawler.items_factory import offering_item, page_item


def test_clean_text_collapses_whitespace_and_drops_invisible_characters() -> None:
    assert clean_text("  Verzorgende\u00ad IG \n\t niveau\u200b 3 ") == "Verzorgende IG niveau 3"


def test_cleans_fields_and_counts_each_change() -> None:
    crawler = get_crawler()
    pipeline = CleanPipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    item = offering_item(title=" Kok \n", crebo_stated="25 180", locations=["Utrecht", " Utrecht", ""],
                         leerwegen=[Leerweg.BBL, Leerweg.BBL],
                         start_dates=[date(2026, 9, 1), date(2026, 2, 1), date(2026, 9, 1)], price_eur=12.345)
    out = pipeline.process_item(item)
    o = out.offering
    assert (o.title, o.crebo_stated, o.locations, o.leerwegen) == ("Kok", "25180", ["Utrecht"], [Leerweg.BBL])
    assert o.start_dates == [date(2026, 2, 1), date(2026, 9, 1)] and o.price_eur == 12.35
    stats = crawler.stats.get_stats()
    for field in ("title", "crebo_stated", "locations", "leerwegen", "start_dates", "price_eur"):
        assert stats[f"llo/clean/{field}"] == 1
    assert "llo/clean/provider" not in stats


def test_passes_page_items_through() -> None:
    item = page_item()
    assert CleanPipeline().process_item(item) is item
