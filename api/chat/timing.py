"""Timing phrases in a Dutch chat message ("na de zomer", "vanaf maart", "zo snel mogelijk") as a start-date
window, and the folded-text helper every slot extractor cuts recognised phrases from."""

from __future__ import annotations

import re
from datetime import date, timedelta

from skills.text import fold

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]

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


class Text:
    """Folded text from which recognised phrases are cut (replaced by spaces, keeping offsets)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = " " + re.sub(r"\s+", " ", fold(raw).replace("’", "'")) + " "

    def cut(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def find(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return list(pattern.finditer(self.text))


def _next_date(today: date, month: int, day: int, year: int | None = None) -> date:
    """The next (month, day) on or after ``today`` (this year, else next), unless ``year`` is given."""
    if year is not None:
        return date(year, month, day)
    candidate = date(today.year, month, day)
    return candidate if candidate >= today or month == today.month else date(today.year + 1, month, day)


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def timing(t: Text, today: date) -> tuple[date | None, date | None, str | None]:
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
