"""StaticEncoder: the project's own Dutch static-embedding model, trained by `llo model train`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.encoders.transformer import SentenceTransformerEncoder
from skills.errors import IndexUnavailableError

MANIFEST_FILE = "manifest.json"
STATIC_NAME = "static"


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
        raise IndexUnavailableError(f"{path}: unreadable model manifest ({exc}); run `llo model train --force`")
    if "fingerprint" not in manifest:
        raise IndexUnavailableError(f"{path}: manifest has no fingerprint; run `llo model train --force`")
    return manifest


class StaticEncoder(SentenceTransformerEncoder):
    """A sentence-transformers ``StaticEmbedding`` model (token embeddings, mean-pooled, normalised).

    ``name`` is ``static:<fingerprint>`` where the fingerprint is a hash of the trained weights, so an index
    built with one training run is recognised as stale after a retrain with different weights.
    """

    def __init__(self, model_dir: Path, batch_size: int = 256) -> None:
        self.manifest = read_manifest(model_dir)
        super().__init__(
            Path(model_dir), name=f"{STATIC_NAME}:{self.manifest['fingerprint']}", batch_size=batch_size
        )
