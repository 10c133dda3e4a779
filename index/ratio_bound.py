"""RatioBound: an upper bound of rapidfuzz's ``fuzz.ratio`` between one query and many labels, vectorised.

``fuzz.ratio(a, b) = 200 · LCS(a, b) / (len(a) + len(b))`` and a longest common subsequence never holds more
of a character than either string has, so ``200 · Σ_c min(count_a(c), count_b(c)) / (len(a) + len(b))``
bounds it from above. Labels whose bound stays under a cut-off cannot reach it; only the rest need the real
scorer. Per-label character counts are precomputed once (characters × labels, small integers), and a query
costs one vector operation per distinct character it holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np


class RatioBound:
    """Character counts of fixed labels, for :meth:`rows_reaching`."""

    def __init__(self, labels: Sequence[str]) -> None:
        self._code: dict[str, int] = {}
        for label in labels:
            for ch in label:
                self._code.setdefault(ch, len(self._code))
        self._counts = np.zeros((len(self._code), len(labels)), dtype=np.int16)
        for col, label in enumerate(labels):
            for ch, n in Counter(label).items():
                self._counts[self._code[ch], col] = min(n, np.iinfo(np.int16).max)
        self._lengths = np.asarray([len(label) for label in labels], dtype=np.int64)

    def rows_reaching(self, query: str, cutoff: float) -> np.ndarray:
        """Label rows (ascending) whose ratio with ``query`` may reach ``cutoff`` (0..100); every label that
        does reach it is among them."""
        shared = np.zeros(len(self._lengths), dtype=np.int64)
        for ch, n in Counter(query).items():
            code = self._code.get(ch)
            if code is not None:
                shared += np.minimum(self._counts[code], n)
        return np.flatnonzero(200 * shared >= cutoff * (self._lengths + len(query)))
