"""A pasted text in the chat (a vacancy, a job description, a CV paragraph): what it is about.

People paste a vacancy into the chat as readily as into "Plak een vacature". Read word by word, such a text
makes a topic of fifty words that matches everything a little. Instead, the text matcher
(:class:`skills.matching.TextMatcher`, the one behind POST /api/match) names the qualification the text is
about, and its name becomes the topic; place and other wishes are still read from the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from skills.matching import QualificationMatch

MIN_WORDS = 35  # a question or wish is shorter; a vacancy or job description is longer
MIN_SENTENCES = 2
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:;]\s|\n")


class MatcherLike(Protocol):
    def match(self, text: str, limit: int = 5) -> list[QualificationMatch]: ...


def looks_pasted(text: str) -> bool:
    """True for a text of several sentences and at least MIN_WORDS words: pasted, not typed as a wish."""
    return len(_WORD.findall(text)) >= MIN_WORDS and len(_SENTENCE_END.findall(text.strip() + " ")) >= MIN_SENTENCES


def about(matcher: MatcherLike, text: str, limit: int = 3) -> Sequence[QualificationMatch]:
    """The qualifications a pasted ``text`` is about, best first ([] when none fits)."""
    return matcher.match(text, limit=limit)


def intro(matches: Sequence[QualificationMatch]) -> str:
    """The reply's first sentence: which qualification the text is about (and the runner-up, if any)."""
    best = matches[0]
    text = f"Je tekst gaat over het werk van {best.name} (mbo-kwalificatie, crebo {best.crebo}"
    text += f", niveau {best.niveau})." if best.niveau else ")."
    if len(matches) > 1:
        text += f" Het lijkt ook op {matches[1].name}."
    return text
