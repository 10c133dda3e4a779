from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from index.fuzzy import MIN_LABEL_SCORE, LabelMatcher, TermCorrector, suggest


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


def test_label_candidates_keep_every_close_label_score_exact() -> None:
    labels = ["heftruckchauffeur", "pedagogisch medewerker kinderopvang", "kok", "verzorgende ig", "lasser",
              "medewerker kinderopvang", "kok"]
    matcher = LabelMatcher(labels, [0, 1, 2, 3, 4, 1, 5], 6)
    for query, hints in [("ik wil heftruck rijden", ("heftruck",)), ("werken in de kinderopvang", ()),
                         ("verzorgende", ()), ("lasser", ())]:
        full = process.cdist([query], labels, scorer=fuzz.WRatio, score_cutoff=MIN_LABEL_SCORE,
                             dtype=np.uint8)[0].astype(np.float32)
        assert np.array_equal(matcher.label_scores(query, hints), full)
    scores = matcher.owner_scores("kok")
    assert scores[2] == scores[5] == 1.0  # a label shared by two owners scores for both


def test_stop_words_and_common_fragments_select_no_candidates() -> None:
    # 400 phrase labels share "en" and the fragment "werk"; only the one with a selective word is scored.
    labels = [f"taak{i} en onderhoudswerk" for i in range(400)] + ["lassen en solderen"]
    matcher = LabelMatcher(labels, list(range(401)), 401)
    chosen = set(matcher.candidates("lassen en werk", hints=("werk",)).tolist())
    assert chosen == {400}
    # A fragment inside few labels still selects them (substring evidence WRatio's partial scorers use).
    assert set(LabelMatcher(["onderhoudswerk", "kok"], [0, 1], 2).candidates("werk").tolist()) == {0}
