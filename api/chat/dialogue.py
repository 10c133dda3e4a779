"""The built-in dialogue state machine: what one message says (a :class:`Turn`) and how it updates the state.

The state (an :class:`Understanding`) is carried across turns. Each turn updates it:

* a stated value replaces the old one ("nee, liever Assen" replaces the place; a new skill replaces the
  topic); lists are replaced too, unless the turn adds ("en niveau 2?", "ook bol");
* a bare place name is a place; "verder weg" doubles the radius, "dichterbij" halves it, a number of km
  sets it, with or without a place;
* "maakt niet uit waar", "geen voorkeur voor het niveau", "overal" clear that part;
* words that only carry the conversation ("tegelijk", "liever", "daarvoor", "ok dan") never become the
  topic (they are filler in :mod:`api.chat.slots`).

Questions, follow-ups, off-topic and injected instructions are told apart in :mod:`api.chat.intent`; they
never reach :func:`apply`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from api.chat import slots
from api.chat.slots import FILLER, GazetteerLike
from api.chat.timing import Text, timing
from api.chat.understanding import DEFAULT_RADIUS_KM, PERSONAS, Understanding
from skills.text import STOP_WORDS

__all__ = ["GazetteerLike", "Message", "Turn", "apply", "clarifying_question", "read_turn", "understand",
           "understand_message"]


@dataclass(frozen=True)
class Message:
    role: str  # "user" | "assistant"
    content: str


@dataclass
class Turn:
    """What one user message says; ``said`` holds only what it states (persona None when not stated)."""

    said: Understanding
    persona: str | None = None
    radius_km: float | None = None  # a radius stated without a place
    additive: bool = False  # "en niveau 2?", "ook bbl": add to the lists instead of replacing them
    wider: bool = False
    closer: bool = False
    cleared: set[str] = field(default_factory=set)
    bare_word: str | None = None  # a lowercase word read as a place ("hout", "winkel"): a topic if none yet


_ADDITIVE = re.compile(r"^\s*(?:en|ook|plus)\b|\b(?:ook|eveneens|daarnaast)\b")
_WIDER = re.compile(r"\b(?:verder weg|verder|groter gebied|grotere afstand|ruimer|hele land|heel nederland)\b")
_CLOSER = re.compile(r"\b(?:dichterbij|dichter bij huis|korter bij|minder ver|kleinere afstand)\b")
_CLEAR: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:(?:maakt|boeit) (?:me |mij )?niet uit waar|overal|plaats maakt niet uit|"
                r"waar dan ook|heel nederland|hele land|zonder plaats|online)\b"), "place"),
    (re.compile(r"\b(?:niveau maakt niet uit|(?:maakt|boeit) niet uit welk niveau|elk niveau|"
                r"alle niveaus|geen voorkeur voor (?:het )?niveau|zonder niveau)\b"), "niveau"),
    (re.compile(r"\b(?:leerweg maakt niet uit|maakt niet uit welke leerweg|alle leerwegen|"
                r"geen voorkeur voor (?:de )?leerweg|zonder leerweg)\b"), "leerweg"),
    (re.compile(r"\b(?:prijs maakt niet uit|geld maakt niet uit|geen budget|zonder prijsgrens|"
                r"kosten maken niet uit|zonder budget)\b"), "max_price"),
    (re.compile(r"\b(?:maakt niet uit wanneer|startdatum maakt niet uit|wanneer dan ook|"
                r"zonder startdatum)\b"), "timing"),
]
_BARE_MAX_WORDS = 4
_PLACE_PARTS = frozenset({"den", "aan", "de", "op", "bij", "'s", "in", "ter", "ten", "van"})


def _capitalised(name: str, raw: str) -> bool:
    m = re.search(rf"(?<![\w']){re.escape(name)}(?![\w])", raw.lower())
    return m is not None and raw[m.start()].isupper()


def _bare_place(t: Text, raw: str, gazetteer: GazetteerLike | None) -> tuple[str, str] | None:
    """A place named without a cue: the whole message ("Groningen", "ok, Assen dan"), or a capitalised
    name beside other words ("kapper Groningen", "doe Breda toch maar")."""
    if gazetteer is None:
        return None
    words = [m for m in re.finditer(r"[a-z0-9'\-]+", t.text)
             if (m.group(0) not in FILLER and m.group(0) not in STOP_WORDS) or m.group(0) in _PLACE_PARTS]
    while words and words[0].group(0) in _PLACE_PARTS - {"den", "'s"}:
        words.pop(0)
    if not words or len(words) > _BARE_MAX_WORDS:
        return None
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            span = words[i:i + n]
            name = " ".join(m.group(0) for m in span)
            whole = n == len(words)
            if not whole and not _capitalised(name, raw):
                continue
            located = gazetteer.locate(name)
            if located is not None:
                t.cut(span[0].start(), span[-1].end())
                return str(getattr(located, "name", name)), name
    return None


def read_turn(text: str, gazetteer: GazetteerLike | None, today: date) -> Turn:
    """What one message says, slot by slot (see the module docstring)."""
    t = Text(text)
    cleared = set()
    for pattern, name in _CLEAR:
        for m in t.find(pattern):
            cleared.add(name)
            t.cut(m.start(), m.end())
    additive = bool(_ADDITIVE.search(t.text))
    wider, closer = bool(_WIDER.search(t.text)), bool(_CLOSER.search(t.text))
    max_price = slots.budget(t)
    start_from, start_to, phrase = timing(t, today)
    place, radius = slots.place(t, gazetteer)
    niveaus = slots.niveaus(t)
    leerwegen = slots.leerwegen(t)
    types = slots.types(t)
    persona = slots.persona(t)
    bare_word = None
    if place is None and "place" not in cleared:
        bare = _bare_place(t, text, gazetteer)
        if bare is not None:
            place = bare[0]
            bare_word = None if _capitalised(bare[1], text) else bare[1]
    said = Understanding(
        persona=persona or "werkzoekende", topic=slots.topic(t), place=place,
        radius_km=radius if place else None, leerwegen=leerwegen, niveaus=niveaus, max_price=max_price,
        start_from=start_from, start_to=start_to, offering_types=types, timing=phrase,
    )
    return Turn(said=said, persona=persona, radius_km=radius, additive=additive, wider=wider and radius is None,
                closer=closer and radius is None, cleared=cleared, bare_word=bare_word)


def understand_message(text: str, gazetteer: GazetteerLike | None, today: date) -> Understanding:
    """What one message says (fields it does not mention stay empty; persona defaults to werkzoekende)."""
    return read_turn(text, gazetteer, today).said


def _list(old: list[Any], new: list[Any], additive: bool) -> list[Any]:
    if not new:
        return list(old)
    if additive:
        return sorted({*old, *new}, key=lambda v: (str(type(v)), v))
    return list(new)


def apply(state: Understanding, turn: Turn) -> Understanding:
    """The state after ``turn`` (see the module docstring for the rules)."""
    s, n = state, turn.said
    if turn.bare_word and not s.topic and not n.topic:  # "hout" as the first wish is a topic, not Hout
        n = replace(n, place=None, radius_km=None, topic=turn.bare_word)
    radius = s.radius_km
    if turn.radius_km is not None:
        radius = turn.radius_km
    elif turn.wider:
        radius = min(300.0, (radius or DEFAULT_RADIUS_KM) * 2)
    elif turn.closer:
        radius = max(5.0, (radius or DEFAULT_RADIUS_KM) / 2)
    new = replace(
        s,
        persona=turn.persona or s.persona,
        topic=n.topic or s.topic,
        place=n.place or s.place,
        radius_km=radius,
        leerwegen=_list(s.leerwegen, n.leerwegen, turn.additive),
        niveaus=_list(s.niveaus, n.niveaus, turn.additive),
        offering_types=_list(s.offering_types, n.offering_types, turn.additive),
        max_price=n.max_price if n.max_price is not None else s.max_price,
        start_from=n.start_from if n.timing else s.start_from,
        start_to=n.start_to if n.timing else s.start_to,
        sort=s.sort,
        timing=n.timing or s.timing,
    )
    return clear(new, turn.cleared)


def clear(state: Understanding, parts: set[str]) -> Understanding:
    """``state`` without the named parts (the names of the response's ``filters``)."""
    out = state
    if "place" in parts or "radius_km" in parts:
        out = replace(out, place=None, radius_km=None)
    if "niveau" in parts:
        out = replace(out, niveaus=[])
    if "leerweg" in parts:
        out = replace(out, leerwegen=[])
    if "type" in parts:
        out = replace(out, offering_types=[])
    if "max_price" in parts:
        out = replace(out, max_price=None)
    if parts & {"timing", "start_from", "start_to"}:
        out = replace(out, start_from=None, start_to=None, timing=None)
    if "q" in parts:
        out = replace(out, topic="")
    return out


def understand(messages: Sequence[Message], gazetteer: GazetteerLike | None, today: date,
               persona: str | None = None) -> Understanding:
    """The state after every user message in order (no intent detection: for plain request sequences).

    ``persona`` (chosen on the page) wins over what the text suggests.
    """
    result = Understanding()
    for msg in messages:
        if msg.role == "user":
            result = apply(result, read_turn(msg.content, gazetteer, today))
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
