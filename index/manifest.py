"""The index manifest: what an index directory holds and how it was built (it describes itself).

``manifest.json`` is written last during a build, so a directory without it is incomplete and is never
loaded. Fields: format version, encoder name and dimensions, counts, data hash (offerings + mappings +
qualification texts + encoder), build time and duration, the analyzer and fusion constants.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skills.errors import IndexUnavailableError

MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1


def write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` (atomically, via a temp file) into ``directory``."""
    tmp = directory / (MANIFEST_FILE + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    tmp.replace(directory / MANIFEST_FILE)


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of the index in ``directory``.

    Raises IndexUnavailableError when the directory is missing, incomplete or of another format version.
    """
    path = Path(directory) / MANIFEST_FILE
    if not path.exists():
        raise IndexUnavailableError(f"no complete index at {directory}; run `llo index build`")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexUnavailableError(f"{path}: unreadable index manifest ({exc}); run `llo index build`") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexUnavailableError(
            f"{path}: index format {manifest.get('format')!r}, this version reads {FORMAT_VERSION}; "
            "run `llo index build`"
        )
    return manifest


def check_encoder(manifest: dict[str, Any], encoder_name: str, dim: int, where: Path) -> None:
    """Raise IndexUnavailableError when the index was built with another encoder than the one loaded."""
    if manifest.get("encoder") != encoder_name or int(manifest.get("dimensions", -1)) != dim:
        raise IndexUnavailableError(
            f"index at {where} was built with encoder {manifest.get('encoder')!r} "
            f"({manifest.get('dimensions')} dims), but {encoder_name!r} ({dim} dims) is loaded; "
            "run `llo index build`"
        )
