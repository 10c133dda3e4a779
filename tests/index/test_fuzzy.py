from __future__ import annotations

from index.fuzzy import LabelMatcher, TermCorrector, suggest


def test_corrector_fixes_typos_only_for_unknown_words() -> None:
    corrector = TermCorrector(["heftruck", "lassen", "kinderopvang"])
    assert corrector.corrections("heftruk")[0][0] == "heftruck"
    assert corrector.corrections("lassen") == []
    assert corrector.corrections("xyz") == []


def test_label_matcher_scores_owners() -> None:
    matcher = LabelMatcher(["pedagogisch medewerker", "kok", "lasser"], [0, 1, 2], 3)
    scores = matcher.owner_scores("pedagogish medewerkr")
    assert scores.argmax() == 0 and scores[1] == 0


def test_suggest_prefix_then_typo_tolerant() -> None:
    labels = ["lasser", "lassen van metaal", "kok"]
    assert suggest("las", labels, 2) == ["lasser", "lassen van metaal"]
    assert "lasser" in suggest("lsser", labels, 3)
