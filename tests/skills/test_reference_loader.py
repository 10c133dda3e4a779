"""The aggregate loader on the real reference data and on corrupted copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.reference import ReferenceData, load_reference, validate_reference
from tests.skills.reference_helpers import MINI, mini_copy, replace_in


@pytest.fixture(scope="module")
def real(reference_dir: Path) -> ReferenceData:
    return load_reference(reference_dir)


def test_real_data_counts(real: ReferenceData) -> None:
    counts = real.counts()
    assert counts["qualifications"] == 470
    assert counts["legacy_qualifications"] == 690
    assert counts["esco_occupations"] == 3039
    assert counts["esco_skill_groups"] == 640
    assert counts["esco_isco_groups"] == 619
    assert counts["dossiers"] == 172
    assert counts["providers"] == 192  # 45 ROCs + 179 KiesMBO institutions, 32 in both
    assert counts["sbb_werkproces_rows"] == 111
    assert counts["qualifications_with_coded_werkprocessen"] == 14
    assert counts["qualifications_with_werkprocessen"] >= 60
    assert counts["geo_postcodes"] == 4064
    assert counts["geo_arbeidsmarktregios"] == 35
    assert counts["esco_skills"] == 0 and counts["esco_occupations_with_skills"] == 0


def test_real_data_is_clean(reference_dir: Path) -> None:
    counts, problems = validate_reference(reference_dir)
    assert problems == []
    assert counts["qualifications"] == 470


def test_real_qualification_has_dossier_and_werkprocessen(real: ReferenceData) -> None:
    vig = real.qualifications["25491"]
    assert (vig.name, vig.niveau, vig.dossier_crebo, vig.dossier) == ("Verzorgende IG", 3, "23187", "Verzorgende IG")
    pmk = real.qualifications["25486"]
    codes = [w.code for k in pmk.kerntaken for w in k.werkprocessen]
    assert "B1-K1-W1" in codes and "P1-K1-W1" in codes
    assert pmk.sectorkamer == "Sectorkamer zorg, welzijn en sport"
    assert all(q.legacy for q in real.legacy.values())
    assert real.gazetteer is not None and real.gazetteer.locate("Den Haag") is not None


def test_missing_directory_gives_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="LLO_REFERENCE_DIR") as info:
        load_reference(tmp_path / "nowhere")
    assert len(info.value.problems) == 1
    with pytest.raises(ReferenceDataError, match="LLO_REFERENCE_DIR"):
        validate_reference(tmp_path / "nowhere")


def _corrupt_copy(reference_dir: Path, tmp_path: Path) -> Path:
    """The real data with a copied (writable) qualifications/ and the rest linked."""
    copy = tmp_path / "ref"
    copy.mkdir()
    for child in reference_dir.iterdir():
        if child.name != "qualifications":
            (copy / child.name).symlink_to(child)
    shutil.copytree(reference_dir / "qualifications", copy / "qualifications")
    return copy


def test_corrupted_real_copy_names_file_and_line(reference_dir: Path, tmp_path: Path) -> None:
    copy = _corrupt_copy(reference_dir, tmp_path)
    path = copy / "qualifications" / "qualifications.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[5])  # duplicate the row of line 6 as the last line
    lines[9] = lines[9].replace(lines[9].split(",", 1)[0], "2549X", 1)  # break the crebo on line 10
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(copy)
    problems = info.value.problems
    assert (str(path), len(lines), f"duplicate crebo {lines[5].split(',')[0]!r} (first at line 6)") in problems
    assert any(p[0] == str(path) and p[1] == 10 and "malformed crebo '2549X'" in p[2] for p in problems)
    assert str(path) in str(info.value)


def test_mini_fixture_is_clean() -> None:
    counts, problems = validate_reference(MINI)
    assert problems == []
    assert counts["qualifications"] == 4 and counts["esco_skills"] == 2
    assert counts["esco_occupation_skill_relations"] == 3


def test_geo_is_optional(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    shutil.rmtree(ref / "geo")
    data = load_reference(ref)
    assert data.gazetteer is None
    assert "geo_postcodes" not in data.counts()


def test_missing_required_file_is_a_problem(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    (ref / "institutions" / "institutions.csv").unlink()
    _counts, problems = validate_reference(ref)
    assert (str(ref / "institutions" / "institutions.csv"), None, "missing file") in problems


def test_overlay_overrides_field_by_field_and_supplements(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    overlay = tmp_path / "overlay"
    (overlay / "qualifications").mkdir(parents=True)
    (overlay / "qualifications" / "qualifications.csv").write_text(
        "crebo,kwalificatie,niveau,leerweg,bol,bbl\n25078,,,BBL,0,1\n25656,Verzorgende IG,3,BOL/BBL,1,1\n",
        encoding="utf-8")
    data = load_reference(ref, overlay=overlay)
    assert data.qualifications["25078"].name == "Betonboorder"  # kept from the reference dir
    assert [lw.value for lw in data.qualifications["25078"].leerwegen] == ["BBL"]  # overridden
    assert data.qualifications["25656"].name == "Verzorgende IG"  # supplemented
    assert load_reference(ref, overlay=tmp_path / "absent").qualifications.keys() == {
        "25078", "25486", "25167", "25503"}


def test_crebo_in_both_lists_is_a_problem(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    replace_in(ref / "qualifications" / "qualifications_legacy_2014.csv", "90000,", "25078,")
    _counts, problems = validate_reference(ref)
    assert any("25078 is in both" in p[2] for p in problems)
