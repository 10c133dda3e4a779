"""Query analysis: validation, stemmed terms, typo corrections, the level asked for, and the text the dense
encoder reads. Pure given the index's analyzer, vocabulary and document frequencies."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from index.fuzzy import TermCorrector
from index.lexical import Analyzer, query_weights
from skills.errors import InvalidQueryError
from skills.text import fold, niveau_wanted

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 60
QUERY_CACHE_TEXTS = 1024  # analysed query texts kept (~10 KB each: qualification-level arrays)
_WORD = re.compile(r"[a-z0-9]+")  # the tokens skills.text.tokenize yields from folded text


@dataclass
class TextResults:
    """What depends only on the query text and the index, computed lazily by the engine and shared by every
    search of the same text (:class:`QueryAnalyser` keeps the last QUERY_CACHE_TEXTS texts)."""

    vector: np.ndarray | None = None
    qual: dict[str, np.ndarray] = field(default_factory=dict)  # per arm, qualification level
    fused_quals: np.ndarray | None = None
    words: Any = None  # the evidence's QueryWords (index.evidence)
    covered_quals: np.ndarray | None = None  # evidence weight per qualification row (+1 slot: unmapped)
    skills: dict[int, list[int]] | None = None  # qualification row -> concept rows sharing a specific word
    explained: dict[int, Any] = field(default_factory=dict)  # qualification row -> the evidence's Why


@dataclass
class Query:
    """One analysed query; ``text_results`` is shared between searches of the same text, ``own`` is not."""

    text: str
    terms: list[str]
    known: bool  # at least one term (possibly after typo correction) occurs in the index
    fuzzy_terms: dict[str, float]
    niveau: int | None
    label_hints: tuple[str, ...] = ()  # typo corrections and stems: substring probes for the label matcher
    dense_text: str = ""  # what the dense encoder reads: the text with unknown words typo-corrected
    text_results: TextResults = field(default_factory=TextResults)
    own: dict[str, np.ndarray] = field(default_factory=dict)  # offering-level lexical arms of one search

    @property
    def vector(self) -> np.ndarray | None:
        return self.text_results.vector

    @vector.setter
    def vector(self, value: np.ndarray | None) -> None:
        self.text_results.vector = value

    @property
    def qual(self) -> dict[str, np.ndarray]:
        return self.text_results.qual

    @property
    def fused_quals(self) -> np.ndarray | None:
        return self.text_results.fused_quals

    @fused_quals.setter
    def fused_quals(self, value: np.ndarray | None) -> None:
        self.text_results.fused_quals = value


class QueryAnalyser:
    """Turns query text into a :class:`Query` against one index's vocabulary."""

    def __init__(self, analyzer: Analyzer, doc_freq_q: Callable[[str], int], doc_freq_o: Callable[[str], int],
                 cache_texts: int = QUERY_CACHE_TEXTS) -> None:
        self.analyzer = analyzer
        self._doc_freq_q = doc_freq_q
        self._doc_freq_o = doc_freq_o
        self.corrector = TermCorrector(sorted(analyzer.known_words))
        self._cache: OrderedDict[str, Query | None] = OrderedDict()
        self._cache_texts = cache_texts
        self._lock = threading.Lock()
        self.stats = {"hits": 0, "misses": 0}

    def clear(self) -> None:
        """Forget every cached analysis, and the memoised word corrections and analysed texts (benchmarks
        measure cold queries with it)."""
        with self._lock:
            self._cache.clear()
        self.corrector.clear()
        self.analyzer.clear()

    def analyse(self, query: str) -> Query | None:
        """Validate and analyse; None when the query holds only stop words. Raises InvalidQueryError for an
        empty or over-long query.

        The analysis of the last ``cache_texts`` texts is kept (LRU): a repeated text gets a new Query that
        shares the earlier one's :class:`TextResults`, so nothing that depends on the text alone is
        computed twice. Results of a search (offering scores, hits) are never cached."""
        text = (query or "").strip()
        if not text:
            raise InvalidQueryError("lege zoekvraag: typ wat je zoekt, bijvoorbeeld 'heftruck rijden'")
        if len(text) > MAX_QUERY_CHARS or len(text.split()) > MAX_QUERY_WORDS:
            raise InvalidQueryError(
                f"zoekvraag te lang: maximaal {MAX_QUERY_WORDS} woorden en {MAX_QUERY_CHARS} tekens")
        with self._lock:
            hit = text in self._cache
            template = self._cache.get(text)
            if hit:
                self._cache.move_to_end(text)
            self.stats["hits" if hit else "misses"] += 1
        if not hit:
            template = self._analyse(text)
            with self._lock:
                self._cache[text] = template
                while len(self._cache) > self._cache_texts:
                    self._cache.popitem(last=False)
        return None if template is None else replace(template, own={})

    def _analyse(self, text: str) -> Query | None:
        terms = self.analyzer.terms(text)
        if not terms:
            return None
        fuzzy: dict[str, float] = query_weights(terms)
        known = any(self._doc_freq_q(t) or self._doc_freq_o(t) for t in terms)
        corrected_words: list[str] = []
        best: dict[str, str] = {}  # unknown word -> its closest known word
        for word in self.analyzer.content_words(text):
            for corrected, similarity in self.corrector.corrections(word):
                corrected_words.append(corrected)
                best.setdefault(word, corrected)
                for term in self.analyzer.terms(corrected):
                    fuzzy[term] = max(fuzzy.get(term, 0.0), similarity)
                    known = known or bool(self._doc_freq_q(term))
        # The dense encoder reads the typo-corrected text: a misspelt word falls apart into unrelated
        # subword pieces ("heftruckchaufeur" lands among shop-window jobs), its correction does not.
        dense_text = _WORD.sub(lambda m: best.get(m.group(0), m.group(0)), fold(text)) if best else text
        return Query(text=text, terms=terms, known=known, fuzzy_terms=fuzzy, niveau=niveau_wanted(text),
                     label_hints=(*corrected_words, *terms), dense_text=dense_text)
