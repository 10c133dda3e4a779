from __future__ import annotations

import json
from contextlib import closing

import pytest

from llo.cli.main import main
from llo.settings import Settings
from skills.model import Offering
from store import open_store


def test_map_writes_mappings(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    settings.data_dir.mkdir(parents=True)
    offerings = [Offering(url="https://a.example.nl/kok", title="Kok", provider="A", crebo_stated="25180"),
                 Offering(url="https://a.example.nl/dag", title="Open dag", provider="A")]
    with closing(open_store(settings.store_url)) as store:
        store.init()
        for o in offerings:
            store.upsert_offerings(o.url, [o], None)
    assert main(["map", "--json"], settings=settings) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["offerings"] == 2 and summary["mapped"] == 1 and summary["unmapped"] == 1
    assert summary["methods"] == {"crebo": 1, "unmapped": 1}
    with closing(open_store(settings.store_url)) as store:
        saved = store.mappings()
    assert saved[offerings[0].id].crebo == "25180" and saved[offerings[1].id].crebo is None


def test_vocab_coverage_and_show(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocab", "coverage", "--json"], settings=settings) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["qualifications"] == len(report["qualifications"]) > 400
    assert main(["vocab", "show", "25486"], settings=settings) == 0
    assert "Pedagogisch medewerker kinderopvang" in capsys.readouterr().out
    assert main(["vocab", "show", "99999"], settings=settings) == 2
