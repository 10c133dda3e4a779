from __future__ import annotations

import numpy as np
import pytest

from index.lexical import Analyzer
from index.query import MAX_QUERY_WORDS, QueryAnalyser
from skills.errors import InvalidQueryError

KNOWN = ["heftruck", "chauffeur", "kinderopvang", "lassen", "werken"]


@pytest.fixture()
def analyser() -> QueryAnalyser:
    analyzer = Analyzer("dutch", KNOWN)
    stems = {t for w in KNOWN for t in analyzer.terms(w)}
    return QueryAnalyser(analyzer, lambda t: int(t in stems), lambda t: 0)


def test_known_words_are_left_alone(analyser: QueryAnalyser) -> None:
    q = analyser.analyse("Kinderopvang, niveau 3")
    assert q is not None and q.known and q.niveau == 3
    assert q.dense_text == "Kinderopvang, niveau 3"


def test_typos_are_corrected_for_fuzzy_terms_and_the_dense_text(analyser: QueryAnalyser) -> None:
    q = analyser.analyse("kinderopvnag?")
    assert q is not None and q.known
    assert "kinderopvang" in q.label_hints and q.dense_text == "kinderopvang?"
    assert max(w for t, w in q.fuzzy_terms.items() if t != "kinderopvnag") < 1.0  # corrections weigh less


def test_defined_answers_for_awkward_queries(analyser: QueryAnalyser) -> None:
    with pytest.raises(InvalidQueryError, match="lege zoekvraag"):
        analyser.analyse("   ")
    with pytest.raises(InvalidQueryError, match="te lang"):
        analyser.analyse("lassen " * (MAX_QUERY_WORDS + 1))
    assert analyser.analyse("de het een") is None  # stop words only
    q = analyser.analyse("xyzzy qwerty")
    assert q is not None and not q.known


def test_repeated_texts_share_their_text_results_but_not_their_search_state(analyser: QueryAnalyser) -> None:
    first = analyser.analyse("heftruck rijden")
    assert first is not None
    first.own["bm25"] = np.zeros(3, dtype=np.float32)
    first.text_results.qual["bm25"] = np.ones(2, dtype=np.float32)
    again = analyser.analyse("  heftruck rijden ")
    assert again is not None and again is not first
    assert again.text_results is first.text_results and "bm25" in again.qual
    assert again.own == {}
    assert analyser.stats == {"hits": 1, "misses": 1}
    analyser.clear()
    assert analyser.analyse("heftruck rijden").text_results is not first.text_results  # type: ignore[union-attr]


def test_the_cache_keeps_only_the_most_recent_texts() -> None:
    analyser = QueryAnalyser(Analyzer("dutch", KNOWN), lambda t: 1, lambda t: 0, cache_texts=2)
    a = analyser.analyse("lassen")
    analyser.analyse("heftruck")
    analyser.analyse("lassen")  # most recent again
    analyser.analyse("chauffeur")  # evicts "heftruck"
    assert analyser.analyse("lassen").text_results is a.text_results  # type: ignore[union-attr]
    assert analyser.stats["misses"] == 3
    analyser.analyse("heftruck")
    assert analyser.stats["misses"] == 4
