"""Pipeline steps shared by the CLI, the API's admin routes and `llo demo`: the same code whichever edge asks.

crawl (:func:`start_crawl`, a process of its own) → map (:func:`map_offerings`) → index
(:func:`rebuild_index`). Each step reads what the previous one stored and uses the one Settings object it
is given.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from llo.settings import Settings

if TYPE_CHECKING:
    from index.live import BuildResult
    from skills.reference import ReferenceData

Progress = Callable[[str, int, int], None]
_MAP_BATCH = 500


@dataclass(frozen=True, slots=True)
class MapResult:
    """What a map step did: counts per method and per flag."""

    offerings: int
    methods: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def mapped(self) -> int:
        return sum(n for m, n in self.methods.items() if m != "unmapped")


def load_reference_data(settings: Settings) -> ReferenceData:
    """The reference data with the imported overlay (`llo data import`) applied."""
    from skills.reference import load_reference

    return load_reference(settings.reference_dir, overlay=settings.reference_overlay, lexicon=settings.lexicon_path)


def rebuild_index(settings: Settings, progress: Progress | None = None,
                  ref: ReferenceData | None = None) -> BuildResult:
    """Build a new index from the store's active offerings and mappings beside the live one and swap it
    in atomically. A failure leaves the live index untouched (and serving)."""
    from index.build import build_index
    from index.encoders import load_encoder
    from index.live import build_live
    from skills.vocabulary import build_vocabulary
    from store import open_store

    ref = ref or load_reference_data(settings)
    vocabulary = build_vocabulary(ref)
    encoder = load_encoder(settings.encoder, settings.model_dir)
    with closing(open_store(settings.store_url)) as store:
        store.init()
        offerings = list(store.offerings(include_stale=False))
        mappings = store.mappings()
    return build_live(settings.index_dir, lambda out: build_index(
        out, offerings, mappings, ref, vocabulary, encoder, progress=progress))


def map_offerings(settings: Settings, *, threshold: float | None = None, include_stale: bool = False,
                  ref: ReferenceData | None = None, progress: Progress | None = None) -> MapResult:
    """Map the store's offerings onto qualifications and save every mapping (replacing earlier ones).

    ``threshold`` defaults to :data:`skills.mapping.DEFAULT_THRESHOLD`; ``progress(step, done, total)``
    is called per batch."""
    from skills.mapping import DEFAULT_THRESHOLD, Mapper
    from skills.vocabulary import build_vocabulary  # scikit-learn: imported only when needed
    from store import open_store

    started = time.perf_counter()
    ref = ref or load_reference_data(settings)
    mapper = Mapper(ref, build_vocabulary(ref), threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    methods: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    with closing(open_store(settings.store_url)) as store:
        store.init()
        offerings = list(store.offerings(include_stale=include_stale))
        for start in range(0, len(offerings), _MAP_BATCH):
            batch = mapper.map_all(offerings[start:start + _MAP_BATCH])
            for mapping in batch:
                methods[mapping.method] += 1
                flags.update(mapping.flags)
            store.save_mappings(batch)
            if progress is not None:
                progress("map", min(start + _MAP_BATCH, len(offerings)), len(offerings))
    return MapResult(len(offerings), dict(sorted(methods.items())), dict(sorted(flags.items())),
                     round(time.perf_counter() - started, 2))


def settings_env(settings: Settings) -> dict[str, str]:
    """The process environment with ``settings`` as ``LLO_`` variables, for a child `llo` process that must
    use exactly these settings (not whatever the parent's environment says)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LLO_")} | settings.as_env()


def start_crawl(settings: Settings, providers_file: str | None) -> subprocess.Popen[bytes]:
    """Start `llo crawl --providers [FILE]` as a separate process (its own Twisted reactor and logs) that
    uses exactly ``settings`` (same store, data and reference directories); without a file it crawls the
    provider registry."""
    source = ["--providers", providers_file] if providers_file else ["--providers"]
    return subprocess.Popen([sys.executable, "-m", "llo", "crawl", *source, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=settings_env(settings))


def start_index_build(settings: Settings) -> subprocess.Popen[bytes]:
    """Start `llo index build` as a separate process: an API worker that rebuilds in process keeps the
    build's memory (RSS 330 -> 600 MB measured in issue 11); a child returns it when it exits."""
    return subprocess.Popen([sys.executable, "-m", "llo", "index", "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=settings_env(settings))
