"""The official list of mbo-certificaten: tolerant reading, strict checks, loaded as the official denominator."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.importers.certificate_list import import_certificate_list, read_certificate_list
from skills.reference import load_reference
from skills.reference.certificate_catalogue import OFFICIAL

from .reference_helpers import FIXTURES, mini_copy

LISTS = FIXTURES / "certificate_lists"


def test_reads_the_expected_columns() -> None:
    rows, problems = read_certificate_list(LISTS / "official_semicolon.csv")
    assert problems == []
    first, second = rows
    assert (first["certificaat_code"], first["certificaat"], first["crebo_in_regeling"]) == (
        "C0123", "Basis voor de kinderopvang", "25486")
    assert first["gekoppeld_aan"] == "B1-K1 B1-K1-W1 B1-K1-W2"
    assert first["status"] == "officieel (official_semicolon.csv, geldig 2020-08-01)"
    assert second["crebo_in_regeling"] == "25167;25503" and "tot 2027-07-31" in second["status"]


def test_problems_name_file_and_line_and_nothing_is_written(tmp_path: Path) -> None:
    _rows, problems = read_certificate_list(LISTS / "broken.csv")
    assert [(line, text.split(" ")[0]) for _f, line, text in problems] == [(2, "malformed"), (3, "C0300:")]
    with pytest.raises(ReferenceDataError):
        import_certificate_list(LISTS / "broken.csv", tmp_path)
    assert not (tmp_path / "certificates").exists()


def test_imported_list_replaces_the_reference_list_and_is_the_denominator(tmp_path: Path) -> None:
    ref_dir = mini_copy(tmp_path)
    overlay = tmp_path / "overlay"
    assert import_certificate_list(LISTS / "official_semicolon.csv", overlay) == 2
    ref = load_reference(ref_dir, overlay=overlay, lexicon=None)
    assert {(c.code, c.parent_crebo) for c in ref.certificates} == {("C0123", "25486"), ("C0200", "25167"),
                                                                     ("C0200", "25503")}
    basis = next(c for c in ref.certificates if c.code == "C0123")
    assert basis.kerntaken == ("B1-K1",) and basis.werkprocessen == ("B1-K1-W1", "B1-K1-W2")
    catalogue = ref.certificate_catalogue()
    assert catalogue.has_official_list and all(OFFICIAL in c.origins for c in catalogue.certificates
                                               if c.code in ("C0123", "C0200"))
    assert catalogue.by_key()["C0200"].parents == ("25167", "25503")
