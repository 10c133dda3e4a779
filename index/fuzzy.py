"""Typo tolerance with rapidfuzz: query words corrected against the index vocabulary, fuzzy label matching.

Two tools:
- :class:`TermCorrector` maps a word the index has never seen ("heftruk", "kinderopfang") to the nearest
  known surface words (normalised Levenshtein similarity ≥ ``MIN_WORD_SIMILARITY``), like a search engine's
  "fuzziness: AUTO"; the lexical arm then scores those words with a weight equal to the similarity.
- :class:`LabelMatcher` scores a query against short labels (qualification names, occupation and
  werkproces labels) with rapidfuzz's WRatio, and also serves typo-tolerant prefix suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from index.ratio_bound import RatioBound
from index.substrings import SuffixIndex
from skills.text import STOP_WORDS

MIN_WORD_SIMILARITY = 0.8  # one edit in a 5-letter word, two in a 10-letter word
MIN_CORRECTABLE_LENGTH = 4
MAX_CORRECTIONS = 2
CORRECTION_CACHE_WORDS = 50_000  # memoised words (a few hundred bytes each)
MIN_LABEL_SCORE = 60.0
MIN_PROBE_CHARS = 4  # shorter words are substrings of too many label tokens to narrow anything
MAX_PROBE_LABELS = 300  # a substring probe selecting more labels than this selects nothing in particular
_WORD_RE = re.compile(r"[a-z0-9]+")


class TermCorrector:
    """Nearest known words for an unknown word. ``vocabulary`` holds normalised surface words."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._known = frozenset(vocabulary)
        # Bucket by length: a word within 20% edit distance differs in length by at most 20%. Sorted, so
        # equally close corrections come out in the same order in every process (set order is per-process).
        self._by_len: dict[int, list[str]] = {}
        for w in sorted(self._known):
            self._by_len.setdefault(len(w), []).append(w)
        self._memo = lru_cache(maxsize=CORRECTION_CACHE_WORDS)(self._corrections)

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def corrections(self, word: str) -> list[tuple[str, float]]:
        """Known words close to ``word`` with similarity in (0, 1]; empty when the word is known or short.

        Memoised per word: the answer depends on the vocabulary only, and query analysis and the evidence
        of one search both ask for the same words."""
        return list(self._memo(word))

    def clear(self) -> None:
        """Forget the memoised corrections."""
        self._memo.cache_clear()

    def _corrections(self, word: str) -> tuple[tuple[str, float], ...]:
        if word in self._known or len(word) < MIN_CORRECTABLE_LENGTH or word.isdigit():
            return ()
        slack = max(1, int(len(word) * (1 - MIN_WORD_SIMILARITY)))
        pool: list[str] = []
        for n in range(len(word) - slack, len(word) + slack + 1):
            pool.extend(self._by_len.get(n, ()))
        if not pool:
            return ()
        found = process.extract(word, pool, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=MIN_WORD_SIMILARITY, limit=MAX_CORRECTIONS)
        return tuple((str(match), float(score)) for match, score, _ in found)


