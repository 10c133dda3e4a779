"""qualifications.csv / qualifications_legacy_2014.csv parsing and validation."""

from __future__ import annotations

from pathlib import Path

from skills.model import Leerweg
from skills.reference import validate_reference
from skills.reference.qualifications import parse_leerwegen
from tests.skills.reference_helpers import mini_copy, replace_in


def test_parse_leerwegen() -> None:
    assert parse_leerwegen("BOL/BBL") == (Leerweg.BOL, Leerweg.BBL)
    assert parse_leerwegen("bbl") == (Leerweg.BBL,)
    assert parse_leerwegen("BOL, BBL en deeltijd") == (Leerweg.BOL, Leerweg.BBL, Leerweg.DEELTIJD)
    assert parse_leerwegen("") == ()
    assert parse_leerwegen("avond") is None


def _problems_for(tmp_path: Path, old: str, new: str) -> tuple[Path, list[tuple[str, int | None, str]]]:
    ref = mini_copy(tmp_path)
    path = ref / "qualifications" / "qualifications.csv"
    replace_in(path, old, new)
    return path, validate_reference(ref)[1]


def test_broken_row_names_file_and_line(tmp_path: Path) -> None:
    path, problems = _problems_for(tmp_path, "25167,Verkoper,2,", "25167,Verkoper,2,extra,")
    assert (str(path), 4, "broken CSV row: 21 fields, header has 20") in problems


def test_bad_niveau_and_date(tmp_path: Path) -> None:
    path, problems = _problems_for(tmp_path, "25078,Betonboorder,3,mbo-3", "25078,Betonboorder,7,mbo-3")
    assert (str(path), 2, "niveau 7 out of range 1..4") in problems
    path, problems = _problems_for(tmp_path / "b", "2015-08-01,test,0\n25486", "01-08-2015,test,0\n25486")
    assert any(p[1] == 2 and "not a date" in p[2] for p in problems)


def test_malformed_dossier_crebo_and_dossier_name_conflict(tmp_path: Path) -> None:
    path, problems = _problems_for(tmp_path, ",23045,Betonboren,", ",2304,Betonboren,")
    assert any(p[1] == 2 and "malformed kwalificatiedossier_crebo '2304'" in p[2] for p in problems)
    path, problems = _problems_for(tmp_path / "b", "1,23099,Verkoop,9", "1,23099,Verkoop anders,9")
    assert any(p[0] == str(path) and p[1] == 5 and "dossier 23099 is named" in p[2] for p in problems)


def test_missing_column_is_one_problem(tmp_path: Path) -> None:
    path, problems = _problems_for(tmp_path, "crebo,kwalificatie,niveau,", "code,kwalificatie,niveau,")
    assert (str(path), 1, "header lacks column(s) crebo") in problems


def test_legacy_flag(tmp_path: Path) -> None:
    from skills.reference import load_reference
    data = load_reference(mini_copy(tmp_path))
    assert data.legacy["94040"].legacy and not data.qualifications["25078"].legacy
    assert data.qualifications["25167"].leerwegen == (Leerweg.BBL,)
