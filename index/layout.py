"""The layout of an index directory: every file's name, the JSON payloads' reading and writing, and the
manifest that makes the directory describe itself. The builder (:mod:`index.build`) and the engine
(:mod:`index.search`) both go through this module; no other module names a file of the index.

    manifest.json          written last; its presence marks a complete build
    offerings.jsonl        one payload per offering: Offering fields + "mapping" + "qualification" + "places" + "geo"
    qualifications.json    the qualification rows (crebo, name, niveau, opleidingsdomein, leerwegen, n,
                           official skills: Dutch label and source)
    concepts.json          skill concepts linked to qualifications (labels explain results)
    known_words.json       compound-part list of the analyzer
    bm25-offerings/ bm25-qualifications/       bm25s indexes
    dense-offerings.faiss dense-qualifications.faiss dense-concepts.faiss   FAISS indexes, each with its
                           vectors beside it (.npy, memory-mapped at load: index.dense)

Manifest fields: format version, encoder name and dimensions, counts, data hash (offerings + mappings +
qualification texts + encoder), build time and duration, the analyzer and fusion constants.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from index.payloads import read_payloads
from skills.errors import IndexUnavailableError

MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1

OFFERINGS = "offerings.jsonl"
QUALIFICATIONS = "qualifications.json"
CONCEPTS = "concepts.json"
KNOWN_WORDS = "known_words.json"
BM25_OFFERINGS = "bm25-offerings"
BM25_QUALIFICATIONS = "bm25-qualifications"
DENSE_OFFERINGS = "dense-offerings.faiss"
DENSE_QUALIFICATIONS = "dense-qualifications.faiss"
DENSE_CONCEPTS = "dense-concepts.faiss"


def write_offerings(directory: Path, payloads: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line, in row order (row i is the i-th vector of every offering index)."""
    with (directory / OFFERINGS).open("w", encoding="utf-8") as fh:
        for payload in payloads:
            fh.write(json.dumps(payload, ensure_ascii=False) + "\n")


def read_offerings(directory: Path) -> Sequence[dict[str, Any]]:
    """The offering payloads of the index in ``directory``, in row order (memory-mapped and parsed on access
    for a large index: :mod:`index.payloads`)."""
    return read_payloads(directory / OFFERINGS)


def write_rows(directory: Path, name: str, rows: list[dict[str, Any]]) -> None:
    """A JSON list of rows (``QUALIFICATIONS`` or ``CONCEPTS``)."""
    (directory / name).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def read_rows(directory: Path, name: str) -> list[dict[str, Any]]:
    """The JSON list :func:`write_rows` wrote."""
    rows: list[dict[str, Any]] = json.loads((directory / name).read_text(encoding="utf-8"))
    return rows


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
