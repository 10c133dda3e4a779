"""Everything the API loads once at start-up (in `lifespan`) and shares between requests."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from threadpoolctl import threadpool_limits

from api.presenters import crebo_of
from index.encoders import load_encoder
from index.search import SearchEngine
from llo.pipeline import load_reference_data
from llo.settings import Settings
from skills.errors import IndexUnavailableError
from skills.matching import TextMatcher
from skills.reference import ReferenceData
from skills.vocabulary import Vocabulary, build_vocabulary

log = logging.getLogger(__name__)


@dataclass
class AppState:
    """Loaded resources. ``engine`` is None when no index has been built yet (health says so)."""

    settings: Settings
    ref: ReferenceData
    vocab: Vocabulary
    engine: SearchEngine | None = None
    index_error: str | None = None
    by_crebo: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _matcher: TextMatcher | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, settings: Settings) -> AppState:
        # Requests already run in parallel (worker processes × threadpool threads); letting every numpy /
        # FAISS call also fan out over its own BLAS/OpenMP threads only oversubscribes the cores, and their
        # spin-waiting showed up as the top cost under load. One native thread per call, per process.
        threadpool_limits(limits=1)
        ref = load_reference_data(settings)
        state = cls(settings=settings, ref=ref, vocab=build_vocabulary(ref))
        state.reload_index()
        return state

    def reload_index(self) -> None:
        """Load (or reload after a rebuild) the live index; the old engine keeps serving on failure."""
        try:
            encoder = load_encoder(self.settings.encoder, self.settings.model_dir)
            engine = SearchEngine.load(self.settings.index_dir, encoder, self.ref)
        except IndexUnavailableError as exc:
            log.warning("index not available: %s", exc)
            with self._lock:
                self.index_error = str(exc)
            return
        by_crebo: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for payload in engine.payloads:
            crebo = crebo_of(payload)
            if crebo:
                by_crebo[crebo].append(payload)
        with self._lock:
            self.engine, self.by_crebo, self.index_error = engine, dict(by_crebo), None

    def matcher(self) -> TextMatcher:
        """The text matcher (POST /api/match), built on first use from the loaded reference data."""
        with self._lock:
            if self._matcher is None:
                self._matcher = TextMatcher(self.ref, self.vocab)
            return self._matcher

    def require_engine(self) -> SearchEngine:
        engine = self.engine
        if engine is None:
            raise IndexUnavailableError(self.index_error or "no index loaded; run `llo index build`")
        return engine
