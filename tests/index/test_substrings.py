from __future__ import annotations

from index.substrings import SuffixIndex

TOKENS = ["heftruckchauffeur", "chauffeur", "heftruck", "kok", "vrachtwagenchauffeur"]


def test_containing_finds_exactly_the_tokens_a_scan_finds() -> None:
    index = SuffixIndex(TOKENS, 4)
    for word in ["chauffeur", "heft", "ruck", "wagen", "auff", "xyzw", "heftruckchauffeur"]:
        expected = tuple(i for i, tok in enumerate(TOKENS) if word in tok)
        assert index.containing(word) == expected, word


def test_words_shorter_than_the_minimum_find_nothing() -> None:
    assert SuffixIndex(TOKENS, 4).containing("kok") == ()
