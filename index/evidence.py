"""Evidence that connects the searcher's own words to an offering: which of their words (or a typo
correction of one) occur in the offering's title, its qualification's name, its page text, or one of the
qualification's skills. "Waarom past dit?" is built from this and nothing else, so a result is never
justified with a neighbour's vocabulary.

Words that occur in a large share of qualification documents ("medewerker", "werken") connect everything
to everything and are no evidence on their own (GENERIC_SHARE).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.fuzzy import TermCorrector
from index.lexical import Analyzer

GENERIC_SHARE = 0.08  # a term in more than this share of qualification documents is no evidence alone
MAX_SKILLS = 3


@dataclass(frozen=True)
class QueryWords:
    """The searcher's content words, each with the stemmed terms it stands for (its typo corrections too)."""

    words: tuple[tuple[str, frozenset[str]], ...]
    specific: frozenset[str]  # every non-generic term of any word

    @property
    def weights(self) -> dict[str, float]:
        return {t: 1.0 for t in self.specific}


@dataclass
class Why:
    """Why one offering is shown: the user's words found, and the qualification skills they hit."""

    words: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # "titel", "kwalificatie", "beschrijving"


class EvidenceFinder:
    """Per query: the user's words as terms; per hit: which of them the offering carries."""

    def __init__(self, analyzer: Analyzer, corrector: TermCorrector, doc_freq_q: Callable[[str], int],
                 n_quals: int) -> None:
        self.analyzer = analyzer
        self.corrector = corrector
        self._df = doc_freq_q
        self._n = max(1, n_quals)

    def generic(self, term: str) -> bool:
        return self._df(term) > GENERIC_SHARE * self._n

    def query_words(self, text: str) -> QueryWords:
        out: list[tuple[str, frozenset[str]]] = []
        for word in dict.fromkeys(self.analyzer.content_words(text)):
            terms = set(self.analyzer.terms(word))
            for corrected, _ in self.corrector.corrections(word):
                terms |= set(self.analyzer.terms(corrected))
            if terms:
                out.append((word, frozenset(terms)))
        specific = frozenset(t for _, terms in out for t in terms if not self.generic(t))
        return QueryWords(tuple(out), specific)

    def explain(self, qw: QueryWords, title: str, qual_name: str, description: str,
                skills: Sequence[tuple[str, frozenset[str]]]) -> Why:
        """The evidence for one offering (``skills``: its qualification's concept labels with their terms)."""
        why = Why()
        fields = (("titel", title), ("kwalificatie", qual_name), ("beschrijving", description))
        field_terms = [(name, set(self.analyzer.terms(text)) if text else set()) for name, text in fields]
        for word, terms in qw.words:
            specific = {t for t in terms if not self.generic(t)}
            if not specific:
                continue
            hit_fields = [name for name, ft in field_terms if specific & ft]
            hit_skills = [label for label, st in skills if specific & st]
            if hit_fields or hit_skills:
                why.words.append(word)
                for name in hit_fields:
                    if name not in why.where:
                        why.where.append(name)
                for label in hit_skills:
                    if label not in why.skills and len(why.skills) < MAX_SKILLS:
                        why.skills.append(label)
        return why
