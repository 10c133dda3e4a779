"""Catalogue feeds and the mbo test (crawler/extract/feed.py, crawler/extract/mbo.py)."""

from __future__ import annotations

import json

from crawler.extract.assemble import Facts
from crawler.extract.feed import from_json, provider_from_host
from crawler.extract.mbo import mentions_mbo, not_mbo, type_without_text
from skills.model import OfferingType


def test_plain_json_list_with_dutch_labels() -> None:
    body = json.dumps({"opleidingen": [
        {"titel": "Kok", "niveau": "2", "leerweg": "BBL", "url": "/opleidingen/kok"},
        {"titel": "Zonder feiten"},
    ]})
    result = from_json(body, "https://roc.example/api/aanbod.json", None)
    assert result.is_offering and result.page_type == "catalogue-feed"
    [kok] = result.offerings
    assert kok.title == "Kok" and kok.niveau == 2 and [lw.value for lw in kok.leerwegen] == ["BBL"]
    assert kok.url == "https://roc.example/opleidingen/kok"
    assert kok.provider == "Roc"


def test_a_json_body_without_offerings_is_not_an_offering_page() -> None:
    result = from_json(json.dumps({"nieuws": [{"kop": "Open dag"}]}), "https://roc.example/x.json", "ROC X")
    assert not result.is_offering and result.offerings == []


def test_provider_from_host() -> None:
    assert provider_from_host("https://www.deltion.nl/opleidingen") == "Deltion"


def test_mbo_or_not() -> None:
    assert mentions_mbo("Een mbo-opleiding in de BBL")
    assert not mentions_mbo("Dit is geen mbo-opleiding")
    assert not_mbo(Facts(title="Excel voor gevorderden"), "Cursus Excel, 6 avonden")
    assert not not_mbo(Facts(title="Kok", niveau=2), "Cursus")
    assert type_without_text(Facts(title="Excel voor gevorderden")) == OfferingType.NON_MBO
    assert type_without_text(Facts(title="Basiscertificaat lassen")) == OfferingType.MBO_CERTIFICAAT
    assert type_without_text(Facts(title="Kok", niveau=2)) == OfferingType.MBO_DIPLOMA
