"""Helpers shared by the reference-data tests: the tiny fixture directory and copies to corrupt.

The fixture files are hand-written, a few rows each, in the official layouts. They are kept under
``fixtures/mini_reference/`` with a ``fixture-`` prefix, so that nothing in the repository carries the
reference data's file names, and are materialised once per test run into a temporary directory laid out as
LLO_REFERENCE_DIR expects.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
_SOURCE = FIXTURES / "mini_reference"
_PREFIX = "fixture-"


def _materialise() -> Path:
    root = Path(tempfile.mkdtemp(prefix="llo-mini-reference-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for src in _SOURCE.rglob(f"{_PREFIX}*"):
        target = root / src.relative_to(_SOURCE).with_name(src.name.removeprefix(_PREFIX))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return root


MINI = _materialise()


def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture reference directory."""
    target = tmp_path / "ref"
    shutil.copytree(MINI, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
