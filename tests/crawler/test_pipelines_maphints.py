from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.pipelines.maphints import MapHintsPipeline
from tests.crawler.items_factory import offering_item


@pytest.fixture(scope="module")
def pipeline_and_crawler(reference_dir: Path) -> tuple[MapHintsPipeline, object]:
    crawler = get_crawler(settings_dict={"LLO_REFERENCE_DIR": str(reference_dir)})
    crawler.stats.open_spider()
    return MapHintsPipeline.from_crawler(crawler), crawler


def test_current_crebo_is_its_own_hint(pipeline_and_crawler: tuple[MapHintsPipeline, object]) -> None:
    pipeline, crawler = pipeline_and_crawler
    item = pipeline.process_item(offering_item(crebo_stated="25486"))
    assert item.crebo_hint == "25486" and item.hint_flags == ()
    assert crawler.stats.get_value("llo/maphints/current") >= 1  # type: ignore[attr-defined]


def test_unknown_crebo_is_flagged_without_a_guess(pipeline_and_crawler: tuple[MapHintsPipeline, object]) -> None:
    pipeline, _ = pipeline_and_crawler
    item = pipeline.process_item(offering_item(crebo_stated="99999"))
    assert item.crebo_hint is None and item.hint_flags == ("unknown-crebo",)


def test_offerings_without_crebo_pass_untouched(pipeline_and_crawler: tuple[MapHintsPipeline, object]) -> None:
    pipeline, _ = pipeline_and_crawler
    item = pipeline.process_item(offering_item())
    assert item.crebo_hint is None and item.hint_flags == ()


def test_not_configured_without_reference_data() -> None:
    with pytest.raises(NotConfigured):
        MapHintsPipeline.from_crawler(get_crawler(settings_dict={"LLO_REFERENCE_DIR": ""}))
