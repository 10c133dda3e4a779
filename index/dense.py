"""Dense retrieval: FAISS inner product over unit vectors (inner product = cosine).

Exact flat search up to ``ANN_THRESHOLD`` vectors; above it an inverted-file index (IVF, k-means cells)
keeps single-query latency low. IVF rather than HNSW because it builds in about a second at 100k vectors
on two cores (HNSW M=32: ~13 s) at the same latency and recall (bench figures in docs/benchmarks.md:
recall@200 against exact search ≈ 0.99 with ``IVF_NPROBE`` cells probed). Indexes written earlier as
HNSW still load and search.

Filtered search never post-filters a fixed top-k: on a flat index, or when a filter leaves at most
``EXACT_FILTERED_MAX_GATHER`` vectors, just those rows are scored exactly; otherwise the allowed ids go to
FAISS as a selector, and IVF probes more cells the narrower the filter: a filter passing at most
``IVF_NPROBE``/nlist of the vectors makes it probe every cell, which is an exact search over the allowed
vectors (distances are computed for allowed vectors only).
"""

from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np

ANN_THRESHOLD = 50_000
IVF_NPROBE = 32
EXACT_FILTERED_MAX_GATHER = 2_000  # ANN indexes: a filter this narrow is scored exactly with numpy
HNSW_EF_SEARCH = 128  # for HNSW indexes built by earlier versions
MMAP_MIN_BYTES = 32 * 1024 * 1024  # vector files above this are memory-mapped, smaller ones read


def vectors_path(index_path: Path) -> Path:
    """Where the vectors of the FAISS index at ``index_path`` are kept (``.npy`` beside it)."""
    return index_path.with_suffix(".npy")


def _nlist(n: int) -> int:
    """IVF cell count: about sqrt(n), each cell then holds ~sqrt(n) vectors."""
    return max(16, int(round(math.sqrt(n))))


class DenseIndex:
    """A FAISS index plus the vectors it holds (kept for exact re-scoring of any subset)."""

    def __init__(self, index: faiss.Index, vectors: np.ndarray) -> None:
        self._index = index
        self.vectors = vectors
        self.dim = int(vectors.shape[1]) if vectors.ndim == 2 else 0

    @classmethod
    def build(cls, vectors: np.ndarray, ann_threshold: int = ANN_THRESHOLD) -> DenseIndex:
        """Index ``vectors`` ((n, dim) float32, unit rows); flat up to ``ann_threshold`` vectors, IVF above."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError(f"expected an (n, dim) matrix, got shape {vectors.shape}")
        dim = vectors.shape[1]
        index: faiss.Index
        if len(vectors) > ann_threshold:
            index = faiss.index_factory(dim, f"IVF{_nlist(len(vectors))},Flat", faiss.METRIC_INNER_PRODUCT)
            index.train(vectors)  # k-means with FAISS's fixed seed: the same vectors give the same cells
            faiss.extract_index_ivf(index).nprobe = IVF_NPROBE
        else:
            index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(vectors)
        return cls(index, vectors)

    @property
    def kind(self) -> str:
        if isinstance(self._index, faiss.IndexHNSWFlat):
            return "hnsw"
        return "ivf" if isinstance(self._index, faiss.IndexIVF) else "flat"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def save(self, path: Path) -> None:
        """Write the FAISS index to ``path`` and the vectors beside it (:func:`vectors_path`)."""
        faiss.write_index(self._index, str(path))
        np.save(vectors_path(path), self.vectors)

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        """Load the FAISS index, and the vectors memory-mapped (``np.load(mmap_mode="r")``): every worker
        process reads the same page-cache copy instead of reconstructing its own. (FAISS's own IO_FLAG_MMAP
        was measured too: IVF search over mapped lists took 1.2 ms instead of 0.4 ms at 100k, so the index
        itself stays in memory.) An index written without the vectors file is reconstructed as before."""
        vec_file = vectors_path(path)
        if vec_file.exists():
            index = faiss.read_index(str(path))
            # Mapped when large (shared between workers); a small index is simply read (no page faults).
            vectors = np.load(vec_file, mmap_mode="r" if vec_file.stat().st_size > MMAP_MIN_BYTES else None)
            if vectors.shape != (index.ntotal, index.d) or vectors.dtype != np.float32:
                raise ValueError(f"{vec_file} does not match {path}")
            if isinstance(index, faiss.IndexIVF):
                index.nprobe = IVF_NPROBE
            if isinstance(index, faiss.IndexHNSWFlat):
                index.hnsw.efSearch = HNSW_EF_SEARCH
            return cls(index, vectors)
        index = faiss.read_index(str(path))
        n, dim = index.ntotal, index.d
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = IVF_NPROBE
            index.make_direct_map()  # lets reconstruct_n read the vectors back
        if isinstance(index, faiss.IndexHNSWFlat):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        vectors = index.reconstruct_n(0, n) if n else np.zeros((0, dim), dtype=np.float32)
        return cls(index, np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (ids, scores) for one unit query vector, best first (ties: lower id first).

        ``allowed`` is a boolean mask over all vectors; only those may be returned.
        """
        n = len(self)
        k = min(k, n)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        rows: np.ndarray | None = None
        if allowed is not None:
            rows = np.flatnonzero(allowed)
            if len(rows) == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            if len(rows) == n:
                rows = None
        if self.kind == "flat" or (rows is not None and len(rows) <= EXACT_FILTERED_MAX_GATHER):
            # One numpy matrix-vector product: exact, and (unlike FAISS's flat search for a single query,
            # which pays OpenMP start-up on every call) cheap at the sizes a flat index holds.
            return self._exact(q[0], k, np.arange(n) if rows is None else rows)
        if rows is None:
            scores, ids = self._index.search(q, k)
        else:
            bitmap = np.packbits(np.asarray(allowed, dtype=np.uint8), bitorder="little")
            selector = faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap))
            params: faiss.SearchParameters
            if self.kind == "ivf":
                # Probe as many cells as hold IVF_NPROBE cells' worth of *allowed* vectors: a narrow filter
                # probes every cell, i.e. an exact search that computes distances for allowed vectors only.
                nlist = int(faiss.extract_index_ivf(self._index).nlist)
                nprobe = min(nlist, int(math.ceil(IVF_NPROBE * n / len(rows))))
                params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)  # type: ignore[call-arg]
            else:
                params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                    sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
            scores, ids = self._index.search(q, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)

    def _exact(self, q: np.ndarray, k: int, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k among ``rows`` (sorted row ids)."""
        # Gathering many rows copies more memory than scoring all of them once.
        if len(rows) == len(self.vectors):
            sims = self.vectors @ q
        elif 4 * len(rows) < len(self.vectors):
            sims = self.vectors[rows] @ q
        else:
            sims = (self.vectors @ q)[rows]
        k = min(k, len(rows))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
        top = top[np.lexsort((rows[top], -sims[top]))]
        return rows[top].astype(np.int64), sims[top].astype(np.float32)

    def scores_for(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosine of the query with the given rows."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self.vectors[rows] @ query.reshape(-1).astype(np.float32), dtype=np.float32)
