"""Start dates in Dutch text: "1 september 2026", "01-09-2026", "sept. 2026", "2026-09-01".

:func:`parse_dates` finds date snippets and reads them (a fast path for unambiguous forms, dateparser for
the rest); :data:`OPEN_DAY` marks text whose dates are events (open days), never a course start.
"""

from __future__ import annotations

import functools
import re
from datetime import date

import dateparser

_MONTHS = (
    r"jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?"
    r"|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_SNIPPETS = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{4}}\b",
    re.I,
)
_DATE_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["month", "year"],
}
# Dates next to these words are events (open days, information evenings), never a course start.
OPEN_DAY = re.compile(
    r"open\s*dag|opendag|open\s*huis|voorlichting|informatieavond|info[\s-]?avond|informatiebijeenkomst"
    r"|meeloopdag|proefstuderen|kennismakingsdag|inloopavond|inloopmiddag|webinar|studiekeuze"
    r"|aanmelden\s+(?:vóór|voor|tot)|uiterlijk|deadline|sluit",
    re.I,
)


# Month words the snippet pattern accepts whose meaning is certain; "maa" and "sept" are left to
# dateparser (which reads neither), so the fast path never answers where dateparser would not.
_MONTH_NUMBER = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "maart": 3, "mrt": 3, "apr": 4, "april": 4, "mei": 5,
    "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augustus": 8, "sep": 9, "september": 9,
    "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORD_DATE = re.compile(r"(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})", re.I)


def _fast_date(snippet: str) -> date | None:
    """The date of a plain snippet ("1 september 2027", "01-09-2027", "sep 2027", "2027-09-01") without
    dateparser; None when the snippet is anything less plain (day 0, an impossible day, a month number
    over 12, an unknown abbreviation), which then goes to dateparser and keeps its reading exactly."""
    m = _ISO_DATE.fullmatch(snippet)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _NUMERIC_DATE.fullmatch(snippet)) is not None:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _WORD_DATE.fullmatch(snippet)) is not None and m.group(2).lower() in _MONTH_NUMBER:
        day = int(m.group(1)) if m.group(1) else 1
        month, year = _MONTH_NUMBER[m.group(2).lower()], int(m.group(3))
    else:
        return None
    if not (1 <= day <= 31 and 1 <= month <= 12 and year >= 1000):
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31 februari: dateparser decides
        return None


@functools.lru_cache(maxsize=4096)
def _parse_date_snippet(snippet: str) -> date | None:
    """One date snippet (a match of ``_DATE_SNIPPETS``) as dateparser (nl, day-month-year, month-only
    dates on the 1st) reads it; the plain forms take the fast path, whose agreement with dateparser
    ``tests/crawler/test_fields.py`` checks over every form. Cached: pages repeat their dates."""
    fast = _fast_date(snippet)
    if fast is not None:
        return fast
    parsed = dateparser.parse(snippet, languages=["nl"], settings=_DATE_SETTINGS)
    return parsed.date() if parsed is not None else None


def parse_dates(text: str) -> list[date]:
    """Every explicit date in ``text`` (Dutch month names, d-m-yyyy, ISO), read as dateparser (nl) reads it.

    Month-only dates ("september 2025") become the first of the month. Vague phrases ("nader te
    bepalen", "4 startmomenten per jaar") give nothing.
    """
    out: list[date] = []
    for m in _DATE_SNIPPETS.finditer(text):
        parsed = _parse_date_snippet(m.group(0))
        if parsed is not None and parsed not in out:
            out.append(parsed)
    return out


def parse_iso_date(value: str) -> date | None:
    """A date from a structured-data value ("2025-09-01", "2025-09-01T09:00:00+02:00")."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    found = parse_dates(value)
    return found[0] if found else None
