"""Offering/Mapping/Provider ↔ plain dicts: lossless round trips and errors that name the field."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from skills.codec import (
    mapping_from_dict,
    mapping_to_dict,
    offering_content_hash,
    offering_from_dict,
    offering_to_dict,
    provider_from_dict,
    provider_to_dict,
)
from skills.model import Leerweg, Mapping, Offering, OfferingType, Provider, ProviderKind, TargetGroup


def rich() -> Offering:
    return Offering(
        url="https://roc.example/vig", title="Verzorgende IG", provider="ROC Test",
        offering_type=OfferingType.MBO_CERTIFICAAT, crebo_stated="25491", leerwegen=[Leerweg.BBL],
        niveau=3, locations=["Utrecht"], duration="1 jaar", price_eur=950.0,
        start_dates=[date(2025, 9, 1)], target_group=[TargetGroup.VOLWASSENEN], description="Zorg",
        slot="bbl", content_hash="abc", first_seen=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        last_seen=datetime(2025, 2, 1, tzinfo=UTC), stale=True,
    )


def test_offering_dict_is_json_ready_and_round_trips() -> None:
    o = rich()
    d = offering_to_dict(o)
    assert d["id"] == o.id
    assert d["offering_type"] == "mbo-certificaat" and d["leerwegen"] == ["BBL"]
    assert d["start_dates"] == ["2025-09-01"] and d["first_seen"] == "2025-01-02T03:04:05+00:00"
    assert offering_from_dict(json.loads(json.dumps(d))) == o


def test_minimal_offering_gets_defaults() -> None:
    o = offering_from_dict({"url": "https://x.example/a", "title": "A", "provider": "X"})
    assert o == Offering(url="https://x.example/a", title="A", provider="X")


@pytest.mark.parametrize(("change", "message"), [
    ({"url": None}, "missing required field.*url"),
    ({"provider": "  "}, "'provider': must not be empty"),
    ({"leerwegen": ["BBL", "avond"]}, "'leerwegen': unknown value 'avond'"),
    ({"leerwegen": "BBL"}, "'leerwegen': expected a list of strings"),
    ({"offering_type": "cursus"}, "'offering_type': unknown value"),
    ({"niveau": "3"}, "'niveau': expected an integer"),
    ({"niveau": True}, "'niveau': expected an integer"),
    ({"price_eur": "gratis"}, "'price_eur': expected a number"),
    ({"start_dates": ["1 september"]}, "'start_dates': '1 september' is not an ISO date"),
    ({"first_seen": "gisteren"}, "'first_seen': 'gisteren' is not an ISO datetime"),
    ({"stale": "no"}, "'stale': expected true or false"),
    ({"titel": "typo"}, "unknown field.*titel"),
])
def test_bad_offering_fields_are_named(change: dict[str, Any], message: str) -> None:
    d = offering_to_dict(rich())
    d.update(change)
    with pytest.raises(ValueError, match=message):
        offering_from_dict(d)


def test_not_an_object() -> None:
    with pytest.raises(ValueError, match="expected a JSON object"):
        offering_from_dict([1, 2])  # type: ignore[arg-type]


def test_content_hash_follows_content_only() -> None:
    a, b = rich(), rich()
    b.last_seen, b.stale, b.content_hash = None, False, ""
    assert offering_content_hash(a) == offering_content_hash(b)
    b.price_eur = 951.0
    assert offering_content_hash(a) != offering_content_hash(b)


def test_mapping_round_trip_and_errors() -> None:
    m = Mapping(offering_id="ab" * 8, crebo="25491", confidence=0.9, method="crebo",
                evidence=("crebo op pagina",), certificate="C0001", werkprocessen=("B1-K1-W1",),
                flags=("legacy-crebo",))
    assert mapping_from_dict(json.loads(json.dumps(mapping_to_dict(m)))) == m
    unmapped = mapping_from_dict({"offering_id": "x", "crebo": None, "confidence": 0, "method": "unmapped"})
    assert unmapped.crebo is None and unmapped.confidence == 0.0
    with pytest.raises(ValueError, match="missing required field.*confidence"):
        mapping_from_dict({"offering_id": "x", "method": "crebo"})
    with pytest.raises(ValueError, match="'flags': expected a list"):
        mapping_from_dict({**mapping_to_dict(m), "flags": "x"})


def test_provider_round_trip_and_errors() -> None:
    p = Provider(name="AOC Oost", brin="01AB", website="https://aoc.example", kind=ProviderKind.AOC,
                 start_urls=("https://aoc.example/opleidingen",), allowed_domains=("aoc.example",))
    assert provider_from_dict(json.loads(json.dumps(provider_to_dict(p)))) == p
    with pytest.raises(ValueError, match="'kind': unknown value 'school'"):
        provider_from_dict({"name": "X", "kind": "school"})
