"""ArmScorer: each retrieval arm's normalised scores for one analysed query, at qualification and offering level.

Ranking (see :mod:`index.hybrid`): each arm (BM25, dense, fuzzy) scores the query against qualification
documents and offering documents; an offering's arm score mixes its own match with its mapped
qualification's, and the arms are fused. Scores are computed over *all* offerings, so a filter never drops
a relevant offering a post-filtered top-k would lose.

Qualification-level scores depend on the query text and the index only; they are kept on the
:class:`~index.query.Query` (which :class:`~index.query.QueryAnalyser` caches for repeated query texts), so
a repeated query skips the label matcher and the qualification arms entirely. Offering-level arrays are
never cached (one per offering, they would cost memory per cached query).
"""

from __future__ import annotations

import numpy as np

from index.dense import DenseIndex
from index.encoders.protocol import Encoder
from index.fuzzy import LabelMatcher
from index.hybrid import ARMS, FusionConfig, fuse, fuse_offerings, niveau_factor, normalise
from index.lexical import LexicalIndex, query_weights
from index.query import Query
from skills.errors import InvalidQueryError
from skills.text import fold

DENSE_OFFERING_K = 200  # dense candidates per query among offerings (inside the filter)
FUZZY_LABEL_SHARE = 0.5  # fuzzy arm at qualification level: label similarity vs fuzzy-expanded BM25


class ArmScorer:
    """The arms over one loaded index. Read-only; safe to share between threads."""

    def __init__(self, encoder: Encoder, fusion: FusionConfig, *, bm25_q: LexicalIndex, bm25_o: LexicalIndex,
                 dense_q: DenseIndex, dense_o: DenseIndex, labels: LabelMatcher, qual_niveau: np.ndarray,
                 crebo_idx: np.ndarray) -> None:
        self.encoder = encoder
        self.fusion = fusion
        self.bm25_q, self.bm25_o = bm25_q, bm25_o
        self.dense_q, self.dense_o = dense_q, dense_o
        self.labels = labels
        self.qual_niveau = qual_niveau
        self.crebo_idx = crebo_idx
        self.n_offerings = len(crebo_idx)

    @staticmethod
    def arms(arm: str) -> tuple[str, ...]:
        """The arms ``arm`` stands for ("hybrid": all three). Raises InvalidQueryError for an unknown one."""
        if arm == "hybrid":
            return ARMS
        if arm not in ARMS:
            raise InvalidQueryError(f"onbekende zoekmethode {arm!r}; kies hybrid, bm25, dense of fuzzy")
        return (arm,)

    def vector(self, q: Query) -> np.ndarray:
        """The query's unit vector (the typo-corrected text, encoded once per Query)."""
        if q.vector is None:
            q.vector = np.asarray(self.encoder.encode_query([q.dense_text or q.text]), dtype=np.float32)[0]
        return q.vector

    def qual_scores(self, q: Query, arm: str) -> np.ndarray:
        """Normalised qualification-level scores of one arm, level hint applied (kept on ``q``)."""
        cached = q.qual.get(arm)
        if cached is not None:
            return cached
        if arm == "bm25":
            scores = normalise(self.bm25_q.scores(query_weights(q.terms)))
        elif arm == "dense":
            sims = self.dense_q.vectors @ self.vector(q)
            scores = normalise(sims, self.fusion.dense_floor_rank)
        elif arm == "fuzzy":
            lexical = normalise(self.bm25_q.scores(q.fuzzy_terms))
            labels = self.labels.owner_scores(fold(q.text), q.label_hints)
            scores = (1 - FUZZY_LABEL_SHARE) * lexical + FUZZY_LABEL_SHARE * normalise(labels)
        else:
            raise InvalidQueryError(f"onbekende zoekmethode {arm!r}; kies hybrid, bm25, dense of fuzzy")
        scores = np.asarray(scores * niveau_factor(self.qual_niveau, q.niveau, self.fusion), dtype=np.float32)
        scores.flags.writeable = False  # shared by every search of this query text
        q.qual[arm] = scores
        return scores

    def fused_quals(self, q: Query) -> np.ndarray:
        """All arms fused at qualification level (kept on ``q``)."""
        if q.fused_quals is None:
            q.fused_quals = fuse({a: self.qual_scores(q, a) for a in ARMS}, self.fusion)
        return q.fused_quals

    def own_scores(self, q: Query, arm: str, allowed: np.ndarray | None) -> np.ndarray:
        """Normalised offering-document scores of one arm (dense: top-k inside ``allowed``)."""
        if arm in ("bm25", "fuzzy"):
            found = q.own.get(arm)
            if found is None:
                found = q.own[arm] = self._lexical_own(q, arm)
            return found
        out = np.zeros(self.n_offerings, dtype=np.float32)
        ids, sims = self.dense_o.search(self.vector(q), DENSE_OFFERING_K, allowed)
        if len(ids):
            out[ids] = normalise(sims, min(self.fusion.dense_floor_rank, max(1, len(sims) - 1)))
        return out

    def _lexical_own(self, q: Query, arm: str) -> np.ndarray:
        """BM25 over offering documents with the typed terms (bm25) or with their typo corrections too
        (fuzzy). The fuzzy weights start with the typed terms at 1.0 in the same order, so its raw scores are
        the bm25 arm's plus the corrections' postings, added in the same order as a full pass would: one
        pass over the long postings instead of two, and none at all when nothing was corrected."""
        typed = query_weights(q.terms)
        if arm == "bm25" or "bm25_raw" not in q.own:
            q.own["bm25_raw"] = self.bm25_o.scores(typed)
        if arm == "bm25":
            return normalise(q.own["bm25_raw"])
        extra = list(q.fuzzy_terms)[len(typed):]
        if list(q.fuzzy_terms)[:len(typed)] != list(typed) or any(q.fuzzy_terms[t] != 1.0 for t in typed):
            return normalise(self.bm25_o.scores(q.fuzzy_terms))  # not the typed-first shape: a full pass
        if not extra:
            if "bm25" not in q.own:
                q.own["bm25"] = normalise(q.own["bm25_raw"])
            return q.own["bm25"]
        raw = q.own["bm25_raw"].copy()
        self.bm25_o.add_scores(raw, {t: q.fuzzy_terms[t] for t in extra})
        return normalise(raw)

    def offering_scores(self, q: Query, arm: str, allowed: np.ndarray | None) -> np.ndarray:
        """Final relevance of every offering (0 = not a candidate)."""
        arms = self.arms(arm)
        own = {a: self.own_scores(q, a, allowed) for a in arms}
        qual = {a: self.qual_scores(q, a) for a in arms}
        return fuse_offerings(own, qual, self.crebo_idx, self.fusion)
