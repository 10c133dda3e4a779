"""SearchEngine: hybrid offering search and qualification search over a built index directory.

The engine loads the index once and answers requests; the work is split by job: arm scores and fusion in
:mod:`index.scoring` (ranking: :mod:`index.hybrid`), the relevance decision in :mod:`index.relevance`, the
searcher's-words evidence and the shown hits in :mod:`index.hits` (rules: :mod:`index.evidence`), filters as
boolean masks over all offerings in :mod:`index.filter_masks` (place and area: :mod:`index.places`), so a
filter never drops a relevant offering a post-filtered top-k would lose.

Defined answers for awkward queries: empty or over-long → InvalidQueryError; only stop words, or no word
the index knows (another language, gibberish) → empty SearchResults with a Dutch ``reason``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index import layout
from index.answer import empty_reason, nearest_rows
from index.dense import DenseIndex
from index.encoders.protocol import Encoder
from index.evidence import EvidenceFinder, OfficialSkills
from index.facets import facet_counts
from index.filter_columns import FilterColumns
from index.filter_masks import filter_masks
from index.filters import SearchFilters
from index.fuzzy import suggest
from index.hits import HitBuilder
from index.hybrid import ARMS, FusionConfig
from index.labels import concepts_per_qualification, label_matcher, suggestion_labels
from index.layout import check_encoder, read_manifest
from index.lexical import Analyzer, LexicalIndex, load_words
from index.ordering import order_rows
from index.payloads import PayloadRows
from index.places import PlaceIndex, describe_place, public_place
from index.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Query, QueryAnalyser
from index.relevance import RelevanceJudge
from index.request import DEFAULT_RADIUS_KM
from index.results import OfferingHit, QualificationHit, SearchResults
from index.scoring import DENSE_OFFERING_K, ArmScorer
from skills.errors import IndexUnavailableError, InvalidQueryError
from skills.text import fold

__all__ = ["DENSE_OFFERING_K", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "OfferingHit", "QualificationHit",
           "SearchEngine", "SearchFilters", "SearchResults"]

MAX_LIMIT = 100
SORTS = ("relevance", "start_date", "distance", "price")


class SearchEngine:
    """Read-only search over one index directory; load once, share between requests and threads (the
    only mutable state is lock-guarded caches: per-place distance arrays, analysed query texts)."""

    manifest: dict[str, Any]

    def __init__(self, directory: Path, manifest: dict[str, Any], encoder: Encoder, ref: Any) -> None:
        self.directory = directory
        self.manifest = manifest
        self.encoder = encoder
        self.fusion = FusionConfig(**manifest.get("fusion", {}))

        self.payloads: Sequence[dict[str, Any]] = layout.read_offerings(directory)
        self.quals: list[dict[str, Any]] = layout.read_rows(directory, layout.QUALIFICATIONS)
        self._qrow = {q["crebo"]: i for i, q in enumerate(self.quals)}
        # One pass over the payloads (each parsed once when memory-mapped): ids, qualification rows, places.
        ids: list[str] = []
        crebo_rows: list[int] = []
        coords: list[list[tuple[float, float]]] = []
        locations: list[list[str]] = []
        for p in self.payloads:
            ids.append(str(p["id"]))
            crebo_rows.append(self._qrow.get((p.get("qualification") or {}).get("crebo") or "", -1))
            coords.append([(float(a), float(b)) for a, b in p.get("geo") or []])
            locations.append(list(p.get("locations") or []))
        self._row = {offering_id: i for i, offering_id in enumerate(ids)}
        self._crebo_idx = np.asarray(crebo_rows, dtype=np.int64)
        self.concepts: list[dict[str, Any]] = layout.read_rows(directory, layout.CONCEPTS)

        self.analyzer = Analyzer(manifest["analyzer"]["stemmer"], load_words(directory / layout.KNOWN_WORDS))
        bm25_q = LexicalIndex.load(directory / layout.BM25_QUALIFICATIONS)
        bm25_o = LexicalIndex.load(directory / layout.BM25_OFFERINGS)
        self._dense_o = DenseIndex.load(directory / layout.DENSE_OFFERINGS)
        self._query = QueryAnalyser(self.analyzer, bm25_q.doc_freq, bm25_o.doc_freq)
        self._labels = label_matcher(self.quals, self.concepts, self._qrow)
        self._scorer = ArmScorer(
            encoder, self.fusion, bm25_q=bm25_q, bm25_o=bm25_o,
            dense_q=DenseIndex.load(directory / layout.DENSE_QUALIFICATIONS), dense_o=self._dense_o,
            labels=self._labels, qual_niveau=np.asarray([int(q["niveau"]) for q in self.quals], dtype=np.int64),
            crebo_idx=self._crebo_idx)
        self._suggestions = suggestion_labels(self.quals, self.concepts)
        self._filters = FilterColumns.from_payloads(self.payloads, coords)
        self.gazetteer = getattr(ref, "gazetteer", None) if ref is not None else None
        self._places = PlaceIndex(self.gazetteer, self._filters, locations)
        del coords, locations
        evidence = EvidenceFinder(self.analyzer, self._query.corrector, bm25_q.doc_freq, len(self.quals),
                                  bm25_o.doc_freq, len(self.payloads))
        official = OfficialSkills(self.analyzer, [q.get("official_skills") or [] for q in self.quals])
        self._hits = HitBuilder(self.analyzer, evidence, self.payloads, self.quals, self.concepts,
                                concepts_per_qualification(self.quals, self.concepts, self._qrow), self._crebo_idx,
                                official)
        n_offerings = len(self.payloads)

        def own_hits(terms: frozenset[str]) -> np.ndarray:
            found = np.zeros(n_offerings, dtype=bool)
            found[bm25_o.docs_with(terms)] = True
            return found

        self._relevance = RelevanceJudge(evidence, self._hits.explainable, self._crebo_idx,
                                         [str(q.get("dossier") or "") for q in self.quals], own_hits)

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

    def _analyse(self, query: str) -> Query | None:
        """Validate and analyse; None when the query holds only stop words."""
        return self._query.analyse(query)

    def offering_scores(self, q: Query, arm: str, allowed: np.ndarray | None) -> np.ndarray:
        """Final relevance of every offering for one arm or "hybrid" (0 = not a candidate)."""
        return self._scorer.offering_scores(q, arm, allowed)

    # --- public API -------------------------------------------------------------------------------

    def search(self, query: str, filters: SearchFilters | None = None, *, limit: int = 10, offset: int = 0,
               arm: str = "hybrid", sort: str = "relevance") -> SearchResults:
        """Relevant offerings for ``query`` within ``filters`` (see :mod:`index.answer`): ``total`` and
        ``facets`` count relevant offerings only; with none inside the filters, ``nearest`` and ``reason``
        give the honest answer. Raises InvalidQueryError for an empty/over-long query, unknown filter values,
        place, arm or sort.
        """
        arms = self._scorer.arms(arm)
        if sort not in SORTS:
            raise InvalidQueryError(f"onbekende sortering {sort!r}; kies uit {', '.join(SORTS)}")
        if offset < 0 or not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen en offset ≥ 0 zijn")
        f = filters or SearchFilters()
        resolved, distance = self._places.for_request(f.place, f.radius_km, sort)
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
        # Relevance is decided on the fused (hybrid) scores whatever the arm; the arm only orders.
        fused = self._scorer.offering_scores(q, "hybrid", None)
        scores = fused if arms == ARMS else self._scorer.offering_scores(q, arm, None)
        judged = self._relevance.judge(fused, self._scorer.fused_quals(q), self._hits.query_words(q),
                                       self._scorer.qual_scores(q, "dense"))
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
        hits = [self._hits.hit(q, int(r), float(scores[r]), distance) for r in order[offset:offset + limit]]
        if len(rows):
            return SearchResults(hits, len(rows), facets, None, place=place_info)
        # The nearest alternatives pass the same decision as a match that may lead (core), never the tail.
        nearest = [self._hits.hit(q, int(r), float(scores[r]), distance, masks) for r in
                   nearest_rows(relevant & core, masks, scores, distance)] if masks else []
        where = describe_place(resolved, f.radius_km) if resolved is not None and resolved.place else ""
        reason = empty_reason(q.text, where, bool(set(masks) - {"place"}), [
            (h.title, h.provider, self._hits.near_location(h), h.distance_km) for h in nearest])
        return SearchResults([], 0, facets, reason, nearest=nearest, place=place_info)

    def _crebo_mask(self, crebos: list[str]) -> np.ndarray:
        rows = [self._qrow[c] for c in crebos if c in self._qrow]
        if not rows:
            raise InvalidQueryError(f"onbekende crebocode {crebos[0]!r}")
        return np.isin(self._crebo_idx, rows)

    @property
    def cache_stats(self) -> dict[str, int]:
        """Hits and misses of the per-place distance cache since load (the only cache of per-request
        arrays; analysed query texts are counted in :attr:`query_cache_stats`)."""
        return dict(self._places.stats)

    def clear_caches(self) -> None:
        """Forget everything memoised per query text or word (analyses, corrections, label probes), so the
        next searches run cold; benchmarks use it."""
        self._query.clear()
        self._labels.clear()

    @property
    def query_cache_stats(self) -> dict[str, int]:
        """Hits and misses of the analysed-query-text cache since load."""
        return dict(self._query.stats)

    def search_qualifications(self, query: str, *, limit: int = 10) -> list[QualificationHit]:
        """Qualifications ranked for ``query`` (all three arms fused), with matched skills and how many
        indexed offerings lead to each. Empty for a stop-words-only or unknown-words query."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen")
        q = self._analyse(query)
        if q is None or not q.known:
            return []
        scores = self._scorer.fused_quals(q)
        qw = self._hits.query_words(q)
        order = np.lexsort((np.arange(len(scores)), -scores))
        out = []
        for r in order[:limit]:
            if scores[r] <= 0:
                break
            row = self.quals[int(r)]
            out.append(QualificationHit(
                crebo=row["crebo"], name=row["name"], niveau=int(row["niveau"]), score=round(float(scores[r]), 4),
                matched_skills=self._hits.explain_skills(qw, self._hits.skills(q, int(r))),
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

    def group_offerings(self, key: Callable[[dict[str, Any]], str | None]) -> dict[str, Sequence[dict[str, Any]]]:
        """Offerings grouped by ``key(payload)`` (None: left out), in index order; the groups are views that
        parse a payload when it is read, so a memory-mapped index stays unparsed."""
        rows: dict[str, list[int]] = {}
        for i, payload in enumerate(self.payloads):
            k = key(payload)
            if k:
                rows.setdefault(k, []).append(i)
        return {k: PayloadRows(self.payloads, r) for k, r in rows.items()}

    @property
    def facet_values(self) -> dict[str, list[str]]:
        """Every value each filter accepts (for the UI's filter lists)."""
        return {k: list(v) for k, v in self._filters.values.items()}
