"""Everything the API loads once at start-up (in `lifespan`) and shares between requests.

Every worker process watches the live index pointer (``index.live``) and reloads when it moves, so
workers serve the build the pointer names within about a second plus the load time, whoever built it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from threadpoolctl import threadpool_limits

from api.ratelimit import RateLimiter
from index.encoders import load_encoder
from index.live import live_target
from index.results import crebo_of
from index.search import SearchEngine
from llo.pipeline import load_reference_data
from llo.settings import Settings
from skills.errors import IndexUnavailableError
from skills.matching import TextMatcher
from skills.reference import ReferenceData
from skills.vocabulary import Vocabulary, build_vocabulary

log = logging.getLogger(__name__)
EXPORTS_PER_MINUTE = 12
INDEX_WATCH_SECONDS = 1.0  # how often each worker checks the live index pointer
ADMIN_FAILURES_ALLOWED = 5  # wrong admin tokens per client per 5 minutes before it is refused outright


@dataclass
class AppState:
    """Loaded resources. ``engine`` is None when no index has been built yet (health says so)."""

    settings: Settings
    ref: ReferenceData
    vocab: Vocabulary
    engine: SearchEngine | None = None
    index_error: str | None = None
    by_crebo: dict[str, Sequence[dict[str, Any]]] = field(default_factory=dict)
    # Per client: exports (each costs several searches) and failed admin tokens (no guessing at speed).
    export_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(EXPORTS_PER_MINUTE, 60.0))
    admin_failures: RateLimiter = field(default_factory=lambda: RateLimiter(ADMIN_FAILURES_ALLOWED, 300.0))
    loaded_build: str | None = None  # the build directory (live symlink target) the engine was loaded from
    _matcher: TextMatcher | None = field(default=None, repr=False)
    _coverage: dict[str, tuple[SearchEngine | None, dict[str, Any]]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _reload_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _failed_build: str | None = field(default=None, repr=False)  # not retried by the watcher

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
        """Load (or reload after a rebuild) the live index; the old engine keeps serving on failure.
        The build is read through the directory the live symlink points at *now*, so ``loaded_build``
        names exactly what is served even if the pointer moves during the load."""
        with self._reload_lock:
            self._reload()

    def refresh_if_moved(self) -> bool:
        """Reload when the live pointer names another build than the one served (a build by the CLI or
        by another worker's reindex). Returns whether it reloaded."""
        target = live_target(self.settings.index_dir)
        if target is None or target in (self.loaded_build, self._failed_build):
            return False
        log.info("live index moved to %s; reloading", target)
        with self._reload_lock:
            if live_target(self.settings.index_dir) == self.loaded_build:
                return False
            self._reload()
        return True

    def watch_index(self, stop: threading.Event, interval: float = INDEX_WATCH_SECONDS) -> threading.Thread:
        """Start a daemon thread that calls :meth:`refresh_if_moved` every ``interval`` s until ``stop``."""
        def loop() -> None:
            while not stop.wait(interval):
                try:
                    self.refresh_if_moved()
                except Exception:  # a broken build must not stop the watcher; the old engine serves on
                    log.exception("reloading the moved index failed")

        thread = threading.Thread(target=loop, daemon=True, name="llo-index-watch")
        thread.start()
        return thread

    def _reload(self) -> None:
        index_dir = self.settings.index_dir
        target = live_target(index_dir)
        directory = index_dir.parent / target if target else index_dir
        try:
            encoder = load_encoder(self.settings.encoder, self.settings.model_dir)
            engine = SearchEngine.load(directory, encoder, self.ref)
        except IndexUnavailableError as exc:
            log.warning("index not available: %s", exc)
            with self._lock:
                self.index_error = str(exc)
                self._failed_build = target
            return
        # Row views, not payload dicts: a memory-mapped index stays unparsed (index.payloads).
        by_crebo = engine.group_offerings(crebo_of)
        with self._lock:
            self.engine, self.by_crebo, self.index_error = engine, by_crebo, None
            self.loaded_build = target

    def coverage(self, compute: Callable[[Sequence[dict[str, Any]]], dict[str, Any]],
                 key: str = "coverage") -> dict[str, Any]:
        """``compute(payloads)`` of the served index, computed once per loaded index and ``key`` (it reads
        every payload; the answer changes only when the index does)."""
        engine = self.engine
        payloads: Sequence[dict[str, Any]] = (
            engine.payloads if engine is not None else [p for items in self.by_crebo.values() for p in items])
        with self._lock:
            cached = self._coverage.get(key)
            if cached is not None and cached[0] is engine:
                return cached[1]
        result = compute(payloads)
        with self._lock:
            self._coverage[key] = (engine, result)
        return result

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
