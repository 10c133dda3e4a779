"""Fusion of the retrieval arms (BM25, dense, fuzzy) and of qualification- and offering-level evidence.

Every arm scores two kinds of document for a query: qualification documents (vocabulary.qualification_text:
name, dossier, werkprocessen, linked ESCO occupations — where people's own words live) and offering
documents (title and page text). An offering's score in one arm is

    OWN_WEIGHT * own_score(offering) + QUAL_WEIGHT * qual_score(mapped crebo)

with both scores normalised to [0, 1] per query (:func:`normalise`). Arms are then fused by a convex
combination with ``ARM_WEIGHTS`` ("convex", the default) or by reciprocal-rank fusion with ``RRF_K``.

How the constants were chosen (docs/benchmarks.md has the figures): coarse grid on the *odd* dev queries
only (weights in steps of 0.1–0.2, RRF k ∈ {10, 60}), checked on the even half; never per query.
Re-checked with the everyday-language lexicon in the documents. A qual_weight of 0.8–0.9 lifts hybrid by ~0.01
on both halves but lifts every single arm more, and leaves an offering's own page — the only thing that
tells two schools' versions of one qualification apart, and invisible to a crebo-level evaluation — a tenth
of the say: qual_weight stays 0.7. Arm weights at 0.7 (steps of 0.1, odd ids): the top region puts little
on fuzzy (its label evidence overlaps BM25's words, and the dense arm reads typo-corrected text);
0.5/0.4/0.1 gives odd 0.880 against 0.872 for the earlier 0.45/0.35/0.2 (grid run with 30 offerings a query;
`llo eval` fetches 100, hence its slightly different figures).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

ARMS = ("bm25", "dense", "fuzzy")


@dataclass(frozen=True)
class FusionConfig:
    """The fusion constants, recorded in the index manifest."""

    method: str = "convex"  # "convex" | "rrf"
    arm_weights: dict[str, float] = field(
        default_factory=lambda: {"bm25": 0.5, "dense": 0.4, "fuzzy": 0.1}
    )
    qual_weight: float = 0.7  # share of an offering's arm score that comes from its qualification
    rrf_k: float = 60.0
    dense_floor_rank: int = 50  # dense scores are normalised against the score at this rank
    niveau_neighbour: float = 0.7  # multiplier for a qualification one level off a level the query states
    niveau_other: float = 0.5  # multiplier for qualifications further off

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def normalise(scores: np.ndarray, floor_rank: int | None = None) -> np.ndarray:
    """Scale scores to [0, 1]: the best becomes 1; the floor (0, or the score at ``floor_rank``) becomes 0.

    A floor rank suits dense cosines, which are never 0 for unrelated text; BM25 uses floor 0.
    """
    if scores.size == 0:
        return scores.astype(np.float32)
    top = float(scores.max())
    floor = 0.0
    if floor_rank is not None and scores.size > floor_rank:
        floor = float(np.partition(scores, -floor_rank)[-floor_rank])
    elif floor_rank is not None:
        floor = float(scores.min())
    if top <= floor:
        return np.zeros_like(scores, dtype=np.float32)
    # In place on one new array: the same float32 figures as clip((scores - floor) / (top - floor)) in
    # a third of the passes over a 100k-long array.
    if scores.dtype != np.float32:
        return np.clip((scores - floor) / (top - floor), 0.0, 1.0).astype(np.float32)
    out: np.ndarray = np.subtract(scores, floor, dtype=np.float32)
    out /= np.float32(top - floor)
    np.clip(out, 0.0, 1.0, out=out)
    return out


def propagate(own: np.ndarray, qual: np.ndarray, crebo_idx: np.ndarray, qual_weight: float) -> np.ndarray:
    """Offering scores from their own (normalised) score and their qualification's.

    ``crebo_idx[i]`` is the row of offering i's mapped qualification in ``qual``, or -1 when unmapped;
    an unmapped offering (a course outside the mbo structure, or one the mapper would not guess) is ranked
    by its own evidence alone, at full weight: capping it at ``1 - qual_weight`` would let any mapped
    offering outrank an exact title match such as "Heftruckcertificaat" for "heftruck".
    """
    # One gather: index -1 (unmapped) reads the appended 0.
    from_qual = np.append(np.asarray(qual, dtype=np.float32), np.float32(0.0))[crebo_idx]
    out: np.ndarray = np.multiply(own, 1.0 - qual_weight, dtype=np.float32)
    out += np.float32(qual_weight) * from_qual
    unmapped = crebo_idx < 0
    out[unmapped] = np.asarray(own, dtype=np.float32)[unmapped]
    return out


def fuse_offerings(own: dict[str, np.ndarray], qual: dict[str, np.ndarray], crebo_idx: np.ndarray,
                   config: FusionConfig) -> np.ndarray:
    """``fuse({arm: propagate(own[arm], qual[arm], ...)}, config)`` for offering scores (one arm: just its
    propagated scores).

    Convex fusion and propagation are both linear, so for ``method == "convex"`` the arms are combined
    first (once over the offerings, once over the qualifications) and propagated once: the same figures
    up to float rounding, at a third of the full-length array passes. RRF works on ranks and takes the
    per-arm route.
    """
    if len(own) == 1:
        arm = next(iter(own))
        return propagate(own[arm], qual[arm], crebo_idx, config.qual_weight)
    if config.method != "convex":
        return fuse({a: propagate(own[a], qual[a], crebo_idx, config.qual_weight) for a in own}, config)
    total = sum(config.arm_weights.get(a, 0.0) for a in own)
    own_sum = np.zeros(len(crebo_idx), dtype=np.float32)
    qual_sum = np.zeros(len(next(iter(qual.values()))), dtype=np.float32)
    for arm in own:
        w = np.float32(config.arm_weights.get(arm, 0.0) / total)
        own_sum += w * own[arm]
        qual_sum += w * qual[arm]
    return propagate(own_sum, qual_sum, crebo_idx, config.qual_weight)


def fuse(arm_scores: dict[str, np.ndarray], config: FusionConfig) -> np.ndarray:
    """Fuse per-arm normalised scores (same length) into one score per document."""
    if not arm_scores:
        raise ValueError("nothing to fuse")
    n = len(next(iter(arm_scores.values())))
    if config.method == "rrf":
        out = np.zeros(n, dtype=np.float32)
        for scores in arm_scores.values():
            order = np.argsort(-scores, kind="stable")
            ranks = np.empty(n, dtype=np.float32)
            ranks[order] = np.arange(1, n + 1, dtype=np.float32)
            contrib = 1.0 / (config.rrf_k + ranks)
            contrib[scores <= 0] = 0.0  # a document an arm did not retrieve gets nothing from it
            out += contrib
        return out
    if config.method != "convex":
        raise ValueError(f"unknown fusion method {config.method!r}")
    total = sum(config.arm_weights.get(a, 0.0) for a in arm_scores)
    out = np.zeros(n, dtype=np.float32)
    for arm, scores in arm_scores.items():
        out += (config.arm_weights.get(arm, 0.0) / total) * scores
    return out


def niveau_factor(niveaus: np.ndarray, wanted: int | None, config: FusionConfig) -> np.ndarray:
    """Per-qualification multiplier for a level the query states; 1 everywhere when it states none."""
    if wanted is None:
        return np.ones(len(niveaus), dtype=np.float32)
    gap = np.abs(niveaus.astype(np.int64) - wanted)
    return np.where(gap == 0, 1.0, np.where(gap == 1, config.niveau_neighbour, config.niveau_other)).astype(
        np.float32
    )
