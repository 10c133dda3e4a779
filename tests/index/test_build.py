from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from index.build import build_index
from index.layout import read_manifest
from index.live import build_live, build_lock, live_target
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


def test_a_killed_build_never_costs_the_good_index(tmp_path: Path, reference: Any, vocabulary: Any) -> None:
    """F9: a build killed after writing part of its directory (no manifest) is removed by the next build,
    and the rollback copy kept is the last complete build."""
    live = tmp_path / "index"
    offerings, mappings = sample_offerings()

    def build(out: Path) -> dict[str, Any]:
        return build_index(out, offerings[:3], mappings, reference, vocabulary, HashEncoder())

    good = build_live(live, build)
    killed = tmp_path / "index-29991231T235959000000Z"  # sorts after every real build, like a later one
    killed.mkdir()
    (killed / "offerings.jsonl").write_text("{}\n")
    (tmp_path / ".index.tmp-29991231T235959000000Z").symlink_to(killed.name)
    newest = build_live(live, build)
    assert live_target(live) == newest.directory.name
    assert good.directory.exists(), "the last complete build is the rollback copy"
    assert read_manifest(good.directory)["counts"]["offerings"] == 3
    assert not killed.exists() and not list(tmp_path.glob(".index.tmp-*"))
    third = build_live(live, build)
    assert sorted(p.name for p in tmp_path.glob("index-*")) == sorted([newest.directory.name, third.directory.name])


def test_one_build_at_a_time(tmp_path: Path) -> None:
    live = tmp_path / "index"
    with build_lock(live) as held:
        assert held
        with build_lock(live, wait=False) as second:
            assert second is False
    with build_lock(live, wait=False) as again:
        assert again
