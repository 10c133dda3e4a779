"""Settings are read from LLO_ variables, and the README documents every one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from llo.cli.config import settings_table
from llo.settings import REPO_ROOT, Settings


def test_env_prefix_and_types(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().port == 8000
    monkeypatch.setenv("LLO_PORT", "8123")
    monkeypatch.setenv("LLO_DATA_DIR", "/tmp/x")
    monkeypatch.setenv("LLO_DATABASE_URL", "postgresql://u@h/db")
    s = Settings()
    assert s.port == 8123
    assert s.data_dir == Path("/tmp/x")
    assert s.store_url == "postgresql://u@h/db"


def test_bad_value_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLO_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_store_url_defaults_to_sqlite_in_data_dir(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path, database_url=None)
    assert s.store_url == f"sqlite:///{(tmp_path / 'llo.sqlite3').resolve()}"
    assert s.index_dir == tmp_path / "index"


def test_readme_documents_every_setting() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"LLO_{name.upper()}" for name in Settings.model_fields if f"`LLO_{name.upper()}`" not in readme]
    assert not missing, f"README settings table lacks {missing}; regenerate with `llo config --markdown`"
    for line in settings_table().splitlines()[2:]:
        assert line.split("|")[1].strip() in readme
