"""StaticEncoder: the project's own Dutch static-embedding model, trained by `llo model train`.

The model directory is a regular sentence-transformers directory holding one ``StaticEmbedding`` module
(``tokenizer.json`` + ``model.safetensors`` with ``embedding.weight``), so
``SentenceTransformer(model_dir)`` loads it too. Inference here reads those two files directly and does
the same mean-of-token-vectors in numpy: identical vectors, without importing torch — the encoder loads in
milliseconds, which matters for `llo search` and API start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from scipy import sparse
from tokenizers import Tokenizer

from skills.errors import IndexUnavailableError

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
STATIC_NAME = "static"
WEIGHTS_KEY = "embedding.weight"


def read_manifest(model_dir: Path) -> dict[str, Any]:
    """The training manifest of the model in ``model_dir``.

    Raises IndexUnavailableError when the directory holds no complete trained model.
    """
    path = Path(model_dir) / MANIFEST_FILE
    if not path.exists():
        raise IndexUnavailableError(
            f"no trained static model in {model_dir}; run `llo model train` (or set LLO_ENCODER=minilm)"
        )
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexUnavailableError(
            f"{path}: unreadable model manifest ({exc}); run `llo model train --force`"
        ) from None
    if "fingerprint" not in manifest:
        raise IndexUnavailableError(f"{path}: manifest has no fingerprint; run `llo model train --force`")
    return manifest


class StaticEncoder:
    """Token embeddings, mean-pooled, L2-normalised; the same vectors for queries and documents.

    ``name`` is ``static:<fingerprint>`` (a hash of the trained weights), so an index built with one
    training run is recognised as stale after a retrain that changed the weights. A text with no known
    token (e.g. empty) encodes to a zero vector: it matches nothing rather than everything.
    """

    def __init__(self, model_dir: Path) -> None:
        model_dir = Path(model_dir)
        self.manifest = read_manifest(model_dir)
        try:
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            weights = load_file(str(model_dir / "model.safetensors"))[WEIGHTS_KEY]
        except Exception as exc:  # OSError, KeyError, or the bare Exception tokenizers raises on bad JSON
            raise IndexUnavailableError(
                f"static model in {model_dir} is incomplete ({exc}); run `llo model train --force`"
            ) from None
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.model_path = model_dir
        self.dim: int = int(self.weights.shape[1])
        self.name: str = f"{STATIC_NAME}:{self.manifest['fingerprint']}"
        log.info("loaded encoder %s (%d tokens x %d dims)", self.name, self.weights.shape[0], self.dim)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:  # a query: no sparse matrix, the same sums in the same order (token id order)
            ids, counts = np.unique(np.asarray(self.tokenizer.encode(texts[0], add_special_tokens=False).ids,
                                               dtype=np.int64), return_counts=True)
            single = (counts.astype(np.float32)[:, None] * self.weights[ids]).sum(axis=0, keepdims=True,
                                                                                  dtype=np.float32)
            norm = np.linalg.norm(single, axis=1, keepdims=True)
            np.divide(single, norm, out=single, where=norm > 0)
            return np.asarray(single, dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(texts)), lengths)
        # token counts per text as a sparse matrix, times the embedding table: one sparse-dense product
        counts = sparse.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(len(texts), self.weights.shape[0])
        )
        out = np.asarray(counts @ self.weights, dtype=np.float32)
        # mean pooling then normalisation: the division by length cancels out, so only normalise
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        """Encode search queries; (n, dim) float32 unit vectors."""
        return self._encode(texts)

    def encode_document(self, texts: Sequence[str]) -> np.ndarray:
        """Encode documents; (n, dim) float32 unit vectors."""
        return self._encode(texts)
