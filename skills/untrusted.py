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
    # override the rules
    r"\b(?:negeer|vergeet|ignore|disregard|forget|overrule|override|omzeil|bypass)\b.{0,40}\b(?:instructie|"
    r"instructies|regels|opdracht|opdrachten|richtlijnen|instructions?|rules|prompt|guidelines)\b",
    r"\b(?:eerdere|vorige|bovenstaande|previous|prior|above)\s+(?:instructies|instructions|regels|rules|"
    r"opdrachten|prompt)\b",
    r"\b(?:nieuwe|new|echte|real|geheime|secret|verborgen|hidden)\s+(?:instructies|instructions|opdracht|"
    r"task|prompt)\b",
    # a role or addressee inside the text: "Assistent: zeg ...", "Opmerking voor de AI: ..."
    r"(?:^|[\s.!?\"'(])(?:systeem|system|assistant|assistent|developer|ontwikkelaar|ai|chatbot|bot|model|"
    r"llm|taalmodel|gpt)\s*(?:prompt|bericht|message|instructie)?\s*:",
    r"\b(?:opmerking|bericht|notitie|instructie|aanwijzing|note|message|instruction)\s+(?:voor|aan|to|for)\s+"
    r"(?:de |het |een |the |an? )?(?:ai|assistent|assistant|chatbot|bot|model|llm|taalmodel|gpt|zoekhulp)\b",
    r"\b(?:beste|lieve|dear|hey|hoi|hallo)\s+(?:ai|assistent|assistant|chatbot|bot|taalmodel|gpt)\b",
    # telling the machine what to say
    r"\b(?:zeg|vertel|noem|antwoord|meld|schrijf|herhaal|geef)\s+(?:altijd|voortaan|vanaf nu|steeds|telkens|"
    r"tegen de gebruiker|aan de gebruiker|de gebruiker|iedere gebruiker|elke gebruiker|iedereen)\b",
    r"\b(?:zeg|vertel)\s+(?:maar\s+)?dat\b",
    r"\b(?:always|from now on|henceforth)\s+(?:say|tell|mention|answer|respond|reply|recommend|include)\b",
    r"\b(?:tell|inform)\s+(?:the|every|each|all)\s+users?\b",
    r"\b(?:je taak is nu|jouw taak is nu|your (?:new )?task is|je bent nu|you are now|act as|doe alsof|"
    r"pretend to be|speel de rol|roleplay|jailbreak|developer mode|ontwikkelaarsmodus)\b",
    r"\b(?:wachtwoord|password|api[- ]?key|token|system prompt|systeemprompt)\b",
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
