"""A small real index, built once per session the way `make demo` does it, and the API app over it.

Pipeline: small sample web → extract_page over its pages (what the crawler would store) → SQLite store →
Mapper → build_index (with the project's static encoder, quick-trained once per session) → SearchEngine →
AppState → create_app → TestClient. A second index holds the same pages with the prompt-injection text
removed, for the safety tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.chat import ChatService
from api.chat.llm import LlmClient
from api.main import create_app
from api.state import AppState
from crawler.extract import extract_page
from index.build import build_index
from index.encoders import load_encoder
from index.encoders.protocol import Encoder
from index.results import crebo_of
from index.search import SearchEngine
from llo.settings import Settings
from sampleweb import build_sampleweb, load_pages, load_sites, load_truth
from sampleweb.paths import file_for
from sampleweb.wording import INJECTION_SCRIPTS, INJECTIONS
from skills.mapping import Mapper
from skills.model import Offering
from skills.reference import ReferenceData, load_reference
from skills.vocabulary import Vocabulary, build_vocabulary
from store.open import open_store

TODAY = date(2026, 11, 23)  # the chat's "today" in tests, so timing phrases resolve the same every run


@dataclass
class Built:
    """Everything the API tests share."""

    root: Path
    reference_dir: Path
    sampleweb: Path
    ref: ReferenceData
    vocab: Vocabulary
    encoder: Encoder
    offerings: list[Offering]
    injection_ids: set[str]  # offerings whose page carries prompt-injection text
    index_dir: Path
    clean_index_dir: Path  # same offerings, injection text removed from their descriptions


def extract_sampleweb(root: Path) -> tuple[list[Offering], set[str]]:
    """Offerings of every allowed page of the sample web at ``root`` (as the crawler would store them)
    and the ids of those on prompt-injection pages."""
    sites = {s.slug: s for s in load_sites(root)}
    offerings: list[Offering] = []
    injected: set[str] = set()
    for page in load_pages(root):
        rel = file_for(page.path)
        if rel is None or page.robots_disallowed:
            continue
        ctype = "application/json" if rel.endswith(".json") else "text/html"
        result = extract_page((root / "sites" / page.site / rel).read_bytes(),
                              f"http://{page.site}.example.nl{page.path}", provider=sites[page.site].name,
                              content_type=ctype)
        offerings += result.offerings
        if page.injection:
            injected |= {o.id for o in result.offerings}
    return offerings, injected


def without_injection(o: Offering) -> Offering:
    """The offering as its page would read without the injected text and script."""
    text = o.description
    for snippet in [*INJECTIONS, *INJECTION_SCRIPTS, *(re.sub(r"<[^>]+>", "", s) for s in INJECTION_SCRIPTS)]:
        text = text.replace(snippet, "")
    return replace(o, description=re.sub(r"[ \t]+", " ", text).strip())


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path, static_model_dir: Path) -> Built:
    root = tmp_path_factory.mktemp("api")
    ref = load_reference(reference_dir)
    vocab = build_vocabulary(ref)
    sampleweb = root / "sampleweb"
    build_sampleweb(sampleweb, reference_dir, small=True)
    extracted, injected = extract_sampleweb(sampleweb)
    assert injected, "the small sample web should hold prompt-injection pages"

    store = open_store(f"sqlite:///{root / 'llo.sqlite3'}")
    store.init()
    store.import_offerings(extracted)
    offerings = list(store.offerings())
    mappings = {m.offering_id: m for m in Mapper(ref, vocab).map_all(offerings)}
    store.save_mappings(mappings.values())
    mappings = store.mappings()
    store.close()

    encoder = load_encoder("static", static_model_dir)
    index_dir = root / "index"
    build_index(index_dir, offerings, mappings, ref, vocab, encoder)
    clean_dir = root / "index-clean"
    build_index(clean_dir, [without_injection(o) if o.id in injected else o for o in offerings], mappings,
                ref, vocab, encoder)
    return Built(root=root, reference_dir=reference_dir, sampleweb=sampleweb, ref=ref, vocab=vocab, encoder=encoder, offerings=offerings,
                 injection_ids=injected, index_dir=index_dir, clean_index_dir=clean_dir)


def make_state(b: Built, index_dir: Path, **settings: Any) -> AppState:
    """An AppState over the index at ``index_dir`` (settings isolated in the test's data dir)."""
    engine = SearchEngine.load(index_dir, b.encoder, b.ref)
    by_crebo: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for payload in engine.payloads:
        crebo = crebo_of(payload)
        if crebo:
            by_crebo[crebo].append(payload)
    cfg = Settings(data_dir=b.root / "data", reference_dir=b.reference_dir, database_url=None, **settings)
    return AppState(settings=cfg, ref=b.ref, vocab=b.vocab, engine=engine, by_crebo=dict(by_crebo))


def make_client(state: AppState, llm: LlmClient | None = None) -> TestClient:
    """A TestClient over ``state``; the chat uses ``llm`` (None: built-in only) and today = TODAY."""
    app = create_app(state.settings, state)
    app.state.llo_chat = ChatService(state.ref.gazetteer, llm, today=lambda: TODAY,
                                     qualifications=state.ref.qualifications, matcher=state.matcher)
    return TestClient(app)


@pytest.fixture(scope="session")
def state(built: Built) -> AppState:
    return make_state(built, built.index_dir)


@pytest.fixture(scope="session")
def client(state: AppState) -> Iterator[TestClient]:
    with make_client(state) as c:
        yield c


@pytest.fixture(scope="session")
def engine(state: AppState) -> SearchEngine:
    return state.require_engine()


@pytest.fixture(scope="session")
def truth(built: Built) -> list[Any]:
    return load_truth(built.sampleweb)
