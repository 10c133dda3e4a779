"""Count-based initial token vectors: truncated SVD of the token × text TF-IDF matrix (classic LSA).

Contrastive training only moves tokens that occur in training pairs; starting from LSA vectors gives every
token a position from the texts it co-occurs in (ESCO and werkproces descriptions), which the pairs then
refine. Deterministic: the randomised SVD (scikit-learn, a sentence-transformers dependency) is seeded.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from tokenizers import Tokenizer


def lsa_token_vectors(tokenizer: Tokenizer, texts: Iterable[str], dim: int, seed: int, std: float) -> np.ndarray:
    """(vocab, dim) float32 token vectors from the SVD of the TF-IDF token × text matrix, scaled so the
    entries have standard deviation ``std``; tokens that never occur get zero vectors."""
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    vocab = tokenizer.get_vocab_size()
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    docs = [t for t in texts if t]
    for j, enc in enumerate(tokenizer.encode_batch(docs, add_special_tokens=False)):
        if not enc.ids:
            continue
        ids, counts = np.unique(np.asarray(enc.ids, dtype=np.int64), return_counts=True)
        rows.append(ids)
        cols.append(np.full(len(ids), j, dtype=np.int64))
        vals.append(1.0 + np.log(counts.astype(np.float32)))
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    val = np.concatenate(vals).astype(np.float32)
    df = np.bincount(row, minlength=vocab).astype(np.float32)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    val *= idf[row]
    # unit-length text columns so long descriptions do not dominate
    norms = np.sqrt(np.bincount(col, weights=val * val, minlength=len(docs))).astype(np.float32)
    val /= np.maximum(norms[col], 1e-9)
    matrix = sparse.csr_matrix((val, (row, col)), shape=(vocab, len(docs)), dtype=np.float32)
    # SVD through the small vocab × vocab Gram matrix: its eigenvalues are the squared singular values,
    # and the range finder's QR then runs on vocab rows instead of (many more) text rows.
    gram = (matrix @ matrix.T).toarray()
    u, eigen, _ = randomized_svd(gram, n_components=dim, n_iter=4, random_state=seed)
    vectors = (u * np.sqrt(np.sqrt(np.maximum(eigen, 0.0)))).astype(np.float32)
    vectors[df == 0] = 0.0
    spread = float(vectors[df > 0].std()) or 1.0
    return np.ascontiguousarray(vectors * (std / spread), dtype=np.float32)
