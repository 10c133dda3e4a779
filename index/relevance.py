"""The relevance decision: which offerings are *matches* for a query at all (ranking only orders them).

The decision is taken per query, never per place or filter (so it does not depend on where someone
searches), from several signals that each say something different:

1. **Evidence in the searcher's own words** (:mod:`index.evidence`): a specific query word (or its typo
   correction) occurs in the qualification's name or its skills, or, for an unmapped offering, in its own
   title or page text. Without evidence nothing is relevant, so a query whose words hit nothing gets an
   honest empty answer. This is exactly what "Waarom past dit?" cites.
2. **The offering's fused score** reaches OFFERING_SHARE of the query's best offering (UNMAPPED_SHARE for an
   unmapped offering, which stands on its own text), and its qualification is among the MAX_QUALIFICATIONS
   best-scoring evidenced qualifications.
3. **Core** offerings may *lead* an answer. Their qualification is among the MAX_CORE best, reaches
   CORE_SHARE of the query's best *evidenced* qualification that has an offering (a leader that shares none
   of the user's words, or that no school offers, does not set the bar), and the meaning (dense) arm does not disagree: at least DENSE_CORE of its own best
   (the best qualification and its dossier's other profiles are exempt: the dossier is the agreement), so a word that only matches letters ("verzorgen" of feet or animals
   for "verzorgende") does not lead. A query of broad words only ("medewerker") names no one topic: there the
   MAX_CORE cap does not apply.

When no core offering satisfies the filters, weaker relevant ones do not fill the page: the answer is honestly
empty, with the nearest core offerings outside the filters (:mod:`index.answer`): the same decision.

How the constants were chosen: docs/benchmarks.md ("Filtered search"), on the odd ids of the filtered dev set
(six places per query), with the even ids reported once per iteration; general rules, never per query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.evidence import EvidenceFinder, ExplainableTerms, QueryWords

OFFERING_SHARE = 0.3
UNMAPPED_SHARE = 0.3
MAX_QUALIFICATIONS = 15
MAX_CORE = 4
CORE_SHARE = 0.5
DENSE_CORE = 0.1


@dataclass(frozen=True)
class RelevanceRule:
    """The decision's constants (module defaults; a benchmark may pass others)."""

    offering_share: float = OFFERING_SHARE
    unmapped_share: float = UNMAPPED_SHARE
    max_qualifications: int = MAX_QUALIFICATIONS
    max_core: int = MAX_CORE
    core_share: float = CORE_SHARE
    dense_core: float = DENSE_CORE


@dataclass
class Judgement:
    """Per offering: ``relevant`` (shown as a match when inside the filters) and ``core`` (may lead)."""

    relevant: np.ndarray
    core: np.ndarray


class RelevanceJudge:
    """Decides relevance for one index. ``groups[i]`` is offering i's qualification row (-1: unmapped),
    ``dossiers[q]`` qualification q's dossier; ``own_hits(terms)`` tells which offerings' own documents
    hold any of ``terms`` (evidence for unmapped offerings)."""

    def __init__(self, evidence: EvidenceFinder, explainable: ExplainableTerms, groups: np.ndarray,
                 dossiers: Sequence[str], own_hits: Callable[[frozenset[str]], np.ndarray],
                 rule: RelevanceRule | None = None) -> None:
        self._evidence = evidence
        self._explainable = explainable
        self._groups = groups
        self._n_quals = len(dossiers)
        mapped = groups[groups >= 0]
        self._offered = np.bincount(mapped, minlength=self._n_quals)[:self._n_quals] > 0  # has an offering
        codes: dict[str, int] = {}
        self._dossier = np.asarray([codes.setdefault(d or f"?{i}", len(codes)) for i, d in enumerate(dossiers)],
                                   dtype=np.int64)
        self._own_hits = own_hits
        self.rule = rule or RelevanceRule()

    def coverage(self, qw: QueryWords) -> tuple[np.ndarray, np.ndarray]:
        """(per qualification, per unmapped offering) idf-weighted share of the query's specific words found
        as evidence; mapped offerings get 0 in the second array."""
        n = len(self._groups)
        weights = [(terms, self._evidence.weight(terms)) for terms in qw.word_terms()]
        total = sum(w for _, w in weights)
        per_qual = np.zeros(self._n_quals, dtype=np.float32)
        per_own = np.zeros(n, dtype=np.float32)
        if total <= 0:
            return per_qual, per_own
        unmapped = self._groups < 0
        for terms, weight in weights:
            hit = np.zeros(self._n_quals, dtype=bool)
            for term in terms:
                rows = self._explainable.quals.get(term)
                if rows:
                    hit[rows] = True
            per_qual += np.float32(weight / total) * hit
            if unmapped.any():
                per_own += np.float32(weight / total) * (self._own_hits(terms) & unmapped)
        return per_qual, per_own

    def judge(self, scores: np.ndarray, qual_scores: np.ndarray, qw: QueryWords,
              qual_dense: np.ndarray | None = None) -> Judgement:
        """The decision for one query: ``scores`` are the offerings' fused scores, ``qual_scores`` the
        qualifications' (see the module docstring)."""
        rule = self.rule
        n = len(scores)
        none = np.zeros(n, dtype=bool)
        best_offering = float(scores.max()) if n else 0.0
        if best_offering <= 0:
            return Judgement(none, none.copy())
        per_qual, per_own = self.coverage(qw)
        evidenced = (per_qual > 0) & self._offered
        relevant_q = np.zeros(self._n_quals, dtype=bool)
        core_q = np.zeros(self._n_quals, dtype=bool)
        best = float(qual_scores[evidenced].max()) if evidenced.any() else 0.0
        if best > 0:
            ranked = np.flatnonzero(evidenced)
            ranked = ranked[np.lexsort((ranked, -qual_scores[ranked]))]
            relevant_q[ranked[:rule.max_qualifications]] = True
            top = ranked[:rule.max_qualifications]
            eligible = qual_scores[top] >= rule.core_share * best
            if qual_dense is not None:  # the meaning arm must not disagree, except on the best and its dossier
                eligible &= (qual_dense[top] >= rule.dense_core) | (self._dossier[top] == self._dossier[ranked[0]])
            # Broad words only ("medewerker") name no one topic: no few qualifications lead, each relevant
            # one may.
            core_q[top[eligible] if qw.broad else top[eligible][:rule.max_core]] = True
        mapped = self._groups >= 0
        slot = np.where(mapped, self._groups, 0)
        strong_enough = scores >= rule.offering_share * best_offering
        relevant = mapped & relevant_q[slot] & strong_enough
        core = mapped & core_q[slot] & strong_enough
        own = ~mapped & (per_own > 0) & (scores >= rule.unmapped_share * best_offering)
        return Judgement(relevant | own, core | own)
