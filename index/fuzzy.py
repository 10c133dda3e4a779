"""Typo tolerance with rapidfuzz: query words corrected against the index vocabulary, fuzzy label matching.

Two tools:
- :class:`TermCorrector` maps a word the index has never seen ("heftruk", "kinderopfang") to the nearest
  known surface words (normalised Levenshtein similarity ≥ ``MIN_WORD_SIMILARITY``), like a search engine's
  "fuzziness: AUTO"; the lexical arm then scores those words with a weight equal to the similarity.
- :class:`LabelMatcher` scores a query against short labels (qualification names, occupation and
  werkproces labels) with rapidfuzz's WRatio, and also serves typo-tolerant prefix suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

MIN_WORD_SIMILARITY = 0.8  # one edit in a 5-letter word, two in a 10-letter word
MIN_CORRECTABLE_LENGTH = 4
MAX_CORRECTIONS = 2
MIN_LABEL_SCORE = 60.0


class TermCorrector:
    """Nearest known words for an unknown word. ``vocabulary`` holds normalised surface words."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._known = frozenset(vocabulary)
        # Bucket by length: a word within 20% edit distance differs in length by at most 20%. Sorted, so
        # equally close corrections come out in the same order in every process (set order is per-process).
        self._by_len: dict[int, list[str]] = {}
        for w in sorted(self._known):
            self._by_len.setdefault(len(w), []).append(w)

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def corrections(self, word: str) -> list[tuple[str, float]]:
        """Known words close to ``word`` with similarity in (0, 1]; empty when the word is known or short."""
        if word in self._known or len(word) < MIN_CORRECTABLE_LENGTH or word.isdigit():
            return []
        slack = max(1, int(len(word) * (1 - MIN_WORD_SIMILARITY)))
        pool: list[str] = []
        for n in range(len(word) - slack, len(word) + slack + 1):
            pool.extend(self._by_len.get(n, ()))
        if not pool:
            return []
        found = process.extract(word, pool, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=MIN_WORD_SIMILARITY, limit=MAX_CORRECTIONS)
        return [(str(match), float(score)) for match, score, _ in found]


class LabelMatcher:
    """Fuzzy scores of a query against labels; each label belongs to an owner (e.g. a crebo index).

    Labels repeat across owners (one occupation linked to several qualifications), so each distinct label
    is scored once per query and its score handed to every owner through precomputed index arrays.
    """

    def __init__(self, labels: Sequence[str], owners: Sequence[int], n_owners: int) -> None:
        if len(labels) != len(owners):
            raise ValueError("labels and owners differ in length")
        self.labels = list(labels)
        self.owners = np.asarray(owners, dtype=np.int64)
        self.n_owners = n_owners
        slot: dict[str, int] = {}
        self._label_of = np.asarray([slot.setdefault(label, len(slot)) for label in self.labels], dtype=np.int64)
        self._distinct = list(slot)

    def _distinct_scores(self, query: str) -> np.ndarray:
        return process.cdist([query], self._distinct, scorer=fuzz.WRatio, score_cutoff=MIN_LABEL_SCORE,
                             dtype=np.uint8, workers=1)[0]

    def owner_scores(self, query: str) -> np.ndarray:
        """Best label score (0..1) per owner; labels below MIN_LABEL_SCORE count as 0."""
        out = np.zeros(self.n_owners, dtype=np.float32)
        if not self.labels or not query.strip():
            return out
        sims = self._distinct_scores(query)[self._label_of]
        hit = np.flatnonzero(sims)
        if len(hit):
            np.maximum.at(out, self.owners[hit], sims[hit].astype(np.float32) / 100.0)
        return out

    def label_scores(self, query: str) -> np.ndarray:
        """Score (0..100, 0 below MIN_LABEL_SCORE) of every label."""
        if not self.labels:
            return np.zeros(0, dtype=np.float32)
        return self._distinct_scores(query)[self._label_of].astype(np.float32)


def suggest(prefix: str, labels: Sequence[str], limit: int) -> list[str]:
    """Labels starting with ``prefix`` (case/accents folded by the caller), then typo-tolerant matches."""
    if not prefix:
        return []
    starts = [label for label in labels if label.startswith(prefix)]
    starts.sort(key=len)
    out = starts[:limit]
    if len(out) < limit:
        scored = process.extract(prefix, labels, scorer=fuzz.partial_ratio, score_cutoff=80,
                                 limit=limit * 3)
        seen = set(out)
        for label, _score, _ in scored:
            if label not in seen:
                out.append(str(label))
                seen.add(str(label))
            if len(out) >= limit:
                break
    return out