class LabelMatcher:
    """Fuzzy scores of a query against labels; each label belongs to an owner (e.g. a crebo index).

    Scoring every label with WRatio costs ~2 µs a label (≈25 ms for the ~13k distinct labels of the full
    vocabulary with the everyday-language lexicon's job titles and tools), so a query first gathers
    *candidate* labels cheaply (~250 a query on the dev queries) and only those get WRatio:

    - labels sharing a whitespace token other than a stop word with the query (WRatio's token scorers give
      these ≥ 85);
    - labels whose plain ``ratio`` to the query reaches MIN_LABEL_SCORE (one SIMD pass over all labels);
    - labels with a token that contains a query word of ≥ MIN_PROBE_CHARS characters, or a ``hint`` word
      (the caller's typo corrections and stems) — the substring matches WRatio's partial scorers find —
      unless the word occurs inside more than MAX_PROBE_LABELS labels ("werk", "mede").

    A label outside these sets keeps 0. What that drops, measured on the dev queries against WRatio over
    all ~7k labels: ~8 labels per query, nearly all scored 60–75 through character-level partial alignments
    ("opticien" for "elektricien", "danseres" for "draaien"); every other label score is identical, and
    hybrid nDCG@10 did not drop (docs/benchmarks.md). Cost: ~4 ms instead of ~15 ms of CPU a query. Labels
    repeat across owners, so each distinct label is scored once and handed to its owners through
    precomputed index arrays.
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
        by_token: dict[str, list[int]] = {}
        for i, label in enumerate(self._distinct):
            for tok in set(label.split()):
                by_token.setdefault(tok, []).append(i)
        self._tokens = list(by_token)
        self._token_labels = [np.asarray(ids, dtype=np.int64) for ids in by_token.values()]
        self._token_row = {tok: i for i, tok in enumerate(self._tokens)}
        self._token_sizes = np.asarray([len(ids) for ids in self._token_labels], dtype=np.int64)
        self._suffixes = SuffixIndex(self._tokens, MIN_PROBE_CHARS)
        self._bound = RatioBound(self._distinct)
        # Which label tokens contain a word depends on the labels only, like a term dictionary: memoised.
        self._tokens_containing = lru_cache(maxsize=20_000)(self._suffixes.containing)

    def clear(self) -> None:
        """Forget the memoised substring probes."""
        self._tokens_containing.cache_clear()

    def candidates(self, query: str, hints: Iterable[str] = ()) -> np.ndarray:
        """Distinct-label rows worth scoring with WRatio (see the class docstring), ascending."""
        # Plain ratio only where its character-count upper bound can reach the cut-off (the same rows as
        # scoring every label, a tenth of the work).
        maybe = self._bound.rows_reaching(query, MIN_LABEL_SCORE)
        ratio_rows = maybe[np.flatnonzero(process.cdist(
            [query], [self._distinct[i] for i in maybe], scorer=fuzz.ratio, score_cutoff=MIN_LABEL_SCORE,
            dtype=np.uint8, workers=1)[0])] if len(maybe) else maybe
        # A shared stop word ("en", "de", "met") selects thousands of phrase labels and says nothing.
        token_rows = {self._token_row[t] for t in query.split() if t in self._token_row and t not in STOP_WORDS}
        probes = {w for w in (*_WORD_RE.findall(query), *hints) if len(w) >= MIN_PROBE_CHARS and w not in STOP_WORDS}
        for word in probes:
            rows = self._tokens_containing(word)
            # A fragment inside hundreds of labels ("werk", "mede") is no substring evidence for any of them.
            if int(self._token_sizes[list(rows)].sum()) <= MAX_PROBE_LABELS:
                token_rows.update(rows)
        parts = [ratio_rows, *(self._token_labels[r] for r in token_rows)]
        return np.unique(np.concatenate(parts))

    def _distinct_scores(self, query: str, hints: Iterable[str]) -> np.ndarray:
        sims = np.zeros(len(self._distinct), dtype=np.uint8)
        rows = self.candidates(query, hints)
        if len(rows):
            sims[rows] = process.cdist([query], [self._distinct[i] for i in rows], scorer=fuzz.WRatio,
                                       score_cutoff=MIN_LABEL_SCORE, dtype=np.uint8, workers=1)[0]
        return sims

    def owner_scores(self, query: str, hints: Iterable[str] = ()) -> np.ndarray:
        """Best label score (0..1) per owner; labels below MIN_LABEL_SCORE count as 0."""
        out = np.zeros(self.n_owners, dtype=np.float32)
        if not self.labels or not query.strip():
            return out
        sims = self._distinct_scores(query, hints)[self._label_of]
        hit = np.flatnonzero(sims)
        if len(hit):
            np.maximum.at(out, self.owners[hit], sims[hit].astype(np.float32) / 100.0)
        return out

    def label_scores(self, query: str, hints: Iterable[str] = ()) -> np.ndarray:
        """Score (0..100, 0 below MIN_LABEL_SCORE or outside the candidates) of every label."""
        if not self.labels:
            return np.zeros(0, dtype=np.float32)
        return self._distinct_scores(query, hints)[self._label_of].astype(np.float32)


SUGGEST_TYPO_MIN = 4
SUGGEST_TYPO_SCORE = 80


def suggest(prefix: str, labels: Sequence[str], limit: int) -> list[str]:
    """Whole labels for autocomplete (case/accents folded by the caller): labels starting with ``prefix``
    (shortest first), then labels with a later word starting with it, then, for a prefix of at least
    SUGGEST_TYPO_MIN characters, labels whose start is a near spelling of it ("hefturck" → heftruck).
    Matches inside a word ("ik" in "adviseert") are never suggested."""
    if not prefix:
        return []
    starts = sorted((label for label in labels if label.startswith(prefix)), key=len)
    inner = sorted((label for label in labels if not label.startswith(prefix) and f" {prefix}" in label), key=len)
    out = (starts + inner)[:limit]
    if len(out) < limit and len(prefix) >= SUGGEST_TYPO_MIN:
        seen = set(out)
        heads = [label[:len(prefix)] for label in labels]
        near = process.extract(prefix, heads, scorer=fuzz.ratio, score_cutoff=SUGGEST_TYPO_SCORE, limit=limit * 8)
        for _, _, i in sorted(near, key=lambda m: (-m[1], len(labels[m[2]]), labels[m[2]])):
            if labels[i] not in seen and len(out) < limit:
                out.append(labels[i])
                seen.add(labels[i])
    return out
