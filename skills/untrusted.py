"""Crawled text is untrusted: find and drop instruction-override phrasing and markup.

Used where crawled text meets something that could obey or be steered by it: the LLM prompt (api/chat)
and the search index (ranking must not be moved by text addressed to a machine). The stored offering
keeps the page's text as found; the page shows it escaped.
"""

from __future__ import annotations

import re

from skills.text import fold

# Instruction-override phrasing (Dutch and English) that has no place in a description of a course.
INJECTION_PATTERNS = [re.compile(p) for p in (
    r"\b(?:negeer|vergeet|ignore|disregard|forget)\b.{0,40}\b(?:instructie|instructies|regels|opdracht|"
    r"instructions?|rules|prompt)\b",
    r"\b(?:eerdere|vorige|previous|prior|above)\s+(?:instructies|instructions|regels|rules)\b",
    r"\b(?:systeem|system|assistant|developer)\s*(?:prompt)?\s*:",
    r"\b(?:wachtwoord|password|api[- ]?key|token)\b",
    r"\b(?:je bent nu|you are now|act as|doe alsof)\b",
    r"\bmeld je nu aan via\b",
)]
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?(?:<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,200}>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def suspicious(text: str) -> bool:
    """Whether ``text`` carries instruction-override phrasing (an injection attempt)."""
    folded = fold(text)
    return any(p.search(folded) for p in INJECTION_PATTERNS)


def without_suspicious(text: str) -> str:
    """``text`` without its sentences that carry instruction-override phrasing (they inform nobody)."""
    return " ".join(s for s in _SENTENCE_END.split(text) if not suspicious(s))


def without_markup(text: str) -> str:
    """``text`` without script/style blocks and tags, spaces collapsed."""
    value = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    return re.sub(r"\s+", " ", value).strip()


def searchable(text: str) -> str:
    """The part of crawled text fit to rank by: no markup, no instruction-override sentences."""
    return without_suspicious(without_markup(text))
