from __future__ import annotations

from pathlib import Path

import numpy as np

from index.lexical import Analyzer, LexicalIndex, known_words_from, known_words_from_words, words


def test_analyzer_stems_drops_stop_words_and_splits_compounds() -> None:
    analyzer = Analyzer("dutch", known_words_from(["heftruck chauffeur", "heftruck", "chauffeur"], min_count=1))
    terms = analyzer.terms("Ik wil heftruckchauffeur worden")
    assert "heftruck" in terms and "chauffeur" in terms
    assert "ik" not in terms and "wil" not in terms
    assert Analyzer("dutch").terms("de het een") == []


def test_bm25_scores_weighted_terms_and_round_trips(tmp_path: Path) -> None:
    analyzer = Analyzer("dutch")
    docs = ["lassen en snijden van metaal", "koken in de keuken", "kinderen begeleiden in de kinderopvang"]
    index = LexicalIndex.build([analyzer.terms(d) for d in docs])
    scores = index.scores({t: 1.0 for t in analyzer.terms("lassen")})
    assert int(np.argmax(scores)) == 0 and scores[1] == 0
    half = index.scores({t: 0.5 for t in analyzer.terms("lassen")})
    assert np.isclose(half[0], scores[0] / 2)
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert np.allclose(loaded.scores({t: 1.0 for t in analyzer.terms("keuken")}),
                       index.scores({t: 1.0 for t in analyzer.terms("keuken")}))
    assert loaded.doc_freq("onbekendwoord") == 0


def test_known_words_from_split_texts_with_counts_equals_counting_every_text() -> None:
    texts = ["lassen en solderen", "lassen", "lassen en solderen", "metaal"]
    split = [(words(t), n) for t, n in [("lassen en solderen", 2), ("lassen", 1), ("metaal", 1)]]
    assert known_words_from_words(split) == known_words_from(texts) == ["lassen", "solderen"]
    analyzer = Analyzer("dutch")
    assert analyzer.terms_of_words(words("Lassen en solderen")) == analyzer.terms("Lassen en solderen")


def test_topic_glued_to_a_filler_noun_is_found() -> None:
    # "lasopleiding" and "heftruckcursus" name a topic with a filler noun that is never a term itself.
    a = Analyzer(known_words=["lassen", "las", "kappers", "heftruck", "zorg"])
    assert "las" in a.terms("lasopleiding") and "kapper" in a.terms("Kappersopleiding")
    assert "heftruck" in a.terms("heftruckcursus")
    assert not set(a.terms("lasopleiding")) & set(a.terms("opleiding cursus training"))
    assert a.terms("opleidingen") == []
