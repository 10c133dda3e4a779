from __future__ import annotations

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
