"""Evidence that connects the searcher's own words to an offering: which of their words (or a typo
correction of one) occur in the offering's title, its qualification's name, its page text, or one of the
qualification's skills. "Waarom past dit?" is built from this and nothing else, so a result is never
justified with a neighbour's vocabulary.

Words that occur in a large share of qualification documents ("medewerker", "werken") or of offering pages
("bbl", "leerweg", "certificaat": words of the filters and the page template) connect everything to
everything and are no evidence on their own (GENERIC_QUAL_SHARE, GENERIC_OFFERING_SHARE; the topical words
of the domain, "heftruck", "lassen", "kinderen", stay under both).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.fuzzy import TermCorrector
from index.lexical import Analyzer

GENERIC_QUAL_SHARE = 0.09  # a term in more than this share of qualification documents is no evidence
GENERIC_OFFERING_SHARE = 0.12  # ... nor one in more than this share of offering documents
GENERIC_MIN_DOCS = 50  # a share of a small corpus says nothing: below this many documents no term is generic
MAX_SKILLS = 3


@dataclass(frozen=True)
class QueryWords:
    """The searcher's content words, each with the stemmed terms it stands for (its typo corrections too)."""

    words: tuple[tuple[str, frozenset[str]], ...]
    specific: frozenset[str]  # every non-generic term of any word
    broad: bool = False  # the user said only broad words ("medewerker"): they count, but name no one topic

    @property
    def weights(self) -> dict[str, float]:
        return {t: 1.0 for t in self.specific}

    def word_terms(self) -> list[frozenset[str]]:
        """Each word's specific terms (words with none are left out)."""
        return [found for _, terms in self.words if (found := terms & self.specific)]


@dataclass
class ExplainableTerms:
    """Inverted list of the terms an explanation of a mapped offering can cite: term → qualification rows
    (the qualification's name and its skill labels)."""

    quals: dict[str, list[int]]

    @classmethod
    def build(cls, analyzer: Analyzer, qual_names: Sequence[str],
              qual_skill_terms: Sequence[Sequence[frozenset[str]]]) -> ExplainableTerms:
        quals: dict[str, list[int]] = {}
        for row, (name, skills) in enumerate(zip(qual_names, qual_skill_terms, strict=True)):
            for term in set(analyzer.terms(name)).union(*skills):
                quals.setdefault(term, []).append(row)
        return cls(quals)


class OfficialSkills:
    """Each qualification's official skills (CompetentNL / ESCO, Dutch labels) as (label, source, terms),
    analysed on first use of a qualification (most are never shown)."""

    def __init__(self, analyzer: Analyzer, rows: Sequence[Sequence[dict[str, str]]]) -> None:
        self._analyzer = analyzer
        self._rows = rows
        self._terms: dict[int, list[tuple[str, str, frozenset[str]]]] = {}

    def of(self, q_row: int) -> list[tuple[str, str, frozenset[str]]]:
        if q_row < 0 or q_row >= len(self._rows):
            return []
        if q_row not in self._terms:  # a benign race: two threads compute the same list
            self._terms[q_row] = [(s["label"], s.get("source", ""), frozenset(self._analyzer.terms(s["label"])))
                                  for s in self._rows[q_row] if s.get("label")]
        return self._terms[q_row]

    def hits(self, qw: QueryWords, q_row: int) -> list[tuple[str, str, frozenset[str]]]:
        """The qualification's official skills sharing a specific word with the query, best covered first
        (the share of the label's words the query holds), then by label."""
        found = [(-len(terms & qw.specific) / max(1, len(terms)), label, source, terms)
                 for label, source, terms in self.of(q_row) if terms & qw.specific]
        found.sort(key=lambda x: (x[0], x[1]))
        return [(label, source, terms) for _, label, source, terms in found]


@dataclass
class Why:
    """Why one offering is shown: the user's words found, and the qualification skills they hit."""

    words: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # "titel", "kwalificatie", "beschrijving"
    official: list[tuple[str, str]] = field(default_factory=list)  # (Dutch label, source) of official skills


class EvidenceFinder:
    """Per query: the user's words as terms; per hit: which of them the offering carries."""

    def __init__(self, analyzer: Analyzer, corrector: TermCorrector, doc_freq_q: Callable[[str], int],
                 n_quals: int, doc_freq_o: Callable[[str], int], n_offerings: int) -> None:
        self.analyzer = analyzer
        self.corrector = corrector
        self._df_q, self._n_q = doc_freq_q, max(1, n_quals)
        self._df_o, self._n_o = doc_freq_o, max(1, n_offerings)

    def weight(self, terms: frozenset[str]) -> float:
        """A word's weight: the rarity (idf over qualification documents) of its rarest term."""
        return max((math.log(self._n_q / (1 + self._df_q(t))) for t in terms), default=0.0)

    def generic(self, term: str) -> bool:
        return (self._df_q(term) > max(GENERIC_QUAL_SHARE * self._n_q, GENERIC_MIN_DOCS)
                or self._df_o(term) > max(GENERIC_OFFERING_SHARE * self._n_o, GENERIC_MIN_DOCS))

    def query_words(self, text: str) -> QueryWords:
        out: list[tuple[str, frozenset[str]]] = []
        for word in dict.fromkeys(self.analyzer.content_words(text)):
            terms = set(self.analyzer.terms(word))
            for corrected, _ in self.corrector.corrections(word):
                terms |= set(self.analyzer.terms(corrected))
            if terms:
                out.append((word, frozenset(terms)))
        specific = frozenset(t for _, terms in out for t in terms if not self.generic(t))
        if not specific:  # only broad words ("medewerker"): they are all the user said, so they count
            return QueryWords(tuple(out), frozenset(t for _, terms in out for t in terms), broad=True)
        return QueryWords(tuple(out), specific)

    def explain(self, qw: QueryWords, title: str, qual_name: str, description: str,
                skills: Sequence[tuple[str, frozenset[str]]],
                official: Sequence[tuple[str, str, frozenset[str]]] = ()) -> Why:
        """The evidence for one offering (``skills``: its qualification's concept labels with their terms;
        ``official``: its official CompetentNL / ESCO skills as (Dutch label, source, terms), best first)."""
        why = Why()
        fields = (("titel", title), ("kwalificatie", qual_name), ("beschrijving", description))
        field_terms = [(name, set(self.analyzer.terms(text)) if text else set()) for name, text in fields]
        for word, terms in qw.words:
            specific = terms & qw.specific
            if not specific:
                continue
            hit_fields = [name for name, ft in field_terms if specific & ft]
            hit_skills = [label for label, st in skills if specific & st]
            hit_official = [(label, source) for label, source, st in official if specific & st]
            for item in hit_official:
                if item not in why.official and len(why.official) < MAX_SKILLS:
                    why.official.append(item)
            if hit_fields or hit_skills or hit_official:
                why.words.append(word)
                for name in hit_fields:
                    if name not in why.where:
                        why.where.append(name)
                for label in hit_skills:
                    if label not in why.skills and len(why.skills) < MAX_SKILLS:
                        why.skills.append(label)
        return why
