"""CreboResolver: current, renumbered, legacy, unknown and malformed codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.reference import load_reference
from skills.resolver import CreboResolver
from tests.skills.reference_helpers import MINI


@pytest.fixture(scope="module")
def resolver() -> CreboResolver:
    return CreboResolver(load_reference(MINI))


def test_current(resolver: CreboResolver) -> None:
    r = resolver.resolve(" 25078 ")
    assert (r.code, r.status, r.crebo) == ("25078", "current", "25078")
    assert r.qualification is not None and r.qualification.name == "Betonboorder"


def test_renumbered_by_exact_name(resolver: CreboResolver) -> None:
    r = resolver.resolve("94040")
    assert (r.status, r.crebo) == ("renumbered", "25078")
    assert r.legacy_qualification is not None and r.legacy_qualification.crebo == "94040"
    assert r.qualification is not None and r.qualification.crebo == "25078"
    assert "exact name" in r.note


def test_renumbered_name_shared_by_two_levels_uses_niveau(resolver: CreboResolver) -> None:
    assert resolver.resolve("90001").crebo == "25167"  # "Verkoper" niveau 2, not 25503 (niveau 3)


def test_renumbered_by_dossier_name(resolver: CreboResolver) -> None:
    r = resolver.resolve("90002")
    assert (r.status, r.crebo) == ("renumbered", "25078")
    assert "dossier" in r.note


def test_legacy_without_successor_is_not_guessed(resolver: CreboResolver) -> None:
    r = resolver.resolve("90000")
    assert (r.status, r.crebo) == ("legacy", None)
    assert r.qualification is not None and r.qualification.legacy


def test_unknown_and_malformed(resolver: CreboResolver) -> None:
    assert resolver.resolve("29999").status == "unknown"
    dossier = resolver.resolve("23183")
    assert dossier.status == "unknown" and "kwalificatiedossier" in dossier.note
    for code in ("2549", "254910", "2549a", ""):
        r = resolver.resolve(code)
        assert (r.status, r.crebo, r.qualification) == ("malformed", None, None)


def test_real_lists(reference_dir: Path) -> None:
    resolver = CreboResolver(load_reference(reference_dir))
    assert resolver.resolve("25491").status == "current"
    assert resolver.resolve("94040").crebo == "25078"
    statuses = {resolver.resolve(c).status for c in ("92090", "25656", "25655", "99999")}
    assert statuses == {"legacy", "newer", "unknown"}
