from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from index.build import build_index, build_live
from index.layout import read_manifest
from tests.index.conftest import HashEncoder, sample_offerings


def test_manifest_describes_the_index(built_index: Path) -> None:
    m = read_manifest(built_index)
    assert m["encoder"] == "hash-bow-64" and m["dimensions"] == 64
    assert m["counts"]["offerings"] == 8 and m["counts"]["mapped_offerings"] == 7
    assert m["counts"]["qualifications"] == 470
    assert len(m["data_hash"]) == 16 and m["fusion"]["method"] in {"convex", "rrf"}


def test_build_live_swaps_atomically_and_failure_keeps_old(tmp_path: Path, reference: Any,
                                                            vocabulary: Any) -> None:
    live = tmp_path / "index"
    offerings, mappings = sample_offerings()

    def build(out: Path) -> dict[str, Any]:
        return build_index(out, offerings[:3], mappings, reference, vocabulary, HashEncoder())

    first = build_live(live, build)
    assert live.is_symlink() and live.resolve() == first.directory.resolve()
    assert read_manifest(live)["counts"]["offerings"] == 3

    def broken(out: Path) -> dict[str, Any]:
        out.mkdir()
        raise RuntimeError("encoder crashed")

    with pytest.raises(RuntimeError):
        build_live(live, broken)
    assert live.resolve() == first.directory.resolve()
    assert read_manifest(live)["counts"]["offerings"] == 3
    second = build_live(live, build)
    assert live.resolve() == second.directory.resolve() and first.directory.exists()  # one old build kept
    assert not list(tmp_path.glob(".index.tmp-*"))
