"""Gazetteer: names, aliases, postcodes, suggestions and distances."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.geo import Gazetteer, Place, normalize_name
from skills.reference import load_reference
from tests.skills.reference_helpers import MINI


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    gazetteer = load_reference(MINI).gazetteer
    assert gazetteer is not None
    return gazetteer


def test_normalize_name() -> None:
    assert normalize_name("'s-Hertogenbosch") == normalize_name("S HERTOGENBOSCH") == "s hertogenbosch"
    assert normalize_name("Súdwest-Fryslân") == "sudwest fryslan"


def test_locate_names_and_aliases(gazetteer: Gazetteer) -> None:
    haag = gazetteer.locate("den haag")
    assert haag is not None and haag.name == "'s-Gravenhage" and haag.arbeidsmarktregio == "Haaglanden"
    assert gazetteer.locate("'S-GRAVENHAGE") == haag
    hengelo = gazetteer.locate("Hengelo")
    assert hengelo is not None and hengelo.gemeente == "Hengelo (O.)"  # the more populous one
    assert gazetteer.locate("amsterdamse bos") is not None  # accent-insensitive
    assert gazetteer.locate("haaga") is None and gazetteer.locate("HAG") is None  # noisy aliases skipped
    assert gazetteer.locate("Nergenshuizen") is None


def test_locate_postcodes(gazetteer: Gazetteer) -> None:
    for text in ("1011", "1011 AB", "1011ab", " 1011 "):
        place = gazetteer.locate(text)
        assert place is not None and place.name == "Amsterdam"
    assert gazetteer.locate("9999") is None
    assert gazetteer.locate("0123") is None


def test_suggest(gazetteer: Gazetteer) -> None:
    names = [p.name for p in gazetteer.suggest("ams")]
    assert names[0] == "Amsterdam" and "Amstelveen" in names
    assert len(gazetteer.suggest("ams", limit=1)) == 1
    assert gazetteer.suggest("") == []


def test_distance_km() -> None:
    amsterdam, utrecht = (52.3676, 4.9041), (52.0907, 5.1214)
    assert Gazetteer.distance_km(amsterdam, utrecht) == pytest.approx(34.4, abs=0.5)
    assert Gazetteer.distance_km(amsterdam, amsterdam) == 0.0


def test_add_name_prefers_lower_tier() -> None:
    gazetteer = Gazetteer()
    town = Place("Bergen", 52.67, 4.70, "Bergen (NH.)", "Noord-Holland", "Noord-Holland Noord")
    other = Place("Bergen", 51.60, 6.04, "Bergen (L.)", "Limburg", "Noord-Limburg")
    gazetteer.add_name("Bergen", other, tier=2, population=10_000_000)
    gazetteer.add_name("Bergen", town, tier=0, population=10)
    assert gazetteer.locate("bergen") == town


def test_real_gazetteer(reference_dir: Path) -> None:
    gazetteer = load_reference(reference_dir).gazetteer
    assert gazetteer is not None
    bosch = gazetteer.locate("Den Bosch")
    assert bosch is not None and bosch.name == "'s-Hertogenbosch"
    assert gazetteer.locate("3511 AB") is not None
