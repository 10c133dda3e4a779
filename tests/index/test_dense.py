from __future__ import annotations

from pathlib import Path

import numpy as np

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
