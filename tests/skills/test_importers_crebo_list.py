"""DUO/SBB-style crebo lists → qualifications.csv in the overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.importers.crebo_list import import_crebo_list, read_crebo_list
from skills.model import Leerweg
from skills.reference import load_reference
from skills.resolver import CreboResolver
from tests.skills.reference_helpers import FIXTURES, MINI

LISTS = FIXTURES / "crebo_lists"


def test_semicolon_cp1252_with_one_row_per_leerweg() -> None:
    rows, problems = read_crebo_list(LISTS / "duo_semicolon_cp1252.csv")
    assert problems == []
    by_crebo = {r["crebo"]: r for r in rows}
    assert set(by_crebo) == {"25656", "25498", "25999"}
    vig = by_crebo["25656"]
    assert (vig["kwalificatie"], vig["niveau"], vig["leerweg"], vig["bol"], vig["bbl"]) == (
        "Verzorgende IG", "3", "BOL/BBL", "1", "1")
    assert vig["kwalificatiedossier_crebo"] == "23187" and vig["geldig_vanaf"] == "2020-08-01"
    assert by_crebo["25999"]["kwalificatie"] == "Cafémedewerker" and by_crebo["25999"]["niveau"] == "1"


def test_problems_name_file_and_line() -> None:
    path = LISTS / "broken.csv"
    rows, problems = read_crebo_list(path)
    assert rows == []
    assert problems == [
        (str(path), 2, "malformed crebo '2565' (expected 5 digits)"),
        (str(path), 3, "crebo 25656: empty name"),
        (str(path), 4, "crebo 25657: unreadable niveau 'niveau 2/3'"),
    ]
    with pytest.raises(ReferenceDataError):
        import_crebo_list(path, Path("/nonexistent-never-written"))


def test_import_merges_into_the_reference(tmp_path: Path) -> None:
    overlay = tmp_path / "reference"
    assert import_crebo_list(LISTS / "duo_semicolon_cp1252.csv", overlay) == 3
    assert import_crebo_list(LISTS / "sbb_comma.csv", overlay) == 1
    data = load_reference(MINI, overlay=overlay)
    assert data.qualifications["25656"].leerwegen == (Leerweg.BOL, Leerweg.BBL)
    assert data.qualifications["25656"].dossier == "Verzorgende IG"
    assert data.qualifications["25078"].name == "Betonboorder (nieuw)"
    assert data.qualifications["25078"].dossier == "Betonboren"  # kept from the reference list
    assert CreboResolver(data).resolve("25656").status == "current"


def test_header_without_crebo_column(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("code,naam\n25656,Verzorgende IG\n", encoding="utf-8")
    rows, problems = read_crebo_list(path)
    assert rows == [] and problems[0][1] == 1 and "crebo" in problems[0][2]
