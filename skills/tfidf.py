"""A small TF-IDF cosine index over analysed (stemmed) tokens.

Used by the vocabulary (skill-group links) and the mapper (skills similarity between page text and
qualification texts). ``skills/`` must not import ``index/``, and a few hundred documents need no more
than sparse dictionaries and an inverted list.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from skills.text import analyze


class TfidfIndex:
    """Documents keyed by id; ``scores(text)`` returns cosine similarities (0..1) per document id.

    Term weights are sublinear tf (1 + log tf) times smoothed idf, L2-normalised; deterministic.
    """

    def __init__(self, docs: Sequence[tuple[str, str]]) -> None:
        tokenized = [(doc_id, analyze(text)) for doc_id, text in docs]
        df: Counter[str] = Counter()
        for _, toks in tokenized:
            df.update(set(toks))
        n = max(len(tokenized), 1)
        self.idf: dict[str, float] = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self.ids: list[str] = [doc_id for doc_id, _ in tokenized]
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, (_, toks) in enumerate(tokenized):
            for term, weight in self._weights(toks).items():
                self._postings.setdefault(term, []).append((i, weight))

    def _weights(self, tokens: list[str]) -> dict[str, float]:
        tf = Counter(t for t in tokens if t in self.idf)
        raw = {t: (1.0 + math.log(c)) * self.idf[t] for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        return {t: w / norm for t, w in raw.items()}

    def scores(self, text: str) -> dict[str, float]:
        """Cosine similarity of ``text`` to every document sharing at least one term with it."""
        acc: dict[int, float] = {}
        for term, qw in self._weights(analyze(text)).items():
            for i, dw in self._postings.get(term, ()):
                acc[i] = acc.get(i, 0.0) + qw * dw
        return {self.ids[i]: s for i, s in acc.items()}

    def top(self, text: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` most similar document ids, best first (ties broken by id for determinism)."""
        ranked = sorted(self.scores(text).items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:k]
