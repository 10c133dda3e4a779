"""SuffixIndex: which of a fixed list of tokens contain a given word, by binary search over their suffixes.

The label matcher (:mod:`index.fuzzy`) probes label tokens for query words as substrings ("heftruck" in
"heftruckchauffeur"). A scan of all tokens per probe cost ~0.3 ms a word; the sorted suffixes answer it in
O(log n + matches), with exactly the same tokens (a word of at least ``min_chars`` characters occurs in a
token iff it is a prefix of one of the token's suffixes of at least ``min_chars`` characters).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np

_AFTER_ALL = chr(0x10FFFF)  # sorts after every character a word can hold


class SuffixIndex:
    """Sorted suffixes (of at least ``min_chars`` characters) of ``tokens``, each with its token's row."""

    def __init__(self, tokens: Sequence[str], min_chars: int) -> None:
        self.min_chars = min_chars
        pairs = sorted((tok[i:], row) for row, tok in enumerate(tokens) for i in range(len(tok) - min_chars + 1))
        self._suffixes = [s for s, _ in pairs]
        self._owner = np.asarray([row for _, row in pairs], dtype=np.int64)

    def containing(self, word: str) -> tuple[int, ...]:
        """Rows of the tokens that contain ``word`` (ascending); words shorter than ``min_chars`` are not
        indexed and find nothing."""
        if len(word) < self.min_chars:
            return ()
        lo = bisect_left(self._suffixes, word)
        hi = bisect_left(self._suffixes, word + _AFTER_ALL, lo)
        if lo == hi:
            return ()
        return tuple(np.unique(self._owner[lo:hi]).tolist())
