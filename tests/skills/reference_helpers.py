"""Helpers shared by the reference-data tests: the tiny fixture directory and copies to corrupt."""

from __future__ import annotations

import shutil
from pathlib import Path

MINI = Path(__file__).parent / "fixtures" / "mini"
FIXTURES = Path(__file__).parent / "fixtures"


def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture reference directory."""
    target = tmp_path / "ref"
    shutil.copytree(MINI, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
