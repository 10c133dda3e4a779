"""The official ESCO CSV download → esco_<lang>/ in the overlay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.importers.esco_csv import import_esco
from skills.reference import load_reference
from skills.reference.esco import EscoData, load_esco
from skills.reference.table import ReferenceFiles
from skills.reference.validation import ProblemLog
from tests.skills.reference_helpers import FIXTURES, MINI

DOWNLOAD = FIXTURES / "esco_download"
OCC = "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000001"
SKILL = "http://data.europa.eu/esco/skill/00000000-0000-4000-a000-000000000001"


def test_import_english_tables(tmp_path: Path) -> None:
    written = import_esco(DOWNLOAD, tmp_path, language="en")
    assert written == {"occupations": 1, "skills": 1, "occupationSkillRelations": 1}
    assert (tmp_path / "esco_en" / "skills_en.csv").is_file()
    assert not (tmp_path / "esco_en" / "conceptSchemes_en.csv").exists()
    log = ProblemLog()
    esco: EscoData = load_esco(ReferenceFiles(tmp_path / "nowhere", tmp_path), log, "en")
    assert esco.occupations[0].alt_labels == ("classroom assistant", "teacher aide")
    assert esco.occupation_skills == {OCC: [SKILL]}


def test_import_dutch_skills_is_read_by_the_loader(tmp_path: Path) -> None:
    download = tmp_path / "download"
    download.mkdir()
    for name in ("skills", "occupationSkillRelations"):
        shutil.copy(DOWNLOAD / f"{name}_en.csv", download / f"{name}_nl.csv")
    overlay = tmp_path / "overlay"
    import_esco(download, overlay, language="nl")
    ref = tmp_path / "ref"
    shutil.copytree(MINI, ref)
    for name in ("skills", "occupationSkillRelations"):
        (ref / "esco_nl" / f"{name}_nl.csv").unlink()
    data = load_reference(ref, overlay=overlay)
    assert [s.label for s in data.esco_skills] == ["advise customers"]
    assert data.occupation_skills == {OCC: [SKILL]}


def test_import_rejects_bad_files(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="no ESCO tables"):
        import_esco(tmp_path, tmp_path / "out")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "skills_nl.csv").write_text("conceptUri,preferredLabel\nx,y\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        import_esco(bad, tmp_path / "out")
    assert info.value.problems[0][:2] == (str(bad / "skills_nl.csv"), 1)
    assert not (tmp_path / "out").exists()
    with pytest.raises(ReferenceDataError, match="language"):
        import_esco(DOWNLOAD, tmp_path / "out", language="../x")
