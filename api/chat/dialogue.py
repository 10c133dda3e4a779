"""The built-in, deterministic understanding of a Dutch chat request (no LLM needed).

Recognised, in this order, and cut out of the text so the rest is the topic: budget, timing, radius and
place, niveau, leerweg, offering type, who is asking. What remains, minus greetings and generic filler
("ik zoek een opleiding"), is the skill or occupation wish that is searched for. The word lists are
general Dutch phrasing for these slots, not tuned to any evaluation query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from api.chat.understanding import PERSONAS, Understanding
from skills.model import Leerweg, OfferingType
from skills.text import STOP_WORDS, fold

MAX_TOPIC_WORDS = 30

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


class GazetteerLike(Protocol):
    def locate(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Message:
    role: str  # "user" | "assistant"
    content: str


# Words that say nothing about *what* to learn: greetings, request phrasing, generic education words.
FILLER = frozenset("""
    hoi hallo hey hi goedemorgen goedemiddag goedenavond dag beste hee
    zoek zoeken zoekt gezocht wil wilt willen graag zou zouden kun kunt kunnen kan mag mogen moet moeten
    help helpen hulp advies adviseren vraag vragen informatie info tips tip weet weten vertel laat zien
    opleiding opleidingen cursus cursussen training trainingen scholing omscholing omscholen bijscholing
    bijscholen studie studies les lessen leren volgen doen starten beginnen start begin aanbod mogelijkheden
    mogelijkheid optie opties iets wat welke welk waar hoe wie er ergens soort soorten passend passende
    geschikt geschikte goed goede leuk leuke nieuw nieuwe ander andere graag alsjeblieft alstublieft aub
    bedankt dank thanks please ok oke oké ja nee misschien eigenlijk echt gewoon heel erg beetje
    werk werken baan banen beroep beroepen vak vakken richting sector branche carriere switch overstap
    worden word wordt mbo niveau leerweg plaats plek regio buurt omgeving km kilometer euro budget prijs
    kosten kost tijd snel mogelijk liefst bij voorkeur voorkeur persoon mensen iemand
    client clienten klant klanten kandidaat kandidaten deelnemer medewerkers werknemers personeel collega
    collegas team bedrijf organisatie werkgever werkzoekende adviseur uwv
    via traject trajecten route manier onze ons wij we jullie
