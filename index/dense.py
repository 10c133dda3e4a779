"""Dense retrieval: FAISS inner product over unit vectors (inner product = cosine).

Exact flat search up to ``HNSW_THRESHOLD`` vectors; above it an HNSW graph keeps single-query latency low
(the 100k benchmark in docs/benchmarks.md). Filtered search passes the allowed ids to FAISS as a selector
so a filter never shrinks the result below what exists (no post-filtering of a fixed top-k).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

HNSW_THRESHOLD = 200_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


class DenseIndex:
    """A FAISS index plus the vectors it holds (kept for exact re-scoring of any subset)."""

    def __init__(self, index: faiss.Index, vectors: np.ndarray) -> None:
        self._index = index
        self.vectors = vectors
        self.dim = int(vectors.shape[1]) if vectors.ndim == 2 else 0

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Index ``vectors`` ((n, dim) float32, unit rows); flat below HNSW_THRESHOLD, HNSW above."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError(f"expected an (n, dim) matrix, got shape {vectors.shape}")
        dim = vectors.shape[1]
        index: faiss.Index
        if len(vectors) > HNSW_THRESHOLD:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        else:
            index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(vectors)
        return cls(index, vectors)

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self._index, faiss.IndexHNSWFlat) else "flat"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        index = faiss.read_index(str(path))
        n, dim = index.ntotal, index.d
        vectors = index.reconstruct_n(0, n) if n else np.zeros((0, dim), dtype=np.float32)
        if isinstance(index, faiss.IndexHNSWFlat):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index, np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (ids, scores) for one unit query vector, best first.

        ``allowed`` is a boolean mask over all vectors; only those may be returned.
        """
        n = len(self)
        k = min(k, n)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if allowed is not None:
            if not allowed.any():
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            if allowed.all():
                allowed = None
        if allowed is None:
            scores, ids = self._index.search(q, k)
        else:
            if self.kind == "flat" or allowed.sum() <= 4 * k:
                # Small allowed sets: exact scoring of just those rows is cheaper and exact.
                rows = np.flatnonzero(allowed)
                sims = self.vectors[rows] @ q[0]
                top = np.argsort(-sims)[:k]
                return rows[top].astype(np.int64), sims[top].astype(np.float32)
            bitmap = np.packbits(allowed.astype(np.uint8), bitorder="little")
            selector = faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap))
            params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
            scores, ids = self._index.search(q, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)

    def scores_for(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosine of the query with the given rows."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        return (self.vectors[rows] @ query.reshape(-1).astype(np.float32)).astype(np.float32)
