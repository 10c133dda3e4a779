"""`llo db init|stats|export|import` on a real SQLite file (and PostgreSQL for the JSON Lines round trip)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llo.cli.main import main
from llo.settings import Settings
from skills.codec import offering_to_dict
from skills.model import Leerweg, Offering
from store import open_store


def write_jsonl(path: Path, offerings: list[Offering], insert: dict[int, str] | None = None) -> Path:
    """Offerings as JSON Lines, with ``insert`` lines placed at the given 1-based line numbers."""
    lines = [json.dumps(offering_to_dict(o), ensure_ascii=False) for o in offerings]
    for number, text in sorted((insert or {}).items()):
        lines.insert(number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sample(n: int) -> list[Offering]:
    return [Offering(url=f"https://roc.example/o/{i}", title=f"Opleiding {i} – zorg", provider="ROC Test",
                     leerwegen=[Leerweg.BBL], niveau=2 + i % 3) for i in range(n)]


def content(d: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in d.items() if k not in {"content_hash", "first_seen", "last_seen"}}


def test_init_and_stats(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "stats"], settings) == 2
    assert "llo db init" in capsys.readouterr().err
    assert main(["db", "init"], settings) == 0
    assert "schema version" in capsys.readouterr().out
    assert settings.sqlite_path.exists()
    assert main(["db", "init"], settings) == 0
    assert "already current" in capsys.readouterr().out

    s = open_store(settings.store_url)
    run = s.start_run(["ROC Test"])
    s.finish_run(run, "finished", {"pages": 3})
    s.close()
    assert main(["db", "stats"], settings) == 0
    out = capsys.readouterr().out
    assert "offerings_active" in out and f"#{run.id}" in out and "finished" in out
    assert main(["db", "stats", "--json"], settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["crawl_runs"] == 1 and data["recent_runs"][0]["stats"] == {"pages": 3}


def _round_trip(settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = sample(5)
    src = write_jsonl(tmp_path / "in.jsonl", items, insert={3: ""})  # blank lines are skipped
    assert main(["db", "import", "--jsonl", str(src)], settings) == 0  # initialises the store itself
    assert "5 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert main(["db", "import", "--jsonl", str(src)], settings) == 0
    assert "0 new, 0 changed, 5 unchanged" in capsys.readouterr().out

    out = tmp_path / "exports" / "out.jsonl"
    assert main(["db", "export", "--jsonl", str(out)], settings) == 0
    assert "exported 5 offerings" in capsys.readouterr().out
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in exported] == sorted(o.id for o in items)
    by_id = {o.id: content(offering_to_dict(o)) for o in items}
    assert all(content(d) == by_id[d["id"]] for d in exported)
    assert not (tmp_path / "exports" / "out.jsonl.tmp").exists()

    # Exported lines import as unchanged: export → import is the format between stages.
    assert main(["db", "import", "--jsonl", str(out)], settings) == 0
    assert "5 unchanged" in capsys.readouterr().out


def test_import_export_round_trip_sqlite(settings: Settings, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _round_trip(settings, tmp_path, capsys)


@pytest.mark.postgres
def test_import_export_round_trip_postgres(settings: Settings, postgres_url: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _round_trip(settings.model_copy(update={"database_url": postgres_url}), tmp_path, capsys)


def test_bad_lines_are_named_and_nothing_is_written(settings: Settings, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", sample(2))
    assert main(["db", "import", "--jsonl", str(good)], settings) == 0
    capsys.readouterr()

    changed = sample(4)
    changed[0].title = "changed, but must not be written"
    bad = write_jsonl(tmp_path / "bad.jsonl", changed, insert={
        2: '{"url": "https://x", "title": "X"',
        4: '{"url": "https://x", "title": "X", "provider": "P", "leerwegen": ["avond"]}',
    })
    (tmp_path / "bad.jsonl").write_bytes(bad.read_bytes() + b'{"title": "\xff"}\n')
    assert main(["db", "import", "--jsonl", str(bad)], settings) == 2
    err = capsys.readouterr().err
    assert "3 bad line(s); nothing was imported" in err
    assert f"{bad}:2: not valid JSON" in err
    assert f"{bad}:4: field 'leerwegen': unknown value 'avond'" in err
    assert f"{bad}:7: not UTF-8" in err

    s = open_store(settings.store_url)
    try:
        assert s.count_offerings() == 2
        first = s.get_offering(changed[0].id)
        assert first is not None and first.title == "Opleiding 0 – zorg"
    finally:
        s.close()


def test_missing_file_and_stale_export(settings: Settings, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "import", "--jsonl", str(tmp_path / "nope.jsonl")], settings) == 2
    assert "no such file" in capsys.readouterr().err

    assert main(["db", "import", "--jsonl", str(write_jsonl(tmp_path / "a.jsonl", sample(3)))], settings) == 0
    s = open_store(settings.store_url)
    try:
        run = s.start_run(["ROC Test"])
        assert run.id is not None
        s.upsert_offerings("p", sample(1), run.id)
        s.finish_run(run, "finished", {})
        assert s.mark_stale("ROC Test", run.id, after_runs=1) == 2
    finally:
        s.close()
    capsys.readouterr()
    assert main(["db", "export", "--jsonl", "-"], settings) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["db", "export", "--jsonl", "-", "--include-stale"], settings) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(d["stale"] for d in lines) == [False, True, True]
