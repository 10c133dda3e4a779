"""HitBuilder: which offerings carry evidence in the searcher's words, and the shown hits with their "why".

The decisions themselves live in :mod:`index.evidence` (which words count, what an explanation cites) and
:mod:`index.relevance` (the decision); this module applies them over one loaded index fast: the per-qualification
part of the evidence and the skill concepts a query's words reach are computed once per query text (kept on
its :class:`~index.query.TextResults`) through inverted lists built at load, instead of per offering and
per shown hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from index.answer import misses
from index.evidence import EvidenceFinder, ExplainableTerms, OfficialSkills, QueryWords
from index.lexical import Analyzer
from index.query import Query
from index.results import OfferingHit


class HitBuilder:
    """Evidence masks and hits over one index's payloads, qualifications and skill concepts."""

    def __init__(self, analyzer: Analyzer, evidence: EvidenceFinder, payloads: Sequence[dict[str, Any]],
                 quals: Sequence[dict[str, Any]], concepts: Sequence[dict[str, Any]],
                 concepts_of: Sequence[Sequence[int]], crebo_idx: np.ndarray,
                 official: OfficialSkills | None = None) -> None:
        self._evidence = evidence
        self._official = official
        self.payloads = payloads
        self.quals = quals
        self.concepts = concepts
        self.crebo_idx = crebo_idx
        self.concept_terms = [frozenset(analyzer.terms(c["label"])) for c in concepts]
        self.explainable = ExplainableTerms.build(
            analyzer, [str(q["name"]) for q in quals], [[self.concept_terms[c] for c in rows] for rows in concepts_of])
        # term -> (concept row, qualification row) pairs: which skills of which qualification a word reaches
        self._skill_postings: dict[str, list[tuple[int, int]]] = {}
        for q_row, rows in enumerate(concepts_of):
            for c_row in rows:
                for term in self.concept_terms[c_row]:
                    self._skill_postings.setdefault(term, []).append((c_row, q_row))

    def query_words(self, q: Query) -> QueryWords:
        """The searcher's words as evidence terms (once per query text)."""
        found = q.text_results.words
        if found is None:
            found = q.text_results.words = self._evidence.query_words(q.text)
        return found  # type: ignore[no-any-return]

    def _skill_rows(self, q: Query) -> dict[int, list[int]]:
        """Qualification row -> its concept rows that share a specific word with the query (once per text)."""
        found = q.text_results.skills
        if found is None:
            found = {}
            seen: set[tuple[int, int]] = set()
            for term in self.query_words(q).specific:
                for pair in self._skill_postings.get(term, ()):
                    if pair not in seen:
                        seen.add(pair)
                        found.setdefault(pair[1], []).append(pair[0])
            q.text_results.skills = found
        return found

    def skills(self, q: Query, q_row: int) -> list[tuple[str, frozenset[str]]]:
        """The qualification's skill concepts that share a specific word with the query, best covered first
        (the share of the label's words the query holds)."""
        if q_row < 0:
            return []
        specific = self.query_words(q).specific
        found = []
        for r in sorted(self._skill_rows(q).get(q_row, ())):  # concept order, as the labels were listed
            terms = self.concept_terms[r]
            found.append((-len(terms & specific) / max(1, len(terms)), self.concepts[r]["label"], terms))
        found.sort(key=lambda x: (x[0], x[1]))
        return [(label, terms) for _, label, terms in found]

    def hit(self, q: Query, row: int, score: float, distance: np.ndarray | None,
            masks: dict[str, np.ndarray] | None = None) -> OfferingHit:
        """One shown offering with the searcher's words it carries (and, for an alternative outside the
        filters, which filters it misses)."""
        p = self.payloads[row]
        qual = p.get("qualification") or {}
        q_row = int(self.crebo_idx[row])
        # A mapped offering is explained by its qualification alone: once per qualification and query text.
        why = q.text_results.explained.get(q_row) if q_row >= 0 else None
        if why is None:
            why = self._evidence.explain(
                self.query_words(q), str(p.get("title") or "") if q_row < 0 else "", str(qual.get("name") or ""),
                str(p.get("description") or "") if q_row < 0 else "", self.skills(q, q_row),
                self._official.hits(self.query_words(q), q_row) if self._official is not None else ())
            if q_row >= 0:
                q.text_results.explained[q_row] = why
        dist = None
        if distance is not None and np.isfinite(distance[row]):
            dist = round(float(distance[row]), 1)
        return OfferingHit(
            id=str(p["id"]), title=str(p["title"]), provider=str(p["provider"]), crebo=qual.get("crebo"),
            qualification_name=qual.get("name"), score=round(score, 4), matched_skills=list(why.skills), offering=p,
            distance_km=dist, matched_words=list(why.words), matched_in=list(why.where),
            outside=misses(row, masks, distance) if masks else [], official_skills=list(why.official),
        )

    @staticmethod
    def near_location(hit: OfferingHit) -> str:
        locations = [str(x) for x in hit.offering.get("locations") or []]
        return locations[0] if locations else ""

    def explain_skills(self, qw: QueryWords, skills: Sequence[tuple[str, frozenset[str]]]) -> list[str]:
        """The skills an explanation cites for a qualification (no offering fields)."""
        return self._evidence.explain(qw, "", "", "", skills).skills
