"""The built-in Dutch answer: a short summary of the top offerings, every fact taken from a cited one.

Deterministic: the same hits and understanding give the same text. Crawled values (titles, providers,
places) are cleaned of markup characters here too, although the page escapes everything it shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from api.chat.understanding import Understanding

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
LEERWEG_WORDS = {"BBL": "bbl (werken en leren)", "BOL": "bol (dagopleiding)", "DEELTIJD": "deeltijd",
                 "DERDE_LEERWEG": "derde leerweg (voor volwassenen)"}
TYPE_WORDS = {"mbo-certificaat": "mbo-certificaat", "praktijkverklaring": "praktijkverklaring",
              "keuzedeel": "keuzedeel", "non-mbo course": "cursus", "mbo-diploma": "mbo-diploma"}
MAX_SHOWN = 3
MAX_REPLY_CHARS = 1200  # no reply is longer; the route accepts assistant messages up to this
_UNSAFE = re.compile(r"[<>{}\[\]`\x00-\x1f]")


def clean(text: Any, limit: int = 120) -> str:
    """A crawled value fit for a one-line mention: no markup characters, single spaces, bounded length."""
    value = re.sub(r"\s+", " ", _UNSAFE.sub(" ", str(text or ""))).strip()
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def dutch_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def euro(amount: float) -> str:
    """'€ 1.575' or '€ 535,50' (Dutch separators)."""
    whole = int(amount)
    cents = round((amount - whole) * 100)
    text = f"{whole:,}".replace(",", ".")
    return f"€ {text}" + (f",{cents:02d}" if cents else "")


def niveau_word(level: int | None) -> str | None:
    if level is None:
        return None
    return "entree (niveau 1)" if int(level) == 1 else f"niveau {int(level)}"


def next_start(payload: dict[str, Any], today: date) -> date | None:
    starts = sorted(date.fromisoformat(str(d)) for d in payload.get("start_dates") or [])
    upcoming = [d for d in starts if d >= today]
    return upcoming[0] if upcoming else None


def offering_facts(payload: dict[str, Any], today: date, distance_km: float | None = None) -> list[str]:
    """Short Dutch facts of one offering, only those its payload states."""
    facts: list[str] = []
    otype = payload.get("offering_type")
    if otype and otype != "mbo-diploma":
        facts.append(TYPE_WORDS.get(otype, clean(otype, 40)))
    qual = payload.get("qualification") or {}
    level = niveau_word(payload.get("niveau") if payload.get("niveau") is not None else qual.get("niveau"))
    if level:
        facts.append(level)
    leerwegen = [LEERWEG_WORDS.get(lw, clean(lw, 30)) for lw in payload.get("leerwegen") or []]
    if leerwegen:
        facts.append(", ".join(leerwegen))
    places = [clean(p, 40) for p in (payload.get("locations") or [])[:2]]
    if places:
        where = "in " + " en ".join(places)
        if distance_km is not None:
            where += f" (±{round(distance_km):d} km)"
        facts.append(where)
    start = next_start(payload, today)
    if start:
        facts.append(f"start {dutch_date(start)}")
    price = payload.get("price_eur")
    if price is not None:
        facts.append("gratis" if float(price) == 0 else f"kosten {euro(float(price))}")
    return facts


def filters_phrase(u: Understanding) -> str:
    """The understood wishes as a Dutch phrase: ' in de buurt van Zwolle (25 km), bbl, niveau 2'."""
    parts: list[str] = []
    if u.place:
        radius = int(u.radius_km) if u.radius_km is not None else 25
        parts.append(f"binnen {radius} km van {clean(u.place, 60)}")
    if u.leerwegen:
        parts.append(" of ".join(LEERWEG_WORDS.get(lw, lw).split(" (")[0] for lw in u.leerwegen))
    if u.niveaus:
        parts.append(" of ".join(niveau_word(lv) or "" for lv in u.niveaus))
    if u.offering_types:
        parts.append(" of ".join(TYPE_WORDS.get(t, t) for t in u.offering_types))
    if u.max_price is not None:
        parts.append("gratis" if u.max_price == 0 else f"maximaal {euro(u.max_price)}")
    if u.start_from or u.start_to:
        if u.start_from and u.start_to:
            parts.append(f"start tussen {dutch_date(u.start_from)} en {dutch_date(u.start_to)}")
        elif u.start_from:
            parts.append(f"start vanaf {dutch_date(u.start_from)}")
        elif u.start_to:
            parts.append(f"start uiterlijk {dutch_date(u.start_to)}")
    return (" (" + "; ".join(parts) + ")") if parts else ""


_FOR = {"werkzoekende": "", "adviseur": " voor je cliënt", "werkgever": " voor je medewerkers"}
_CLOSING = {
    "werkzoekende": "Open een opleiding voor alle details en de link naar de school.",
    "adviseur": "Open een opleiding voor alle details om met je cliënt te bespreken.",
    "werkgever": "Open een opleiding voor alle details; bij bbl staat er een link naar erkende leerbedrijven.",
}


def compose_nearest(u: Understanding, nearest: Sequence[Any], today: date) -> str:
    """Nothing within the wishes: say so, then the nearest relevant offerings outside them, numbered."""
    topic = clean(u.topic, 80)
    lines = [f"Ik vond geen opleidingen{_FOR[u.persona]} voor ‘{topic}’{filters_phrase(u)}. "
             "Het dichtstbij, buiten je wensen:"]
    for n, hit in enumerate(nearest[:MAX_SHOWN], start=1):
        facts = offering_facts(hit.offering, today, hit.distance_km)
        lines.append(f"[{n}] {clean(hit.title)} bij {clean(hit.provider, 80)}" + (f": {', '.join(facts)}." if facts else "."))
    lines.append("Wil je verder weg zoeken, of een andere wens weglaten?")
    return "\n".join(lines)


def compose_reply(u: Understanding, hits: Sequence[Any], total: int, today: date,
                  dropped: Sequence[str] = ()) -> str:
    """The built-in answer for ``hits`` (index OfferingHits, best first); numbers [1].. match citations."""
    topic = clean(u.topic, 80)
    if not hits:
        return (f"Ik vond geen opleidingen{_FOR[u.persona]} voor ‘{topic}’{filters_phrase(u)}. "
                "Probeer andere woorden, of laat een wens weg, zoals de plaats of de startdatum.")
    lines: list[str] = []
    if dropped:
        lines.append(f"Met al je wensen vond ik niets; zonder {' en '.join(dropped)} wel iets.")
    noun = "opleiding" if total == 1 else "opleidingen"
    lines.append(f"Ik vond {total} {noun}{_FOR[u.persona]} voor ‘{topic}’{filters_phrase(u)}. "
                 f"{'Deze past' if len(hits[:MAX_SHOWN]) == 1 else 'Deze passen'} het best:")
    for n, hit in enumerate(hits[:MAX_SHOWN], start=1):
        facts = offering_facts(hit.offering, today, hit.distance_km)
        head = f"{clean(hit.title)} bij {clean(hit.provider, 80)}"
        lines.append(f"[{n}] {head}" + (f": {', '.join(facts)}." if facts else "."))
    lines.append(_CLOSING[u.persona])
    return "\n".join(lines)
