"""Answers to a follow-up question about an offering the previous answer cited ("wanneer start die?",
"wat moet ik daarvoor al kunnen?"), from that offering's page data and its qualification only.

Crawled text is untrusted: sentences quoted from a description pass the injection filter, lose markup and
are cut short; everything else comes from structured fields (start dates, price, places, duration) or from
the reference data (qualification level, kerntaken, beroepsvereisten).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.chat.knowledge import Entry, by_id
from api.chat.wording import LEERWEG_WORDS, clean, dutch_date, euro, niveau_word, offering_facts
from skills.untrusted import suspicious, without_markup

MAX_DATES = 3
_REQUIREMENT_WORDS = re.compile(r"\b(?:toelating|vooropleiding|ervaring|eisen|voorwaarde|voorwaarden|instroom|"
                                r"diploma nodig|nodig|voorkennis|intake|geschikt)\b", re.IGNORECASE)
_LEVEL_REQUIREMENT = {
    1: "Voor een entreeopleiding (niveau 1) is geen diploma nodig.",
    2: "Voor niveau 2 vraagt de wet in het algemeen een vmbo-diploma (of vergelijkbaar).",
    3: "Voor niveau 3 vraagt de wet in het algemeen een vmbo-diploma (kader, gemengd of theoretisch), "
       "een overgangsbewijs naar havo 4 of een mbo-diploma op niveau 2.",
    4: "Voor niveau 4 vraagt de wet in het algemeen een vmbo-diploma (kader, gemengd of theoretisch), "
       "een overgangsbewijs naar havo 4 of een mbo-diploma op niveau 2.",
}


@dataclass
class FollowUp:
    reply: str
    sources: list[Entry]


def _sentences(text: str, pattern: re.Pattern[str], limit: int = 2) -> list[str]:
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", without_markup(text)):
        if pattern.search(sentence) and not suspicious(sentence) and len(sentence) <= 300:
            out.append(clean(sentence, 220))
        if len(out) == limit:
            break
    return out


def _level(payload: Mapping[str, Any]) -> int | None:
    qual = payload.get("qualification") or {}
    value = payload.get("niveau") if payload.get("niveau") is not None else qual.get("niveau")
    return int(value) if value is not None else None


def answer_followup(payload: Mapping[str, Any], aspect: str | None, qualification: Any, today: date) -> FollowUp:
    """The answer about one offering (``payload`` from the index; ``qualification`` from the reference data
    or None). The reply names the offering first so it is clear which one is meant."""
    name = f"‘{clean(payload.get('title'))}’ bij {clean(payload.get('provider'), 80)}"
    lines: list[str] = []
    sources: list[Entry] = []
    if aspect == "requirements":
        level = _level(payload)
        quoted = _sentences(str(payload.get("description") or ""), _REQUIREMENT_WORDS)
        if quoted:
            lines.append(f"Over wat je nodig hebt voor {name} zegt de school: " + " ".join(quoted))
        else:
            lines.append(f"De pagina van {name} noemt geen eigen toelatingseisen.")
        if level in _LEVEL_REQUIREMENT:
            lines.append(f"Het is een opleiding op {niveau_word(level)}. {_LEVEL_REQUIREMENT[level]}")
            entry = by_id("toelating")
            if entry is not None:
                sources.append(entry)
        if qualification is not None and qualification.kerntaken:
            tasks = "; ".join(clean(k.name, 80) for k in qualification.kerntaken[:3])
            lines.append(f"In de opleiding ({clean(qualification.name, 80)}, crebo {qualification.crebo}) "
                         f"leer je onder meer: {tasks}.")
        lines.append("Twijfel je, vraag dan naar een intake bij de school.")
    elif aspect == "start":
        starts = sorted(date.fromisoformat(str(d)) for d in payload.get("start_dates") or [])
        upcoming = [d for d in starts if d >= today][:MAX_DATES]
        if upcoming:
            lines.append(f"{name} start op " + ", ".join(dutch_date(d) for d in upcoming) + ".")
        else:
            lines.append(f"De pagina van {name} noemt geen komende startdatum; vraag het de school.")
    elif aspect == "price":
        price = payload.get("price_eur")
        if price is None:
            lines.append(f"De pagina van {name} noemt geen prijs.")
            entry = by_id("lesgeld-cursusgeld")
            if entry is not None:
                lines.append(entry.answer)
                sources.append(entry)
        else:
            lines.append(f"{name} kost volgens de pagina " + ("niets" if float(price) == 0 else euro(float(price)))
                         + ".")
    elif aspect == "duration":
        duration = payload.get("duration")
        lines.append(f"{name} duurt volgens de pagina {clean(duration, 80)}." if duration
                     else f"De pagina van {name} noemt geen duur.")
    elif aspect == "place":
        places = [clean(p, 60) for p in payload.get("locations") or []]
        lines.append(f"{name} wordt gegeven in {', '.join(places)}." if places
                     else f"De pagina van {name} noemt geen plaats.")
    elif aspect == "apply":
        lines.append(f"Aanmelden voor {name} gaat via de school; de link naar de pagina van de opleiding staat "
                     "hieronder bij de bron.")
        entry = by_id("aanmelden")
        if entry is not None:
            sources.append(entry)
    elif aspect == "content" and qualification is not None:
        tasks = "; ".join(clean(k.name, 80) for k in getattr(qualification, "kerntaken", ())[:4])
        lines.append(f"{name} hoort bij {clean(qualification.name, 80)} (crebo {qualification.crebo}, "
                     f"{niveau_word(qualification.niveau)})." + (f" Je leert onder meer: {tasks}." if tasks else ""))
    else:
        facts = offering_facts(dict(payload), today)
        leerwegen = [LEERWEG_WORDS.get(lw, lw) for lw in payload.get("leerwegen") or []]
        lines.append(f"Dit weet ik van {name}: " + (", ".join(facts) if facts else ", ".join(leerwegen)) + ".")
    return FollowUp(reply="\n".join(lines), sources=sources)
