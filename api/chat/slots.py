"""Slots of one Dutch chat message, recognised by rule (no LLM needed): budget, radius and place, niveau,
leerweg, offering type, who is asking, and what remains as the topic.

Each extractor cuts what it recognised out of a :class:`Text`, so what remains, minus greetings, generic
filler ("ik zoek een opleiding") and words that only carry the conversation ("tegelijk", "liever",
"daarvoor", "ok dan"), is the skill or occupation wish. The word lists are general Dutch phrasing for these
slots, not tuned to any evaluation conversation.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from api.chat.timing import Text
from skills.model import Leerweg, OfferingType
from skills.text import STOP_WORDS

MAX_TOPIC_WORDS = 30


class GazetteerLike(Protocol):
    def locate(self, text: str) -> Any: ...


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
    tegelijk tegelijkertijd liever daarvoor daarna daarbij daarin daarmee ervoor ermee erin eerst dan toch
    ook nog maar even prima top super mooi fijn klinkt lijkt denk dacht bedoel bedoelde nou hm hmm okay okee
    toon kijk kijken vind vinden combineren combinatie verder weg dichterbij dichter ver afstand reizen
    alleen eventueel anders zoiets dingen ding allemaal alles wel niet geen zelf mezelf mijzelf
    duur duurder goedkoop goedkoper betaalbaar voordelig per stuk doe neem pak kies nemen kiezen
    past passen passend werkt werkte gewerkt doet ervaring ervaringen papiertje papiertjes halen behalen
    leer leert geleerd daar hier vind vindt denk denkt
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
    (re.compile(r"\b(?:mijn|onze|ons|de|het) \w*(?:medewerkers|werknemers|personeel|mensen|team|collega'?s)\b|"
                r"\bpersoneel\b|\bcollega'?s?\b|\bwerkgever\b|\bmijn bedrijf\b|\bons bedrijf\b|"
                r"\bwerknemers\b|\b(?:wij|we) (?:zoeken|hebben|willen|zijn op zoek)\b|"
                r"\bvoor (?:onze|ons)\b(?= \w)"), "werkgever"),
    (re.compile(r"\b(?:mijn|onze|een|de) (?:client|clienten|klant|klanten|kandidaat|kandidaten|deelnemer)\b|"
                r"\bclient(?:e|en|es)?\b|\bklant\b|\bkandidaat\b|\buwv\b|\bjobcoach\b|\bconsulent\b|"
                r"\bik begeleid\b|\bbegeleid(?:t|en)? (?:iemand|een|mensen)\b|"
                r"\b(?:werk|loopbaan|re-?integratie)?adviseur\b|\bre-?integratie\b"), "adviseur"),
    (re.compile(r"\bwerkzoekend(?:e)?\b|\bwerkloos\b|\bzonder werk\b|\bgeen werk\b|\buitkering\b"),
     "werkzoekende"),
]

def _number(whole: str, cents: str | None) -> float:
    return float(re.sub(r"[.\s]", "", whole)) + (int(cents) / 10 ** len(cents) if cents else 0.0)


def budget(t: Text) -> float | None:
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


def place(t: Text, gazetteer: GazetteerLike | None) -> tuple[str | None, float | None]:
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


def niveaus(t: Text) -> list[int]:
    out: list[int] = []
    for m in t.find(_NIVEAU):
        groups = [g for g in m.groups() if g]
        levels = [int(g) for g in groups] if groups else [1]
        if len(levels) == 2 and m.group(0).find("tot") >= 0:
            levels = list(range(min(levels), max(levels) + 1))
        out += [lv for lv in levels if lv not in out]
        t.cut(m.start(), m.end())
    return sorted(out)


def leerwegen(t: Text) -> list[str]:
    """Leerwegen asked for. "naast mijn werk" (bbl or deeltijd) gives way to a specific one said with it."""
    out: list[str] = []
    broad: list[str] = []
    for pattern, values in _LEERWEG:
        for m in t.find(pattern):
            target = broad if len(values) > 1 else out
            target += [v for v in values if v not in target]
            t.cut(m.start(), m.end())
    return out or broad


def types(t: Text) -> list[str]:
    """Offering types asked for; "geen diploma" / "zonder diploma" says what the person lacks, not wants."""
    out: list[str] = []
    for pattern, value in _TYPE:
        for m in t.find(pattern):
            negated = re.search(r"\b(?:geen|zonder|nog geen)\s+(?:\w+\s+)?$", t.text[:m.start()])
            if value not in out and not negated:
                out.append(value)
            t.cut(m.start(), m.end())
    return out


def persona(t: Text) -> str | None:
    for pattern, persona in _PERSONA:
        found = t.find(pattern)
        if found:
            for m in found:
                t.cut(m.start(), m.end())
            return persona
    return None


def topic(t: Text) -> str:
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9\-']*", t.text)]
    content = [w for w in words if w not in STOP_WORDS and w not in FILLER and not w.isdigit() and len(w) > 1]
    return " ".join(content[:MAX_TOPIC_WORDS])
