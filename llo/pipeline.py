"""Pipeline steps shared by the CLI and the API's admin routes: the same code whichever edge asks.

Each step reads what the previous one stored and uses the one Settings object it is given.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from typing import TYPE_CHECKING

from llo.settings import Settings

if TYPE_CHECKING:
    from index.build import BuildResult
    from skills.reference import ReferenceData

Progress = Callable[[str, int, int], None]


def load_reference_data(settings: Settings) -> ReferenceData:
    """The reference data with the imported overlay (`llo data import`) applied."""
    from skills.reference import load_reference

    return load_reference(settings.reference_dir, overlay=settings.reference_overlay, lexicon=settings.lexicon_path)


def rebuild_index(settings: Settings, progress: Progress | None = None,
                  ref: ReferenceData | None = None) -> BuildResult:
    """Build a new index from the store's active offerings and mappings beside the live one and swap it
    in atomically. A failure leaves the live index untouched (and serving)."""
    from index.build import build_index, build_live
    from index.encoders import load_encoder
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


def start_crawl(settings: Settings, providers_file: str | None) -> subprocess.Popen[bytes]:
    """Start `llo crawl --providers [FILE]` as a separate process (its own Twisted reactor and logs); without a
    file it crawls the provider registry."""
    source = ["--providers", providers_file] if providers_file else ["--providers"]
    return subprocess.Popen([sys.executable, "-m", "llo", "crawl", *source, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
