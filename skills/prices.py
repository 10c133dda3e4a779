"""A price as the offering's page states it: the amount with its unit and qualifiers ("per jaar",
"excl. btw"), read back from the page text around the amount the extraction found. Pure text functions.
"""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"(?:€|EUR)\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-{1,2}))?", re.IGNORECASE)
_QUALIFIERS = (
    (re.compile(r"^\s*,?\s*(per|p\.)\s*(opleidings)?jaar\b", re.I), "per jaar"),
    (re.compile(r"^\s*,?\s*(per|p\.)\s*maand\b", re.I), "per maand"),
    (re.compile(r"^\s*,?\s*(per|p\.)\s*(les|lesdag|dag)\b", re.I), "per lesdag"),
    (re.compile(r"^\s*,?\s*(per|p\.)\s*(module|blok)\b", re.I), "per module"),
    (re.compile(r"^\s*,?\s*(per|p\.)\s*(persoon|deelnemer)\b", re.I), "per deelnemer"),
)
_VAT = (
    (re.compile(r"^[^.€\n]{0,30}?\b(excl\.?|exclusief)\s*(btw)\b", re.I), "excl. btw"),
    (re.compile(r"^[^.€\n]{0,30}?\b(incl\.?|inclusief)\s*(btw)\b", re.I), "incl. btw"),
)


def _value(match: re.Match[str]) -> float:
    whole = int(match.group(1).replace(".", ""))
    cents = match.group(2)
    return whole + (int(cents) / 100 if cents and cents.isdigit() else 0.0)


def price_qualifiers(text: str, amount: float) -> list[str]:
    """The unit and VAT words printed right after ``amount`` in ``text`` (first matching mention)."""
    for match in _AMOUNT.finditer(text or ""):
        if abs(_value(match) - amount) > 0.005:
            continue
        after = text[match.end():match.end() + 60]
        out = [label for pattern, label in _QUALIFIERS if pattern.search(after)][:1]
        out += [label for pattern, label in _VAT if pattern.search(after)][:1]
        return out
    return []


def format_price(amount: float | None, text: str = "", note: str = "") -> str:
    """"€ 525 per jaar", "€ 1.250 excl. btw", "gratis", or "prijs onbekend" (Dutch, for cards and exports).

    ``note`` is the unit and qualifiers the extraction kept with the amount (``Offering.price_note``); when
    it is empty (offerings stored before it existed) they are read back from ``text`` around the amount."""
    if amount is None:
        return "prijs onbekend"
    if amount == 0:
        return "gratis"
    whole = f"{int(amount):,}".replace(",", ".")
    cents = round((amount - int(amount)) * 100)
    shown = f"€ {whole}" + (f",{cents:02d}" if cents else "")
    return " ".join([shown, *([note] if note else price_qualifiers(text, amount))])
