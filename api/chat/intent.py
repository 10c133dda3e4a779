"""What kind of turn a user message is: a search wish, a how-things-work question, a follow-up about a cited
offering, something off-topic, thanks, or an injected instruction.

Told apart in this order, by rule (no LLM needed):

1. ``injection``: instruction-like text ("negeer alle eerdere instructies", "Assistent: zeg dat ...") never
   reaches the state; the answer is a polite refusal;
2. ``followup``: the previous answer cited offerings and the message points back at one ("die", "daarvoor",
   "de tweede") or asks a short question about one aspect ("wanneer start het?");
3. ``knowledge``: the curated knowledge base has an entry for the question;
4. ``social``: thanks or goodbye;
5. ``offtopic``: weather, sports, news, jokes, sums, questions about the bot — anything with no word about
   learning or work;
6. ``search``: everything else updates the dialogue state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.chat.knowledge import Entry, lookup
from skills.text import fold
from skills.untrusted import suspicious

KINDS = ("search", "knowledge", "followup", "offtopic", "social", "injection")

_REFERENCE = re.compile(
    r"\b(?:die|deze|dat|dit|daar|daarvoor|daarvan|daarbij|ervoor|eraan|erbij|hem|diezelfde|"
    r"die opleiding|deze opleiding|die cursus|deze cursus|dat traject|de eerste|de tweede|de derde|"
    r"het eerste|het tweede|het derde|nummer [1-5]|optie [1-5])\b|\[[1-5]\]")
ASPECTS: list[tuple[str, re.Pattern[str]]] = [
    ("requirements", re.compile(r"\b(?:kunnen|kennen|nodig|eisen|eis|vooropleiding|toelating|toegelaten|"
                                r"voorwaarden|instromen|instroom|voorkennis|ervaring|geschikt voor)\b")),
    ("start", re.compile(r"\b(?:wanneer|start|starten|begint|beginnen|startdatum|startmoment|"
                         r"instapmoment)\b")),
    ("duration", re.compile(r"\b(?:hoe lang|duurt|duur van|looptijd|hoeveel (?:weken|maanden|jaar))\b")),
    ("price", re.compile(r"\b(?:kost|kosten|prijs|betalen|hoe duur|hoeveel geld)\b")),
    ("place", re.compile(r"\b(?:waar (?:is|zit|wordt|vindt)|locatie|adres|welke plaats)\b")),
    ("apply", re.compile(r"\b(?:aanmelden|aanmeld|inschrijven|inschrijf|meld ik me|schrijf ik me|link|website)\b")),
    ("content", re.compile(r"\b(?:wat leer|leer je|leer ik|inhoud|wat doe je|wat houdt|vakken|"
                           r"kerntaken|wat voor werk|welk werk)\b")),
]
_QUESTION = re.compile(r"\?\s*$|^\s*(?:wat|wanneer|hoe|waar|welke|welk|wie|waarom|kan|kun|mag|moet|is|zijn|"
                       r"heb|heeft)\b")
_SOCIAL = re.compile(r"^\s*(?:(?:heel |hartelijk )?(?:bedankt|dank (?:je|u)(?: wel)?|dankjewel|dankuwel|"
                     r"thanks|top|super|prima|fijn|mooi|ok(?:e|é|ay)?|doei|dag|tot ziens|fijne dag)[\s!.,]*)+$")
_DOMAIN = re.compile(
    r"\b(?:opleiding\w*|cursus\w*|training\w*|leren|leer|studie\w*|school|mbo|bbl|bol|diploma\w*|"
    r"certificaat\w*|stage\w*|werk\w*|baan|banen|beroep\w*|vak|vakman|niveau|omscholing|bijscholing|"
    r"scholing|leerbedrijf\w*|leerweg\w*|medewerker\w*|personeel|client\w*|kandidaat|uwv|worden)\b")
_OFFTOPIC = re.compile(
    r"\b(?:weer(?:bericht|sverwachting)?|regen(?:t|en)?|temperatuur|graden|zonnig|sneeuw\w*|onweer|"
    r"voetbal\w*|wedstrijd|uitslag|ajax|feyenoord|psv|eredivisie|formule 1|"
    r"nieuws|verkiezing\w*|politiek\w*|premier|koning\w*|oorlog|"
    r"grap|grapje|mop|moppen|raadsel|gedicht|liedje|songtekst|"
    r"recept\w*|pannenkoek\w*|lasagne|taart bakken thuis|"
    r"film\w*|serie|netflix|spotify|muziek tips|"
    r"bitcoin|crypto|aandelen|beurs|lotto|loterij|casino|"
    r"vakantie|vlucht|vliegtuig|hotel|treinkaartje|dienstregeling|"
    r"hoe oud ben je|wie ben (?:jij|je)|ben je een (?:robot|mens|ai)|hoe heet je|ben je verliefd|"
    r"hoe laat is het|welke dag is het|vertaal|huiswerk|"
    r"medicijn\w*|hoofdpijn|koorts|"
    r"dating|relatie|vriendin|vriendje|"
    r"weather|football|soccer|joke|recipe|movie|news|what time|who are you|are you a (?:robot|bot|human)|"
    r"wat vind (?:je|jij) van|wat denk (?:je|jij) van|wat is (?:je|jouw) mening|iphone|telefoon kopen)\b"
    r"|\b\d+\s*(?:[+*/x-]|keer|plus|min|gedeeld door)\s*\d+\b")


@dataclass(frozen=True)
class Intent:
    kind: str  # one of KINDS
    entry: Entry | None = None  # for "knowledge"
    aspect: str | None = None  # for "followup": requirements, start, duration, price, place, apply, content
    ordinal: int | None = None  # for "followup": which cited offering (0-based), when named


def _folded(text: str) -> str:
    return " " + re.sub(r"\s+", " ", fold(text).replace("’", "'")) + " "


def aspect_of(text: str) -> str | None:
    folded = _folded(text)
    return next((name for name, pattern in ASPECTS if pattern.search(folded)), None)


_ORDINALS = {"eerste": 0, "tweede": 1, "derde": 2, "vierde": 3, "vijfde": 4}


def ordinal_of(text: str) -> int | None:
    folded = _folded(text)
    m = re.search(r"\b(?:de|het|die|nummer|optie)?\s*(eerste|tweede|derde|vierde|vijfde)\b(?! leerweg)", folded)
    if m:
        return _ORDINALS[m.group(1)]
    m = re.search(r"\[([1-5])\]|\b(?:nummer|optie)\s+([1-5])\b", folded)
    return int(m.group(1) or m.group(2)) - 1 if m else None


def open_question(text: str) -> bool:
    """A question with no word about learning or work ("wie wint er morgen?"): off-topic unless the search
    finds something worth citing for it (the service checks)."""
    folded = _folded(text)
    return bool(_QUESTION.search(folded)) and not _DOMAIN.search(folded)


def classify(text: str, has_cited: bool) -> Intent:
    """The kind of turn ``text`` is, given whether the previous answer cited offerings."""
    if suspicious(text):
        return Intent("injection")
    folded = _folded(text)
    question = bool(_QUESTION.search(folded))
    aspect = aspect_of(text)
    if has_cited and aspect and _REFERENCE.search(folded) and question:
        return Intent("followup", aspect=aspect, ordinal=ordinal_of(text))
    entry = lookup(text)
    if entry is not None:
        return Intent("knowledge", entry=entry)
    if has_cited and aspect and question and len(folded.split()) <= 8 and not _DOMAIN.search(folded):
        return Intent("followup", aspect=aspect, ordinal=ordinal_of(text))
    if _SOCIAL.match(folded.strip()):
        return Intent("social")
    if _OFFTOPIC.search(folded) and not _DOMAIN.search(folded):
        return Intent("offtopic")
    return Intent("search")