""".split())  # noqa: SIM905 - a word list reads best as text

_NUM = r"(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,(\d{1,2}))?"
_BUDGET_RES = [
    re.compile(r"(?:€|\beur\b|\beuro\b)\s*" + _NUM + r"(?:,-)?"),
    re.compile(r"\b" + _NUM + r"\s*(?:€|\beuro\b|\beur\b)"),
    re.compile(r"\bbudget\s*(?:van|is|:)?\s*" + _NUM),
]
_BUDGET_CUE = re.compile(r"\b(?:max(?:imaal|imum)?|tot|hooguit|onder|minder dan|niet meer dan|"
                         r"niet duurder dan|goedkoper dan|budget(?: van| is)?|voor)\s*$")
_FREE = re.compile(r"\b(?:gratis|kosteloos|zonder kosten|geen kosten|niks kost|niets kost|kost niets|kost niks)\b")

_RADIUS = re.compile(r"\b(?:binnen|max(?:imaal)?|tot|hooguit|straal van|niet verder dan)?\s*(\d{1,3})\s*"
                     r"(?:km|kilometer)s?\b")
_POSTCODE = re.compile(r"\b([1-9]\d{3})(?:\s?[a-z]{2})?\b")
_STRONG_PLACE_CUE = re.compile(r"\b(?:in de buurt van|in de omgeving van|omgeving|regio|rond|rondom|nabij|"
                               r"dichtbij|dicht bij|km van|km rond|km om|van|vanuit|woon in|woont in|"
                               r"wonend in|wonen in|postcode)\s+$")
_WEAK_PLACE_CUE = re.compile(r"\b(?:in|bij|te|uit|naar)\s+$")

_NIVEAU = re.compile(r"\b(?:mbo[- ]?)?niveau[- ]?([1-4])(?:\s*(?:of|en|/|,|-|tot)\s*([1-4]))?\b"
                     r"|\bmbo[- ]?([1-4])(?:\s*(?:of|en|/|,|-)\s*([1-4]))?\b"
                     r"|\bentree(?:opleiding|niveau)?\b")

_LEERWEG: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"\bderde leerweg\b"), [Leerweg.DERDE_LEERWEG.value]),
    (re.compile(r"\bbbl\b|\bwerkend leren\b|\bwerken en leren\b|\bleren en werken\b|\bleerwerkbaan\b|"
                r"\bleer-werkbaan\b|\bberoepsbegeleidende leerweg\b"), [Leerweg.BBL.value]),
    (re.compile(r"\bbol\b|\bvoltijds?\b|\bdagopleiding\b|\bfulltime\b|\bberoepsopleidende leerweg\b"),
     [Leerweg.BOL.value]),
    (re.compile(r"\bdeeltijd\b|\bparttime\b|\bavondopleiding(?:en)?\b|\bavondles(?:sen)?\b|\bavondschool\b|"
                r"\bs avonds\b|\bin de avond\b|\bavonden\b"), [Leerweg.DEELTIJD.value]),
    (re.compile(r"\bnaast (?:mijn|je|het|hun|zijn|haar|ons|hun|het eigen) (?:werk|baan)\b"),
     [Leerweg.BBL.value, Leerweg.DEELTIJD.value]),
]

_TYPE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:mbo-?|deel)?certificaat\b|\b(?:mbo-?|deel)?certificaten\b"), OfferingType.MBO_CERTIFICAAT.value),
    (re.compile(r"\bpraktijkverklaring(?:en)?\b"), OfferingType.PRAKTIJKVERKLARING.value),
    (re.compile(r"\bkeuzede(?:el|len)\b"), OfferingType.KEUZEDEEL.value),
    (re.compile(r"\b(?:mbo-?)?diploma(?:'s)?\b|\bhele opleiding\b|\bvolledige opleiding\b"),
     OfferingType.MBO_DIPLOMA.value),
]

_PERSONA: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:mijn|onze|ons|de|het) (?:medewerkers|werknemers|personeel|mensen|team|collega'?s)\b|"
                r"\bpersoneel\b|\bcollega'?s?\b|\bwerkgever\b|\bmijn bedrijf\b|\bons bedrijf\b|"
                r"\bwerknemers\b|\b(?:wij|we) (?:zoeken|hebben|willen|zijn op zoek)\b|"
                r"\bvoor (?:onze|ons)\b(?= \w)"), "werkgever"),
    (re.compile(r"\b(?:mijn|onze|een|de) (?:client|clienten|klant|klanten|kandidaat|kandidaten|deelnemer)\b|"
                r"\bclient(?:en)?\b|\bklant\b|\bkandidaat\b|\buwv\b|\bjobcoach\b|\bconsulent\b|"
                r"\b(?:werk|loopbaan|re-?integratie)?adviseur\b|\bre-?integratie\b"), "adviseur"),
    (re.compile(r"\bwerkzoekend(?:e)?\b|\bwerkloos\b|\bzonder werk\b|\bgeen werk\b|\buitkering\b"),
     "werkzoekende"),
]

_ASAP = re.compile(r"\b(?:zo snel mogelijk|zsm|z\.s\.m\.?|zo spoedig mogelijk|per direct|direct|meteen|"
                   r"asap|op korte termijn|binnenkort|nu al)\b")
_SEASONS = {
    "na de zomer": ((8, 15), (12, 31)), "na de zomervakantie": ((8, 15), (12, 31)),
    "in het najaar": ((9, 1), (11, 30)), "najaar": ((9, 1), (11, 30)), "herfst": ((9, 1), (11, 30)),
    "in het voorjaar": ((3, 1), (5, 31)), "voorjaar": ((3, 1), (5, 31)), "lente": ((3, 1), (5, 31)),
    "na de kerst": ((1, 1), (1, 31)), "na nieuwjaar": ((1, 1), (1, 31)), "deze zomer": ((6, 1), (8, 31)),
    "in de zomer": ((6, 1), (8, 31)),
}
_SEASON_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in _SEASONS), key=len, reverse=True))
                        + r")\b")
_MONTH_RE = re.compile(r"\b(?:(vanaf|per|na|from|voor|uiterlijk)\s+)?(?:begin\s+|eind\s+|half\s+|medio\s+)?("
                       + "|".join(MONTHS) + r")(?:\s+(20\d\d))?\b")
_YEAR_RE = re.compile(r"\b(volgend jaar|dit jaar|(?:in|vanaf)\s+(20\d\d))\b")


class _Text:
    """Folded text from which recognised phrases are cut (replaced by spaces, keeping offsets)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = " " + re.sub(r"\s+", " ", fold(raw).replace("’", "'")) + " "

    def cut(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def find(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return list(pattern.finditer(self.text))


def _number(whole: str, cents: str | None) -> float:
    return float(re.sub(r"[.\s]", "", whole)) + (int(cents) / 10 ** len(cents) if cents else 0.0)


def _budget(t: _Text) -> float | None:
    for m in t.find(_FREE):
        t.cut(m.start(), m.end())
        return 0.0
    for pattern in _BUDGET_RES:
        for m in t.find(pattern):
            value = _number(m.group(1), m.group(2))
            cue = _BUDGET_CUE.search(t.text[:m.start()])
            t.cut(cue.start() if cue else m.start(), m.end())
            return value
    return None


def _next_date(today: date, month: int, day: int, year: int | None = None) -> date:
    """The next (month, day) on or after ``today`` (this year, else next), unless ``year`` is given."""
    if year is not None:
        return date(year, month, day)
    candidate = date(today.year, month, day)
    return candidate if candidate >= today or month == today.month else date(today.year + 1, month, day)


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def _timing(t: _Text, today: date) -> tuple[date | None, date | None, str | None]:
    """(start_from, start_to, phrase) for the first timing phrase found."""
    m = t.find(_ASAP)
    if m:
        t.cut(m[0].start(), m[0].end())
        return today, today + timedelta(days=120), "zo snel mogelijk"
    m = t.find(_SEASON_RE)
    if m:
        phrase = m[0].group(0)
        (m1, d1), (m2, d2) = _SEASONS[phrase]
        start = _next_date(today, m1, d1)
        if start < today:
            start = today
        end_year = start.year + (1 if (m2, d2) < (m1, d1) else 0)
        t.cut(m[0].start(), m[0].end())
        return start, date(end_year, m2, d2), phrase
    m = t.find(_MONTH_RE)
    if m:
        cue, name, year_text = m[0].group(1), m[0].group(2), m[0].group(3)
        month = MONTHS.index(name) + 1
        start = _next_date(today, month, 1, int(year_text) if year_text else None)
        t.cut(m[0].start(), m[0].end())
        phrase = m[0].group(0).strip()
        if cue == "na":
            return _month_end(start.year, month) + timedelta(days=1), None, phrase
        if cue in ("vanaf", "per", "from"):
            return max(start, today), None, phrase
        if cue in ("voor", "uiterlijk"):
            return today, start - timedelta(days=1), phrase
        return max(start, today), _month_end(start.year, month), phrase
    m = t.find(_YEAR_RE)
    if m:
        t.cut(m[0].start(), m[0].end())
        if m[0].group(1) == "volgend jaar":
            return date(today.year + 1, 1, 1), date(today.year + 1, 12, 31), "volgend jaar"
        if m[0].group(1) == "dit jaar":
            return today, date(today.year, 12, 31), "dit jaar"
        year = int(m[0].group(2))
        return max(date(year, 1, 1), today), date(year, 12, 31), f"in {year}"
    return None, None, None


def _span_words(text: str, start: int, max_words: int = 4) -> list[tuple[str, int]]:
    """Candidate place spans starting at ``start``: (span, end offset), longest first."""
    words = list(re.finditer(r"[a-z0-9'\-]+", text[start:]))
    out: list[tuple[str, int]] = []
    for n in range(min(max_words, len(words)), 0, -1):
        chunk = words[:n]
        # stop at a gap wider than one space (a cut phrase lies between)
        if any(chunk[i + 1].start() - chunk[i].end() > 1 for i in range(n - 1)):
            continue
        out.append((text[start + chunk[0].start():start + chunk[-1].end()], start + chunk[-1].end()))
    return out


def _place(t: _Text, gazetteer: GazetteerLike | None) -> tuple[str | None, float | None]:
    """(place, radius_km) when a known place or postcode is named; the radius when one is given."""
    radius: float | None = None
    for m in t.find(_RADIUS):
        radius = float(m.group(1))
        t.cut(m.start(), m.end())
        break
    if gazetteer is None:
        return None, radius
    for m in t.find(_POSTCODE):
        if gazetteer.locate(m.group(1)) is not None:
            t.cut(m.start(), m.end())
            return m.group(1), radius
    for word in re.finditer(r"[a-z0-9'\-]+", t.text):
        before = t.text[:word.start()]
        strong = _STRONG_PLACE_CUE.search(before)
        weak = _WEAK_PLACE_CUE.search(before)
        if not strong and not weak:
            continue
        for span, end in _span_words(t.text, word.start()):
            first = span.split()[0]
            if first in STOP_WORDS or (not strong and (first in FILLER or len(first) < 3)):
                continue
            place = gazetteer.locate(span)
            if place is not None:
                cue = strong or weak
                assert cue is not None
                t.cut(cue.start(), end)
                return str(getattr(place, "name", span)), radius
    return None, radius


def _niveaus(t: _Text) -> list[int]:
    out: list[int] = []
    for m in t.find(_NIVEAU):
        groups = [g for g in m.groups() if g]
        levels = [int(g) for g in groups] if groups else [1]
        if len(levels) == 2 and m.group(0).find("tot") >= 0:
            levels = list(range(min(levels), max(levels) + 1))
        out += [lv for lv in levels if lv not in out]
        t.cut(m.start(), m.end())
    return sorted(out)


def _leerwegen(t: _Text) -> list[str]:
    out: list[str] = []
    for pattern, values in _LEERWEG:
        for m in t.find(pattern):
            out += [v for v in values if v not in out]
            t.cut(m.start(), m.end())
    return out


def _types(t: _Text) -> list[str]:
    out: list[str] = []
    for pattern, value in _TYPE:
        for m in t.find(pattern):
            if value not in out:
                out.append(value)
            t.cut(m.start(), m.end())
    return out


def _persona(t: _Text) -> str | None:
    for pattern, persona in _PERSONA:
        found = t.find(pattern)
        if found:
            for m in found:
                t.cut(m.start(), m.end())
            return persona
    return None


def _topic(t: _Text) -> str:
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9\-']*", t.text)]
    content = [w for w in words if w not in STOP_WORDS and w not in FILLER and not w.isdigit() and len(w) > 1]
    return " ".join(content[:MAX_TOPIC_WORDS])


def understand_message(text: str, gazetteer: GazetteerLike | None, today: date) -> Understanding:
    """What one message says (fields it does not mention stay empty; persona defaults to werkzoekende)."""
    t = _Text(text)
    max_price = _budget(t)
    start_from, start_to, timing = _timing(t, today)
    place, radius = _place(t, gazetteer)
    niveaus = _niveaus(t)
    leerwegen = _leerwegen(t)
    types = _types(t)
    persona = _persona(t)
    return Understanding(
        persona=persona or "werkzoekende", topic=_topic(t), place=place, radius_km=radius if place else None,
        leerwegen=leerwegen, niveaus=niveaus, max_price=max_price, start_from=start_from, start_to=start_to,
        offering_types=types, timing=timing,
    )


def understand(messages: Sequence[Message], gazetteer: GazetteerLike | None, today: date,
               persona: str | None = None) -> Understanding:
    """The whole conversation's request: every user message in order, later ones refining earlier ones.

    ``persona`` (chosen on the page) wins over what the text suggests.
    """
    result = Understanding()
    for msg in messages:
        if msg.role == "user":
            result = result.merged(understand_message(msg.content, gazetteer, today))
    if persona in PERSONAS:
        result.persona = persona
    return result


def clarifying_question(u: Understanding) -> str | None:
    """One question when the request is too vague to search (no skill or occupation named), else None."""
    if u.topic:
        return None
    if u.persona == "werkgever":
        return ("Wat moeten je medewerkers leren of kunnen? Noem een vak, taak of vaardigheid, "
                "bijvoorbeeld 'lassen' of 'leidinggeven'.")
    if u.persona == "adviseur":
        return ("Welk werk of welke vaardigheid past bij je cliënt? Noem een beroep, taak of vaardigheid, "
                "bijvoorbeeld 'administratie' of 'werken met kinderen'.")
    where = " (en waar)" if not u.place else ""
    return (f"Wat wil je leren of welk werk wil je gaan doen{where}? Noem een beroep, taak of vaardigheid, "
            "bijvoorbeeld 'koken' of 'met een heftruck rijden'.")
