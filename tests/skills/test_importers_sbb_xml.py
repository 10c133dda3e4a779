"""SBB kwalificatiedossier XML → overlay CSVs the loader reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.importers.sbb_xml import import_sbb_xml, parse_sbb_xml
from skills.reference import load_reference
from tests.skills.reference_helpers import FIXTURES, MINI

XML = FIXTURES / "sbb_dossier.xml"


def test_parse_fixture() -> None:
    werkprocessen, profielen, problems = parse_sbb_xml(XML)
    assert problems == []
    assert [r["code"] for r in werkprocessen] == ["B1-K1-W1", "B1-K1-W2", "P1-K1-W1"]
    first = werkprocessen[0]
    assert (first["dossier_crebo"], first["kerntaak"], first["omschrijving"]) == (
        "23999", "Biedt ondersteuning", "Let op wat de klant nodig heeft.")
    assert first["sectorkamer"] == "Sectorkamer zorg, welzijn en sport"
    assert first["opleidingsdomein"] == "Zorg en welzijn"
    assert [(p["crebo"], p["niveau"], p["studiebelastingsuren"]) for p in profielen] == [("25999", "2", "3200")]


def test_parse_real_exports_matches_shipped_csv(reference_dir: Path) -> None:
    shipped = reference_dir / "kwalificatiedossiers" / "kerntaken_werkprocessen.csv"
    with shipped.open(encoding="utf-8") as handle:
        expected = {(r["dossier_crebo"], r["profiel_crebo"], r["code"]): r["werkproces"] for r in csv.DictReader(handle)}
    parsed = {}
    for path in sorted((reference_dir / "kwalificatiedossiers" / "raw").glob("*.xml")):
        werkprocessen, _profielen, problems = parse_sbb_xml(path)
        assert problems == []
        parsed.update({(r["dossier_crebo"], r["profiel_crebo"], r["code"]): r["werkproces"] for r in werkprocessen})
    assert parsed == expected


def test_import_into_overlay_is_loaded_and_idempotent(tmp_path: Path) -> None:
    overlay = tmp_path / "data" / "reference"
    result = import_sbb_xml([XML], overlay)
    assert result == {"dossiers": 1, "profielen": 1, "werkprocessen": 3}
    import_sbb_xml([XML], overlay)  # again: replaces, does not duplicate
    data = load_reference(MINI, overlay=overlay)
    new = data.qualifications["25999"]
    assert (new.name, new.niveau, new.sectorkamer) == ("Medewerker test", 2, "Sectorkamer zorg, welzijn en sport")
    assert [w.code for k in new.kerntaken for w in k.werkprocessen] == ["B1-K1-W1", "B1-K1-W2", "P1-K1-W1"]
    assert data.qualifications["25486"].kerntaken  # reference dossiers still there


def test_invalid_xml_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<sbb>\n<dossiers>\n<dossier>\n</sbb>\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        import_sbb_xml([bad], tmp_path / "overlay")
    assert info.value.problems[0][0] == str(bad) and info.value.problems[0][1] == 4
    assert not (tmp_path / "overlay").exists()
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="nothing imported"):
        import_sbb_xml([other], tmp_path / "overlay")
