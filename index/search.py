"""SearchEngine: hybrid offering search and qualification search over a built index directory.

Ranking (see :mod:`index.hybrid`): each arm (BM25, dense, fuzzy) scores the query against qualification
documents and offering documents; an offering's arm score mixes its own match with its mapped
qualification's, and the arms are fused. Scores are computed over *all* offerings; :mod:`index.relevance`
decides which are relevant, filters are boolean masks over all offerings (:mod:`index.filter_masks`, place and
area in :mod:`index.places`), so a filter never drops a relevant offering a post-filtered top-k would lose.
Explanations come from :mod:`index.evidence` (the searcher's own words only).

Defined answers for awkward queries: empty or over-long → InvalidQueryError; only stop words, or no word
the index knows (another language, gibberish) → empty SearchResults with a Dutch ``reason``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from index import layout
from index.answer import empty_reason, misses, nearest_rows
from index.dense import DenseIndex
from index.encoders.protocol import Encoder
from index.evidence import EvidenceFinder, ExplainableTerms, OfficialSkills, QueryWords
from index.facets import facet_counts
from index.filter_columns import FilterColumns
from index.filter_masks import filter_masks
from index.filters import SearchFilters
from index.fuzzy import LabelMatcher, suggest
from index.hybrid import ARMS, FusionConfig, fuse, fuse_offerings, niveau_factor, normalise
from index.layout import check_encoder, read_manifest
from index.lexical import Analyzer, LexicalIndex, load_words, query_weights
from index.ordering import order_rows
from index.places import PlaceIndex, ResolvedPlace, describe_place, public_place
from index.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Query, QueryAnalyser
from index.relevance import RelevanceJudge
from index.request import DEFAULT_RADIUS_KM
from index.results import OfferingHit, QualificationHit, SearchResults
from skills.errors import IndexUnavailableError, InvalidQueryError
from skills.text import fold

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "OfferingHit", "QualificationHit", "SearchEngine",
           "SearchFilters", "SearchResults"]

MAX_LIMIT = 100
DENSE_OFFERING_K = 200  # dense candidates per query among offerings (inside the filter)
FUZZY_LABEL_SHARE = 0.5  # fuzzy arm at qualification level: label similarity vs fuzzy-expanded BM25
# Lexicon kinds whose terms are not fuzzy labels. Job titles and tools are names people type (with typos)
# as the whole query; task phrases and workplaces reach the index through BM25 and dense, and as labels they
# only add WRatio cost. (A concept without a kind, e.g. from an index built before kinds were stored, stays
# a label.)
NON_LABEL_LEXICON_KINDS = frozenset({"taak", "werkplek"})
SORTS = ("relevance", "start_date", "distance", "price")


class SearchEngine:
    """Read-only search over one index directory; load once, share between requests and threads (the
    only mutable state is a lock-guarded cache of per-place distance arrays)."""

    manifest: dict[str, Any]

    def __init__(self, directory: Path, manifest: dict[str, Any], encoder: Encoder, ref: Any) -> None:
        self.directory = directory
        self.manifest = manifest
        self.encoder = encoder
        self.fusion = FusionConfig(**manifest.get("fusion", {}))

        self.payloads: list[dict[str, Any]] = layout.read_offerings(directory)
        self._row = {str(p["id"]): i for i, p in enumerate(self.payloads)}
        self.quals: list[dict[str, Any]] = layout.read_rows(directory, layout.QUALIFICATIONS)
        self._qrow = {q["crebo"]: i for i, q in enumerate(self.quals)}
        self._qual_niveau = np.asarray([int(q["niveau"]) for q in self.quals], dtype=np.int64)
        self._crebo_idx = np.asarray(
            [self._qrow.get((p.get("qualification") or {}).get("crebo") or "", -1) for p in self.payloads],
            dtype=np.int64)
        self.concepts: list[dict[str, Any]] = layout.read_rows(directory, layout.CONCEPTS)

        self.analyzer = Analyzer(manifest["analyzer"]["stemmer"], load_words(directory / layout.KNOWN_WORDS))
        self._bm25_q = LexicalIndex.load(directory / layout.BM25_QUALIFICATIONS)
        self._bm25_o = LexicalIndex.load(directory / layout.BM25_OFFERINGS)
        self._dense_q = DenseIndex.load(directory / layout.DENSE_QUALIFICATIONS)
        self._dense_c = DenseIndex.load(directory / layout.DENSE_CONCEPTS)
        self._dense_o = DenseIndex.load(directory / layout.DENSE_OFFERINGS)
        self._query = QueryAnalyser(self.analyzer, self._bm25_q.doc_freq, self._bm25_o.doc_freq)
        self._corrector = self._query.corrector

        # Concepts per qualification row, their analysed label terms, fuzzy labels owned by qualifications.
        self._concepts_of: list[list[int]] = [[] for _ in self.quals]
        self._concept_terms: list[frozenset[str]] = []
        labels: list[str] = []
        owners: list[int] = []
        for q_row, qual in enumerate(self.quals):
            labels.append(fold(qual["name"]))
            owners.append(q_row)
        for c_row, c in enumerate(self.concepts):
            self._concept_terms.append(frozenset(self.analyzer.terms(c["label"])))
            for crebo in c["crebos"]:
                owner = self._qrow.get(crebo)
                if owner is None:
                    continue
                self._concepts_of[owner].append(c_row)
                if c.get("source") != "qualification" and c.get("kind") not in NON_LABEL_LEXICON_KINDS:
                    for label in [c["label"], *c.get("alt_labels", [])]:
                        labels.append(fold(label))
                        owners.append(owner)
        self._labels = LabelMatcher(labels, owners, len(self.quals))
        # Autocomplete offers words and skills, not fragments: no labels under 4 letters ("aa", "ikb") or
        # with digits (norm codes).
        self._suggestions = sorted(label for label in {fold(c["label"]) for c in self.concepts}
                                   | {fold(q["name"]) for q in self.quals}
                                   if len(label) >= 4 and not any(ch.isdigit() for ch in label))
        self._filters = FilterColumns.from_payloads(
            self.payloads, [[(float(a), float(b)) for a, b in p.get("geo") or []] for p in self.payloads])
        self.gazetteer = getattr(ref, "gazetteer", None) if ref is not None else None
        self._places = PlaceIndex(self.gazetteer, self._filters,
                                  [p.get("locations") or [] for p in self.payloads])
        self._explainable = ExplainableTerms.build(
            self.analyzer, [str(q["name"]) for q in self.quals], [[self._concept_terms[c] for c in rows]
                                                                    for rows in self._concepts_of])
        self._official = OfficialSkills(self.analyzer, [q.get("official_skills") or [] for q in self.quals])
        self._evidence = EvidenceFinder(self.analyzer, self._corrector, self._bm25_q.doc_freq, len(self.quals),
                                        self._bm25_o.doc_freq, len(self.payloads))
        self._relevance = RelevanceJudge(
            self._evidence, self._explainable, self._crebo_idx, [str(q.get("dossier") or "") for q in self.quals],
            lambda terms: self._bm25_o.scores(dict.fromkeys(terms, 1.0)) > 0)

    @classmethod
    def load(cls, index_dir: Path, encoder: Encoder, ref: Any) -> SearchEngine:
        """Load the index at ``index_dir`` (a build directory or the live symlink, resolved once).

        Raises IndexUnavailableError when it is missing, incomplete or built for another encoder.
        """
        directory = Path(index_dir).resolve()
        manifest = read_manifest(directory)
        check_encoder(manifest, encoder.name, encoder.dim, directory)
        try:
            return cls(directory, manifest, encoder, ref)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexUnavailableError(f"index at {directory} is damaged ({exc}); run `llo index build`") from exc

    # --- query analysis and arm scores -----------------------------------------------------------

    def _analyse(self, query: str) -> Query | None:
        """Validate and analyse; None when the query holds only stop words."""
        return self._query.analyse(query)

    def _vector(self, q: Query) -> np.ndarray:
        if q.vector is None:
            q.vector = np.asarray(self.encoder.encode_query([q.dense_text or q.text]), dtype=np.float32)[0]
        return q.vector

    def _qual_scores(self, q: Query, arm: str) -> np.ndarray:
        """Normalised qualification-level scores of one arm, level hint applied."""
        if arm in q.qual:
            return q.qual[arm]
        if arm == "bm25":
            scores = normalise(self._bm25_q.scores(query_weights(q.terms)))
        elif arm == "dense":
            sims = self._dense_q.vectors @ self._vector(q)
            scores = normalise(sims, self.fusion.dense_floor_rank)
        elif arm == "fuzzy":
            lexical = normalise(self._bm25_q.scores(q.fuzzy_terms))
            labels = self._labels.owner_scores(fold(q.text), q.label_hints)
            scores = (1 - FUZZY_LABEL_SHARE) * lexical + FUZZY_LABEL_SHARE * normalise(labels)
        else:
            raise InvalidQueryError(f"onbekende zoekmethode {arm!r}; kies hybrid, bm25, dense of fuzzy")
        scores = np.asarray(scores * niveau_factor(self._qual_niveau, q.niveau, self.fusion), dtype=np.float32)
        q.qual[arm] = scores
        return scores

    def _own_scores(self, q: Query, arm: str, allowed: np.ndarray | None) -> np.ndarray:
        """Normalised offering-document scores of one arm (dense: top-k inside ``allowed``)."""
        if arm in q.own:
            return q.own[arm]
        if arm == "bm25":
            q.own[arm] = normalise(self._bm25_o.scores(query_weights(q.terms)))
            return q.own[arm]
        if arm == "fuzzy":
            q.own[arm] = normalise(self._bm25_o.scores(q.fuzzy_terms))
            return q.own[arm]
        out = np.zeros(len(self.payloads), dtype=np.float32)
        ids, sims = self._dense_o.search(self._vector(q), DENSE_OFFERING_K, allowed)
        if len(ids):
            out[ids] = normalise(sims, min(self.fusion.dense_floor_rank, max(1, len(sims) - 1)))
        return out

    def _arms(self, arm: str) -> tuple[str, ...]:
        if arm == "hybrid":
            return ARMS
        if arm not in ARMS:
            raise InvalidQueryError(f"onbekende zoekmethode {arm!r}; kies hybrid, bm25, dense of fuzzy")
        return (arm,)

    def offering_scores(self, q: Query, arm: str, allowed: np.ndarray | None) -> np.ndarray:
        """Final relevance of every offering (0 = not a candidate)."""
        arms = self._arms(arm)
        own = {a: self._own_scores(q, a, allowed) for a in arms}
        qual = {a: self._qual_scores(q, a) for a in arms}
        return fuse_offerings(own, qual, self._crebo_idx, self.fusion)

    # --- public API -------------------------------------------------------------------------------

    def search(self, query: str, filters: SearchFilters | None = None, *, limit: int = 10, offset: int = 0,
               arm: str = "hybrid", sort: str = "relevance") -> SearchResults:
        """Relevant offerings for ``query`` within ``filters`` (see :mod:`index.answer`): ``total`` and
        ``facets`` count relevant offerings only; with none inside the filters, ``nearest`` and ``reason``
        give the honest answer. Raises InvalidQueryError for an empty/over-long query, unknown filter values,
        place, arm or sort.
        """
        arms = self._arms(arm)
        if sort not in SORTS:
            raise InvalidQueryError(f"onbekende sortering {sort!r}; kies uit {', '.join(SORTS)}")
        if offset < 0 or not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen en offset ≥ 0 zijn")
        f = filters or SearchFilters()
        resolved, distance = self._place(f, sort)
        masks = filter_masks(self._filters, f)
        if f.crebos:
            masks["crebo"] = self._crebo_mask(f.crebos)
        if resolved is not None and resolved.place is not None and distance is not None:
            masks["place"] = self._places.mask(resolved.place, f.radius_km or DEFAULT_RADIUS_KM, distance)
        place_info = public_place(resolved)
        q = self._analyse(query)
        if q is None:
            return SearchResults([], 0, {}, "Je zoekvraag bevat alleen stopwoorden (zoals 'de' en 'een'); "
                                            "noem een beroep, taak of vaardigheid.", place=place_info)
        if not q.known and arms != ("dense",):
            return SearchResults([], 0, {}, "Geen van je zoekwoorden komt voor in het aanbod (andere taal of "
                                            "spelling?). Probeer andere woorden.", place=place_info)
        qw = self._evidence.query_words(q.text)
        # Relevance is decided on the fused (hybrid) scores whatever the arm; the arm only orders.
        fused = self.offering_scores(q, "hybrid", None)
        scores = fused if arms == ARMS else self.offering_scores(q, arm, None)
        judged = self._relevance.judge(fused, fuse({a: self._qual_scores(q, a) for a in ARMS}, self.fusion), qw,
                                       self._qual_scores(q, "dense"))
        relevant, core = judged.relevant, judged.core
        selected = relevant.copy()
        for mask in masks.values():
            selected &= mask
        if not (selected & core).any():  # only weaker matches satisfy the filters: none of them leads
            relevant &= ~selected
            selected[:] = False
        facets = facet_counts(self._filters, relevant, masks)
        rows = np.flatnonzero(selected)
        order = order_rows(rows, scores, sort, distance, self._filters, offset + limit)
        hits = [self._hit(int(r), float(scores[r]), qw, distance) for r in order[offset:offset + limit]]
        if len(rows):
            return SearchResults(hits, len(rows), facets, None, place=place_info)
        # The nearest alternatives pass the same decision as a match that may lead (core), never the tail.
        nearest = [self._hit(int(r), float(scores[r]), qw, distance, masks) for r in
                   nearest_rows(relevant & core, masks, scores, distance)] if masks else []
        where = describe_place(resolved, f.radius_km) if resolved is not None and resolved.place else ""
        reason = empty_reason(q.text, where, bool(set(masks) - {"place"}), [
            (h.title, h.provider, self._near_location(h), h.distance_km) for h in nearest])
        return SearchResults([], 0, facets, reason, nearest=nearest, place=place_info)

    def _place(self, f: SearchFilters, sort: str) -> tuple[ResolvedPlace | None, np.ndarray | None]:
        if f.radius_km is not None and f.radius_km <= 0:
            raise InvalidQueryError("straal moet groter dan 0 km zijn")
        resolved = self._places.resolve(f.place) if f.place else None
        if resolved is None or resolved.place is None:
            if f.radius_km is not None and resolved is None:
                raise InvalidQueryError("een straal heeft een plaats of postcode nodig")
            if sort == "distance":
                raise InvalidQueryError("sorteren op afstand heeft een plaats of postcode nodig")
            return resolved, None
        return resolved, self._places.distances(resolved.place)

    def _crebo_mask(self, crebos: list[str]) -> np.ndarray:
        rows = [self._qrow[c] for c in crebos if c in self._qrow]
        if not rows:
            raise InvalidQueryError(f"onbekende crebocode {crebos[0]!r}")
        return np.isin(self._crebo_idx, rows)

    @staticmethod
    def _near_location(hit: OfferingHit) -> str:
        locations = [str(x) for x in hit.offering.get("locations") or []]
        return locations[0] if locations else ""

    @property
    def cache_stats(self) -> dict[str, int]:
        """Hits and misses of the per-place distance cache since load (the only per-request cache)."""
        return dict(self._places.stats)

    def _hit(self, row: int, score: float, qw: QueryWords, distance: np.ndarray | None,
             masks: dict[str, np.ndarray] | None = None) -> OfferingHit:
        p = self.payloads[row]
        qual = p.get("qualification") or {}
        q_row = int(self._crebo_idx[row])
        why = self._evidence.explain(qw, str(p.get("title") or "") if q_row < 0 else "", str(qual.get("name") or ""),
                                     str(p.get("description") or "") if q_row < 0 else "", self._skills(qw, q_row),
                                     self._official.hits(qw, q_row))
        dist = None
        if distance is not None and np.isfinite(distance[row]):
            dist = round(float(distance[row]), 1)
        return OfferingHit(
            id=str(p["id"]), title=str(p["title"]), provider=str(p["provider"]), crebo=qual.get("crebo"),
            qualification_name=qual.get("name"), score=round(score, 4), matched_skills=why.skills, offering=p,
            distance_km=dist, matched_words=why.words, matched_in=why.where,
            outside=misses(row, masks, distance) if masks else [], official_skills=why.official,
        )

    def _skills(self, qw: QueryWords, q_row: int) -> list[tuple[str, frozenset[str]]]:
        """The qualification's skill concepts that share a specific word with the query, best covered first
        (the share of the label's words the query holds)."""
        if q_row < 0:
            return []
        found = []
        for r in self._concepts_of[q_row]:
            terms = self._concept_terms[r]
            shared = terms & qw.specific
            if shared:
                found.append((-len(shared) / max(1, len(terms)), self.concepts[r]["label"], terms))
        found.sort(key=lambda x: (x[0], x[1]))
        return [(label, terms) for _, label, terms in found]

    def search_qualifications(self, query: str, *, limit: int = 10) -> list[QualificationHit]:
        """Qualifications ranked for ``query`` (all three arms fused), with matched skills and how many
        indexed offerings lead to each. Empty for a stop-words-only or unknown-words query."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen")
        q = self._analyse(query)
        if q is None or not q.known:
            return []
        scores = fuse({a: self._qual_scores(q, a) for a in ARMS}, self.fusion)
        qw = self._evidence.query_words(q.text)
        order = np.lexsort((np.arange(len(scores)), -scores))
        out = []
        for r in order[:limit]:
            if scores[r] <= 0:
                break
            row = self.quals[int(r)]
            out.append(QualificationHit(
                crebo=row["crebo"], name=row["name"], niveau=int(row["niveau"]), score=round(float(scores[r]), 4),
                matched_skills=self._evidence.explain(qw, "", "", "", self._skills(qw, int(r))).skills,
                n_offerings=int(row["n_offerings"]),
            ))
        return out

    def suggest_skills(self, prefix: str, limit: int = 10) -> list[str]:
        """Skill, occupation and qualification labels for autocomplete: prefix matches, then typo-tolerant."""
        key = fold(prefix or "").strip()
        if len(key) < 2:
            return []
        return suggest(key, self._suggestions, max(1, min(limit, MAX_LIMIT)))

    def get(self, offering_id: str) -> dict[str, Any] | None:
        row = self._row.get(offering_id)
        return None if row is None else self.payloads[row]

    @property
    def facet_values(self) -> dict[str, list[str]]:
        """Every value each filter accepts (for the UI's filter lists)."""
        return {k: list(v) for k, v in self._filters.values.items()}
