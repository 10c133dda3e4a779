"""The Encoder seam: asymmetric verbs, L2-normalised float32 vectors (inner product = cosine)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    name: str  # recorded in the index manifest
    dim: int

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        """Encode search queries; returns an (n, dim) float32 array of unit vectors."""

    def encode_document(self, texts: Sequence[str]) -> np.ndarray:
        """Encode documents; returns an (n, dim) float32 array of unit vectors."""
