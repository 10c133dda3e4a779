"""`llo extract` prints the documented JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llo.cli.main import main
from llo.settings import Settings

KEYS = ["title", "provider", "offering_type", "crebo_stated", "leerwegen", "niveau", "locations", "duration",
        "price_eur", "start_dates", "target_group"]


def test_extract_json_html(tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "kok.html"
    page.write_text("<html><head><title>Kok | ROC Test</title></head><body><main><h1>Kok</h1><dl><dt>Leerweg</dt>"
                    "<dd>BBL</dd><dt>Niveau</dt><dd>Entree</dd><dt>Startdatum</dt><dd>1 september 2027</dd></dl>"
                    "<p>Deze opleiding</p></main></body></html>", encoding="utf-8")
    assert main(["extract", str(page), "--url", "https://roc.example.nl/opleidingen/kok", "--json"], settings) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["is_offering", "offerings"] and out["is_offering"] is True
    (o,) = out["offerings"]
    assert list(o) == KEYS
    assert (o["leerwegen"], o["niveau"], o["start_dates"]) == (["BBL"], 1, ["2027-09-01"])


def test_extract_text_summary_and_missing_file(tmp_path: Path, settings: Settings,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "kosten.txt"
    page.write_text("Kosten en lesgeld\nLesgeld BOL € 1.137,- per jaar.\n", encoding="utf-8")
    assert main(["extract", str(page), "--url", "https://roc.example.nl/kosten"], settings) == 0
    assert "not an offering page" in capsys.readouterr().out
    assert main(["extract", str(tmp_path / "missing.html")], settings) == 2
