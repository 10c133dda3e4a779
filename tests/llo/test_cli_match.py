"""`llo match FILE --json` through the real entry function (no index built: qualifications only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llo.cli.main import main
from llo.settings import Settings


def test_match_file_json(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "vacature.txt"
    text.write_text("Vacature: onderwijsassistent in het basisonderwijs. Je ondersteunt de leerkracht en begeleidt "
                    "groepjes leerlingen bij rekenen en lezen.", encoding="utf-8")
    assert main(["match", str(text), "--json", "--limit", "3"], settings) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    top = out["qualifications"][0]
    assert (top["crebo"], top["name"]) == ("25698", "Onderwijsassistent") and top["codes"][:2] == ["25698", "25485"]
    assert len(out["qualifications"]) == 3 and out["offerings"] == []
    assert "no offerings" in captured.err


def test_match_errors(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", str(tmp_path / "missing.txt")], settings) == 2
    assert "kan" in capsys.readouterr().err
    empty = tmp_path / "leeg.txt"
    empty.write_text("\n", encoding="utf-8")
    assert main(["match", str(empty)], settings) == 2
    assert "Plak een tekst" in capsys.readouterr().err
