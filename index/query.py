"""Query analysis: validation, stemmed terms, typo corrections, the level asked for, and the text the dense
encoder reads. Pure given the index's analyzer, vocabulary and document frequencies."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.fuzzy import TermCorrector
from index.lexical import Analyzer, query_weights
from skills.errors import InvalidQueryError
from skills.text import fold, niveau_wanted

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 60
_WORD = re.compile(r"[a-z0-9]+")  # the tokens skills.text.tokenize yields from folded text


@dataclass
class Query:
    """One analysed query and the per-arm scores computed for it (lazily)."""

    text: str
    terms: list[str]
    known: bool  # at least one term (possibly after typo correction) occurs in the index
    fuzzy_terms: dict[str, float]
    niveau: int | None
    label_hints: tuple[str, ...] = ()  # typo corrections and stems: substring probes for the label matcher
    dense_text: str = ""  # what the dense encoder reads: the text with unknown words typo-corrected
    vector: np.ndarray | None = None
    qual: dict[str, np.ndarray] = field(default_factory=dict)
    own: dict[str, np.ndarray] = field(default_factory=dict)  # lexical arms only (they ignore filters)


class QueryAnalyser:
    """Turns query text into a :class:`Query` against one index's vocabulary."""

    def __init__(self, analyzer: Analyzer, doc_freq_q: Callable[[str], int], doc_freq_o: Callable[[str], int]) -> None:
        self.analyzer = analyzer
        self._doc_freq_q = doc_freq_q
        self._doc_freq_o = doc_freq_o
        self.corrector = TermCorrector(sorted(analyzer.known_words))

    def analyse(self, query: str) -> Query | None:
        """Validate and analyse; None when the query holds only stop words. Raises InvalidQueryError for an
        empty or over-long query."""
        text = (query or "").strip()
        if not text:
            raise InvalidQueryError("lege zoekvraag: typ wat je zoekt, bijvoorbeeld 'heftruck rijden'")
        if len(text) > MAX_QUERY_CHARS or len(text.split()) > MAX_QUERY_WORDS:
            raise InvalidQueryError(
                f"zoekvraag te lang: maximaal {MAX_QUERY_WORDS} woorden en {MAX_QUERY_CHARS} tekens")
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
