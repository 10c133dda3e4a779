"""Lexical retrieval: Dutch analysis (stemming, stop words, compound splitting) and BM25 via bm25s.

The analyzer turns text into stemmed terms. Dutch writes compounds as one word ("heftruckchauffeur",
"zonnepanelen"), so a word that splits into two known words also yields the parts' stems; the known-word
list is the corpus vocabulary, stored with the index so queries split exactly like documents.

Stemmer choice (measured, see docs/benchmarks.md): PyStemmer offers ``dutch`` (Snowball 3's newer Dutch
stemmer) and ``dutch_porter`` (the classic Snowball Dutch stemmer). ``DEFAULT_STEMMER`` records the pick.

BM25 scoring uses bm25s to build the sparse term→document score matrix (Lucene variant); querying reads that
matrix directly so each query term can carry its own weight (fuzzy corrections count less than typed terms).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np

from skills.text import STOP_WORDS, expand_tokens, split_compound, stem, tokenize

DEFAULT_STEMMER = "dutch"
BM25_K1 = 1.2
BM25_B = 0.75

# Query-side filler that carries no topic in this domain (on top of the general Dutch stop words).
# Chosen from the domain (course pages, search phrasing), not from any evaluation query.
_DOMAIN_STOPWORDS = frozenset({
    "opleiding", "opleidingen", "cursus", "cursussen", "training", "trainingen", "leren", "worden", "zoek",
    "zoeken", "zoekt", "wil", "willen", "graag", "iets", "goed", "welke", "waar", "zou", "kunnen",
    "mogelijk", "mbo", "niveau", "erg", "heel", "echt", "gewoon", "beetje", "a", "an", "the", "and", "or",
    "of", "to", "in", "for", "with", "i", "me", "my", "is", "are",
})
STOPWORDS = STOP_WORDS | _DOMAIN_STOPWORDS
# Filler nouns people glue onto a topic ("lasopleiding", "kappersopleiding", "heftruckcursus"): known tails
# for compound splitting, so the topic part is found, but never terms themselves.
_FILLER_TAILS = frozenset({"opleiding", "opleidingen", "cursus", "cursussen", "training", "trainingen"})

_MIN_PART = 3
TERMS_CACHE_TEXTS = 8_192  # memoised texts per analyzer (queries, names, titles of shown offerings)
_MIN_SPLIT = 7


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (skills.text), abbreviations followed by their expansion."""
    return expand_tokens(tokenize(text))


class Analyzer:
    """Text → stemmed terms, with compound splitting against a known-word list.

    ``known_words`` are surface words (normalised, unstemmed) that may be compound parts; without them no
    splitting happens. The analyzer is deterministic and picklable as ``(stemmer, known_words)``.
    """

    def __init__(self, stemmer: str = DEFAULT_STEMMER, known_words: Iterable[str] = ()) -> None:
        self.stemmer_name = stemmer
        self.known_words = frozenset(w for w in known_words if len(w) >= _MIN_PART and w not in STOPWORDS)
        self._lexicon = self.known_words | _FILLER_TAILS if self.known_words else self.known_words
        self._split = lru_cache(maxsize=200_000)(self._split_uncached)
        self._terms_memo = lru_cache(maxsize=TERMS_CACHE_TEXTS)(self._terms_tuple)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        """Compound parts of ``word`` against the known words (:func:`skills.text.split_compound`), filler
        tails left out ("lasopleiding" → ("las",))."""
        return tuple(p for p in split_compound(word, self._lexicon) if p not in _FILLER_TAILS)

    def terms(self, text: str) -> list[str]:
        """Stemmed content terms of ``text``: stop words dropped, compound parts appended (memoised per
        text: queries, qualification names and hit titles repeat)."""
        return list(self._terms_memo(text))

    def clear(self) -> None:
        """Forget the memoised analysed texts (compound splits are kept: they are part of the vocabulary)."""
        self._terms_memo.cache_clear()

    def _terms_tuple(self, text: str) -> tuple[str, ...]:
        return tuple(self.terms_of_words(words(text)))

    def terms_of_words(self, word_list: Iterable[str]) -> list[str]:
        """:meth:`terms` for text already split by :func:`words` (a build splits each text once)."""
        out: list[str] = []
        for w in word_list:
            if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
                continue
            out.append(stem(w, self.stemmer_name))
            for part in self._split(w):
                out.append(stem(part, self.stemmer_name))
        return out

    def content_words(self, text: str) -> list[str]:
        """Unstemmed non-stop words (for typo correction and explanations)."""
        return [w for w in words(text) if w not in STOPWORDS and len(w) >= 2]


