from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.dense import DenseIndex

VECTORS = np.array([[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)


def test_flat_search_filtered_and_round_trip(tmp_path: Path) -> None:
    index = DenseIndex.build(VECTORS)
    q = np.array([0.8, 0.6, 0], dtype=np.float32)
    ids, scores = index.search(q, 2)
    assert ids.tolist() == [2, 0] and np.isclose(scores[0], 0.96)
    allowed = np.array([False, True, False, True])
    ids, _ = index.search(q, 3, allowed)
    assert ids.tolist() == [1, 3]
    assert index.search(q, 3, np.zeros(4, dtype=bool))[0].size == 0
    index.save(tmp_path / "d.faiss")
    loaded = DenseIndex.load(tmp_path / "d.faiss")
    assert loaded.kind == "flat" and np.allclose(loaded.vectors, VECTORS)
    assert np.allclose(loaded.scores_for(q, np.array([0, 3])), [0.8, 0.0])


def test_ivf_above_threshold_filtered_search_is_exact_when_narrow(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors, ann_threshold=1000)
    assert index.kind == "ivf"
    ids, scores = index.search(vectors[7], 5)
    assert ids[0] == 7 and np.isclose(scores[0], 1.0, atol=1e-5)
    for n_allowed in (50, 2500):  # numpy path, then FAISS selector with enough cells probed
        allowed = np.zeros(3000, dtype=bool)
        allowed[rng.choice(3000, n_allowed, replace=False)] = True
        ids, _ = index.search(vectors[7], 10, allowed)
        rows = np.flatnonzero(allowed)
        exact = rows[np.argsort(-(vectors[rows] @ vectors[7]))[:10]]
        assert allowed[ids].all() and len(set(ids) & set(exact)) >= 9
    index.save(tmp_path / "ivf.faiss")
    loaded = DenseIndex.load(tmp_path / "ivf.faiss")
    assert loaded.kind == "ivf" and np.allclose(loaded.vectors, vectors)
    assert loaded.search(vectors[7], 3)[0][0] == 7


def test_vectors_are_memory_mapped_and_an_index_without_them_still_loads(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import index.dense
    from index.dense import vectors_path

    DenseIndex.build(VECTORS).save(tmp_path / "d.faiss")
    assert not isinstance(DenseIndex.load(tmp_path / "d.faiss").vectors, np.memmap)  # small: read
    monkeypatch.setattr(index.dense, "MMAP_MIN_BYTES", 0)
    loaded = DenseIndex.load(tmp_path / "d.faiss")
    assert isinstance(loaded.vectors, np.memmap) and not loaded.vectors.flags.writeable
    vectors_path(tmp_path / "d.faiss").unlink()  # as an index written before the vectors file existed
    rebuilt = DenseIndex.load(tmp_path / "d.faiss")
    assert np.array_equal(rebuilt.vectors, VECTORS)
    q = np.array([0.8, 0.6, 0], dtype=np.float32)
    assert loaded.search(q, 2)[0].tolist() == rebuilt.search(q, 2)[0].tolist() == [2, 0]
