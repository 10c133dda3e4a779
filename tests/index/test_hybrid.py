from __future__ import annotations

import numpy as np

from index.hybrid import FusionConfig, fuse, fuse_offerings, niveau_factor, normalise, propagate


def test_normalise_with_and_without_floor() -> None:
    assert normalise(np.array([0.0, 2.0, 4.0])).tolist() == [0.0, 0.5, 1.0]
    assert normalise(np.array([0.3, 0.5, 0.9, 0.4]), floor_rank=2).tolist()[2] == 1.0
    assert normalise(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


def test_propagate_and_fuse() -> None:
    own = np.array([1.0, 0.0, 0.5], dtype=np.float32)
    qual = np.array([0.0, 1.0], dtype=np.float32)
    out = propagate(own, qual, np.array([0, 1, -1]), qual_weight=0.7)
    assert np.allclose(out, [0.3, 0.7, 0.5])  # unmapped (-1): its own evidence at full weight
    cfg = FusionConfig()
    fused = fuse({"bm25": np.array([1.0, 0.0]), "dense": np.array([0.0, 1.0])}, cfg)
    assert fused[0] > fused[1]  # bm25 weighs more than dense
    rrf = fuse({"bm25": np.array([1.0, 0.5, 0.0]), "dense": np.array([0.2, 1.0, 0.0])},
               FusionConfig(method="rrf"))
    assert rrf[2] == 0 and np.isclose(rrf[0], rrf[1])


def test_niveau_factor() -> None:
    cfg = FusionConfig()
    assert niveau_factor(np.array([2, 3, 4]), None, cfg).tolist() == [1, 1, 1]
    f = niveau_factor(np.array([2, 3, 4]), 2, cfg)
    assert f[0] == 1 and f[0] > f[1] > f[2]


def test_fuse_offerings_equals_propagating_each_arm_then_fusing() -> None:
    rng = np.random.default_rng(1)
    own = {a: rng.random(50).astype(np.float32) for a in ("bm25", "dense", "fuzzy")}
    qual = {a: rng.random(4).astype(np.float32) for a in own}
    crebo_idx = rng.integers(-1, 4, 50)
    for cfg in (FusionConfig(), FusionConfig(method="rrf")):
        expected = fuse({a: propagate(own[a], qual[a], crebo_idx, cfg.qual_weight) for a in own}, cfg)
        assert np.allclose(fuse_offerings(own, qual, crebo_idx, cfg), expected, atol=1e-6)
    single = fuse_offerings({"dense": own["dense"]}, {"dense": qual["dense"]}, crebo_idx, FusionConfig())
    assert np.array_equal(single, propagate(own["dense"], qual["dense"], crebo_idx, 0.7))