def known_words_from(texts: Iterable[str], min_count: int = 2) -> list[str]:
    """Words seen at least ``min_count`` times in ``texts``: the compound-part list for an Analyzer."""
    return known_words_from_words(((words(text), 1) for text in texts), min_count)


def known_words_from_words(word_lists: Iterable[tuple[Sequence[str], int]], min_count: int = 2) -> list[str]:
    """:func:`known_words_from` for texts already split by :func:`words`, each with how often the text
    occurs (a build analyses each distinct text once; the counts stay those of the full corpus)."""
    counts: Counter[str] = Counter()
    for word_list, times in word_lists:
        if times == 1:
            counts.update(word_list)
        else:
            for w, c in Counter(word_list).items():
                counts[w] += c * times
    return sorted(w for w, c in counts.items() if c >= min_count and len(w) >= _MIN_PART and not w.isdigit())


class LexicalIndex:
    """BM25 over a fixed list of documents; scores for every document in one sparse pass."""

    def __init__(self, retriever: bm25s.BM25) -> None:
        self._bm25 = retriever
        self.vocab: dict[str, int] = {str(k): int(v) for k, v in retriever.vocab_dict.items()}
        self.n_docs = int(retriever.scores["num_docs"])
        # asarray keeps a memory-mapped array mapped when its dtype already fits (no copy).
        self._data = np.asarray(retriever.scores["data"], dtype=np.float32)
        self._indices = np.asarray(retriever.scores["indices"])
        self._indptr = np.asarray(retriever.scores["indptr"], dtype=np.int64)

    @classmethod
    def build(cls, docs_terms: Sequence[list[str]]) -> LexicalIndex:
        """Index pre-analysed documents (lists of terms, as from :meth:`Analyzer.terms`)."""
        retriever = bm25s.BM25(method="lucene", k1=BM25_K1, b=BM25_B)
        # An empty document would make bm25s drop it from the vocabulary pass; "" is its placeholder term.
        retriever.index([terms or [""] for terms in docs_terms], show_progress=False)
        return cls(retriever)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        # Memory-mapped: the score matrix is read-only, and workers then share one page-cache copy.
        return cls(bm25s.BM25.load(str(directory), mmap=True))

    def scores(self, weighted_terms: dict[str, float]) -> np.ndarray:
        """BM25 score of every document for terms with weights (1.0 = an ordinary query term)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        self.add_scores(out, weighted_terms)
        return out

    def add_scores(self, out: np.ndarray, weighted_terms: dict[str, float]) -> None:
        """Add the terms' weighted BM25 scores to ``out`` (one float32 per document), term by term in order."""
        for term, weight in weighted_terms.items():
            tid = self.vocab.get(term)
            if tid is None or not term:
                continue
            lo, hi = self._indptr[tid], self._indptr[tid + 1]
            out[self._indices[lo:hi]] += weight * self._data[lo:hi]

    def docs_with(self, terms: Iterable[str]) -> np.ndarray:
        """Documents holding any of ``terms`` (the rows :meth:`scores` makes positive), possibly repeated."""
        parts = [self._indices[self._indptr[tid]:self._indptr[tid + 1]]
                 for t in terms if t and (tid := self.vocab.get(t)) is not None]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def doc_freq(self, term: str) -> int:
        tid = self.vocab.get(term)
        return 0 if tid is None else int(self._indptr[tid + 1] - self._indptr[tid])


def query_weights(terms: Sequence[str]) -> dict[str, float]:
    """Each distinct query term once with weight 1 (repeating a word should not double its say)."""
    return dict.fromkeys(terms, 1.0)


def save_words(path: Path, known: Sequence[str]) -> None:
    path.write_text(json.dumps(list(known), ensure_ascii=False), encoding="utf-8")


def load_words(path: Path) -> list[str]:
    return [str(w) for w in json.loads(path.read_text(encoding="utf-8"))]
