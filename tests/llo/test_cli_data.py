"""`llo data validate | show | import` through the real entry function."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from llo.cli.main import main
from llo.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "skills" / "fixtures"


def test_validate_real_data(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "validate"], settings) == 0
    out = capsys.readouterr().out
    counts = {parts[0]: parts[1] for parts in (row.split() for row in out.splitlines()) if len(parts) == 2}
    assert counts["qualifications"] == "470" and counts["legacy_qualifications"] == "690"
    assert counts["esco_occupations"] == "3039"
    assert int(counts["lineage_newer_codes_linked"]) >= 128 and int(counts["lineage_standalone_qualifications"]) > 50
    assert f"{counts['lineage_conflicts']} lineage conflict(s)" in out
    assert "no problems" in out


def test_show_newer_crebo_with_its_codes(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "show", "crebo", "25656", "--json"], settings) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["status"], shown["crebo"]) == ("newer", "25491")
    assert shown["codes"][:2] == ["25656", "25491"] and shown["qualification"]["current_name"] == "Verzorgende IG"


def test_validate_corrupted_copy(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "ref"
    copy.mkdir()
    for child in settings.reference_dir.iterdir():
        if child.name != "qualifications":
            (copy / child.name).symlink_to(child)
    shutil.copytree(settings.reference_dir / "qualifications", copy / "qualifications")
    path = copy / "qualifications" / "qualifications_legacy_2014.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:3], lines[2], *lines[3:]]), encoding="utf-8")
    broken = settings.model_copy(update={"reference_dir": copy})
    assert main(["data", "validate"], broken) == 1
    out = capsys.readouterr().out
    assert f"{path}:4: duplicate crebo" in out


def test_missing_reference_dir(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = settings.model_copy(update={"reference_dir": tmp_path / "nowhere"})
    assert main(["data", "validate"], missing) == 2
    assert "LLO_REFERENCE_DIR" in capsys.readouterr().err


def test_show_crebo(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "show", "crebo", "25491"], settings) == 0
    out = capsys.readouterr().out
    assert "Verzorgende IG" in out and "23187" in out and "niveau:            3" in out
    assert main(["data", "show", "crebo", "25486", "--json"], settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "current" and data["qualification"]["dossier_crebo"] == "23183"
    assert data["qualification"]["kerntaken"][0]["werkprocessen"][0]["code"] == "B1-K1-W1"
    assert main(["data", "show", "crebo", "94040"], settings) == 0
    out = capsys.readouterr().out
    assert "renumbered" in out and "25078" in out
    assert main(["data", "show", "crebo", "12345"], settings) == 1
    assert "unknown" in capsys.readouterr().out


def test_imports_land_in_data_dir(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "import", "crebo-list", str(FIXTURES / "crebo_lists" / "duo_semicolon_cp1252.csv")],
                settings) == 0
    assert (settings.data_dir / "reference" / "qualifications" / "qualifications.csv").is_file()
    assert main(["data", "import", "sbb-xml", str(FIXTURES / "sbb_dossier.xml")], settings) == 0
    assert main(["data", "import", "esco", str(FIXTURES / "esco_download"), "--lang", "en"], settings) == 0
    assert (settings.data_dir / "reference" / "esco_en" / "occupations_en.csv").is_file()
    capsys.readouterr()
    assert main(["data", "show", "crebo", "25656", "--json"], settings) == 0
    assert json.loads(capsys.readouterr().out)["qualification"]["name"] == "Verzorgende IG"
    assert main(["data", "show", "crebo", "25999"], settings) == 0  # imported from the XML, niveau 2 profile
    assert main(["data", "import", "crebo-list", str(FIXTURES / "crebo_lists" / "broken.csv")], settings) == 2
    assert "broken.csv:2: malformed crebo" in capsys.readouterr().err


def test_import_official_certificate_list(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    lists = FIXTURES / "certificate_lists"
    assert main(["data", "import", "certificates", str(lists / "official_semicolon.csv")], settings) == 0
    assert "certificates: 2" in capsys.readouterr().out
    written = settings.data_dir / "reference" / "certificates" / "certificates.csv"
    assert "officieel (official_semicolon.csv" in written.read_text(encoding="utf-8")
    assert main(["data", "import", "certificates", str(lists / "broken.csv")], settings) == 2
    assert "broken.csv:2: malformed certificaatcode" in capsys.readouterr().err
