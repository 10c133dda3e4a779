"""SearchEngine: hybrid offering search and qualification search over a built index directory.

Ranking (see :mod:`index.hybrid`): each arm (BM25, dense, fuzzy) scores the query against qualification
documents and offering documents; an offering's arm score mixes its own match with its mapped
qualification's, and the arms are fused. Filters are boolean masks over *all* offerings applied before
ranking (the dense arm searches inside the filter through a FAISS id selector), so filtering never drops
a relevant offering that a post-filtered top-k would have lost.

Defined answers for awkward queries: empty or over-long → InvalidQueryError; only stop words, or no word
the index knows (another language, gibberish) → empty SearchResults with a Dutch ``reason``.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from index import layout
from index.dense import DenseIndex
from index.encoder import Encoder
from index.filters import FilterColumns, SearchFilters
from index.fuzzy import LabelMatcher, suggest
from index.hybrid import ARMS, FusionConfig, fuse, fuse_offerings, niveau_factor, normalise
from index.layout import check_encoder, read_manifest
from index.lexical import Analyzer, LexicalIndex, load_words, query_weights
from index.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Query, QueryAnalyser
from index.results import OfferingHit, QualificationHit, SearchResults
from skills.errors import IndexUnavailableError, InvalidQueryError
from skills.text import fold

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "OfferingHit", "QualificationHit", "SearchEngine",
           "SearchFilters", "SearchResults"]

MAX_LIMIT = 100
# An offering matched by meaning alone (no shared word) below this share of the query's best score is not
# a result (see _relevant). Set by inspecting score distributions on the demo index: semantic-only neighbours
# that are unrelated score under 0.15 of the best, related ones well above.
RELEVANCE_FLOOR = 0.2
DENSE_OFFERING_K = 200  # dense candidates per query among offerings (inside the filter)
FUZZY_LABEL_SHARE = 0.5  # fuzzy arm at qualification level: label similarity vs fuzzy-expanded BM25
SKILL_MIN_SIMILARITY = 0.5  # dense similarity for a skill concept to count as matched without shared words
MAX_MATCHED_SKILLS = 3
# Lexicon kinds whose terms are not fuzzy labels. Job titles and tools are names people type (with typos)
# as the whole query; task phrases and workplaces reach the index through BM25 and dense, and as labels they
# only add WRatio cost. (A concept without a kind, e.g. from an index built before kinds were stored, stays
# a label.)
NON_LABEL_LEXICON_KINDS = frozenset({"taak", "werkplek"})
SORTS = ("relevance", "start_date", "distance", "price")
DISTANCE_CACHE_PLACES = 32  # per-place distance arrays kept (8 bytes × offerings each)


class SearchEngine:
    """Read-only search over one index directory; load once, share between requests and threads (the
    only mutable state is a lock-guarded cache of per-place distance arrays)."""

    manifest: dict[str, Any]

    def __init__(self, directory: Path, manifest: dict[str, Any], encoder: Encoder, ref: Any) -> None:
        self.directory = directory
        self.manifest = manifest
        self.encoder = encoder
        self.fusion = FusionConfig(**manifest.get("fusion", {}))
        self._gazetteer = getattr(ref, "gazetteer", None) if ref is not None else None

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
        self._suggestions = sorted({fold(c["label"]) for c in self.concepts} | {fold(q["name"]) for q in self.quals})
        # Distances to every offering depend only on the place (not on the query): the last few places'
        # arrays are kept (searches within one place with varying words and filters reuse them).
        self._distance_cache: dict[tuple[float, float], np.ndarray] = {}
        self._distance_stats = {"hits": 0, "misses": 0}
        self._distance_lock = threading.Lock()
        self._filters = FilterColumns.from_payloads(
            self.payloads, [[(float(a), float(b)) for a, b in p.get("geo") or []] for p in self.payloads])

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
        """Ranked offerings for ``query`` within ``filters``; ``total`` and ``facets`` cover all candidates.

        Raises InvalidQueryError for an empty/over-long query, unknown filter values, arm or sort.
        """
        arms = self._arms(arm)
        if sort not in SORTS:
            raise InvalidQueryError(f"onbekende sortering {sort!r}; kies uit {', '.join(SORTS)}")
        if offset < 0 or not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen en offset ≥ 0 zijn")
        f = filters or SearchFilters()
        distance = self._distances(f, sort)
        masks = self._filters.masks(f, distance)
        q = self._analyse(query)
        if q is None:
            return SearchResults([], 0, {}, "de zoekvraag bevat alleen stopwoorden; noem een beroep, taak of vaardigheid")
        if not q.known and arms != ("dense",):
            return SearchResults([], 0, {}, "geen van de zoekwoorden komt voor in het aanbod "
                                            "(andere taal of spelling?); probeer andere woorden")
        allowed: np.ndarray | None = None
        for mask in masks.values():
            allowed = mask if allowed is None else allowed & mask
        scores = self.offering_scores(q, arm, allowed)
        candidates = self._relevant(q, scores)
        facets = self._filters.facets(candidates, masks)
        selected = candidates if allowed is None else candidates & allowed
        rows = np.flatnonzero(selected)
        total = len(rows)
        order = self._order(rows, scores, sort, distance, offset + limit)
        page = order[offset:offset + limit]
        hits = [self._hit(int(r), float(scores[r]), q, distance) for r in page]
        reason = None
        if not total:
            elsewhere = int(candidates.sum())
            reason = (f"geen passend aanbod binnen deze filters; zonder filters zijn er {elsewhere} treffers"
                      if elsewhere else "geen passend aanbod gevonden")
        return SearchResults(hits, total, facets, reason)

    def _relevant(self, q: Query, scores: np.ndarray) -> np.ndarray:
        """Which offerings count as results. An offering whose own text or qualification shares a (typo-
        corrected) word with the query always does; one found by meaning alone, or only by a fuzzy label
        alignment ("orderpicken" scores 67 against "koken" on shared letters), must reach RELEVANCE_FLOOR of
        the query's best score. So filters that leave only far-fetched neighbours give an honest "nothing
        fits here" instead of a page of unrelated offerings, and totals stay truthful."""
        lexical = (self._own_scores(q, "bm25", None) > 0) | (self._own_scores(q, "fuzzy", None) > 0)
        qual_words = (self._qual_scores(q, "bm25") > 0) | (self._bm25_q.scores(q.fuzzy_terms) > 0)
        lexical |= np.append(qual_words, False)[self._crebo_idx]
        best = float(scores.max()) if len(scores) else 0.0
        return (scores > 0) & (lexical | (scores >= best * RELEVANCE_FLOOR))

    def _distances(self, f: SearchFilters, sort: str) -> np.ndarray | None:
        if f.radius_km is not None and f.radius_km <= 0:
            raise InvalidQueryError("straal moet groter dan 0 km zijn")
        if f.place is None:
            if f.radius_km is not None:
                raise InvalidQueryError("een straal heeft een plaats of postcode nodig")
            if sort == "distance":
                raise InvalidQueryError("sorteren op afstand heeft een plaats of postcode nodig")
            return None
        if self._gazetteer is None:
            raise InvalidQueryError("zoeken op plaats is niet beschikbaar: geen geodata geladen")
        place = self._gazetteer.locate(f.place)
        if place is None:
            raise InvalidQueryError(f"onbekende plaats of postcode {f.place!r}")
        key = (float(place.lat), float(place.lon))
        with self._distance_lock:
            distance = self._distance_cache.pop(key, None)
            self._distance_stats["hits" if distance is not None else "misses"] += 1
        if distance is None:
            distance = self._filters.distances(*key)
            distance.flags.writeable = False  # shared between requests
        with self._distance_lock:
            self._distance_cache[key] = distance  # most recently used last
            while len(self._distance_cache) > DISTANCE_CACHE_PLACES:
                self._distance_cache.pop(next(iter(self._distance_cache)))
        return distance

    @property
    def cache_stats(self) -> dict[str, int]:
        """Hits and misses of the per-place distance cache since load (the only per-request cache)."""
        with self._distance_lock:
            return dict(self._distance_stats)

    def _order(self, rows: np.ndarray, scores: np.ndarray, sort: str, distance: np.ndarray | None,
               need: int) -> np.ndarray:
        """Rows in result order, at least the first ``need`` of them; ties and secondary order by relevance,
        then id (stable across runs)."""
        if sort == "relevance":
            if need < len(rows):
                # Only the first ``need`` places are shown: keep the rows scoring at least the need-th best
                # (ties at that score included, so the tie-break by id stays exact), then sort just those.
                kth = np.partition(scores[rows], len(rows) - need)[len(rows) - need]
                rows = rows[scores[rows] >= kth]
            return rows[np.lexsort((rows, -scores[rows]))]
        rel = -scores[rows]
        if sort == "distance" and distance is not None:
            key = distance[rows]
        elif sort == "price":
            key = np.nan_to_num(self._filters.price[rows].astype(np.float64), nan=np.inf)
        else:
            key = self._next_start(rows)
        return rows[np.lexsort((rows, rel, key))]

    def _next_start(self, rows: np.ndarray) -> np.ndarray:
        fc = self._filters
        first = np.full(fc.n, np.inf)
        upcoming = fc.start_days >= date.today().toordinal()
        np.minimum.at(first, fc.start_rows[upcoming], fc.start_days[upcoming].astype(np.float64))
        return np.asarray(first[rows])

    def _hit(self, row: int, score: float, q: Query, distance: np.ndarray | None) -> OfferingHit:
        p = self.payloads[row]
        qual = p.get("qualification") or {}
        q_row = int(self._crebo_idx[row])
        skills = self._matched_skills(q, q_row) if q_row >= 0 else []
        dist = None
        if distance is not None and np.isfinite(distance[row]):
            dist = round(float(distance[row]), 1)
        return OfferingHit(
            id=str(p["id"]), title=str(p["title"]), provider=str(p["provider"]), crebo=qual.get("crebo"),
            qualification_name=qual.get("name"), score=round(score, 4), matched_skills=skills, offering=p,
            distance_km=dist,
        )

    def _matched_skills(self, q: Query, q_row: int) -> list[str]:
        """Labels of the qualification's skill concepts that explain the match: shared stemmed words first,
        then dense similarity above SKILL_MIN_SIMILARITY (only when the query was encoded anyway)."""
        rows = self._concepts_of[q_row]
        if not rows:
            return []
        terms = set(q.fuzzy_terms)
        overlap = np.asarray([len(terms & self._concept_terms[r]) / max(1, len(self._concept_terms[r]))
                              for r in rows], dtype=np.float32)
        sims = np.zeros(len(rows), dtype=np.float32)
        if q.vector is not None and len(self._dense_c):
            sims = self._dense_c.scores_for(q.vector, np.asarray(rows, dtype=np.int64))
        keep = (overlap > 0) | (sims >= SKILL_MIN_SIMILARITY)
        order = np.lexsort((-sims, -overlap))
        out: list[str] = []
        for i in order:
            if keep[i] and self.concepts[rows[i]]["label"] not in out:
                out.append(self.concepts[rows[i]]["label"])
            if len(out) >= MAX_MATCHED_SKILLS:
                break
        return out

    def search_qualifications(self, query: str, *, limit: int = 10) -> list[QualificationHit]:
        """Qualifications ranked for ``query`` (all three arms fused), with matched skills and how many
        indexed offerings lead to each. Empty for a stop-words-only or unknown-words query."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen")
        q = self._analyse(query)
        if q is None or not q.known:
            return []
        scores = fuse({a: self._qual_scores(q, a) for a in ARMS}, self.fusion)
        order = np.lexsort((np.arange(len(scores)), -scores))
        out = []
        for r in order[:limit]:
            if scores[r] <= 0:
                break
            row = self.quals[int(r)]
            out.append(QualificationHit(
                crebo=row["crebo"], name=row["name"], niveau=int(row["niveau"]), score=round(float(scores[r]), 4),
                matched_skills=self._matched_skills(q, int(r)), n_offerings=int(row["n_offerings"]),
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
