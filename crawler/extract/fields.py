"""Parsers for single Dutch field values: leerweg, niveau, crebo, price, duration, dates, target groups.

Each parser takes the text printed next to a label (or a sentence) and returns the normalised value,
or an empty/None result when the text does not hold one. None of them raises on odd input.
"""

from __future__ import annotations

import re

# Dates have their own module; these names stay importable from here, where every reader looks.
from crawler.extract.dates import OPEN_DAY as OPEN_DAY
from crawler.extract.dates import parse_dates as parse_dates
from crawler.extract.dates import parse_iso_date as parse_iso_date
from skills.model import Leerweg, OfferingType, TargetGroup

# --- leerweg -------------------------------------------------------------------------------------

# Order matters: the longer phrases ("BOL-volwassenen") must win over their prefixes ("BOL").
BOL_VARIANT = re.compile(r"\bbol[\s-]*(?:volwassenen|deeltijd|vo)\b", re.I)
_LEERWEG_PATTERNS: list[tuple[re.Pattern[str], Leerweg]] = [
    (BOL_VARIANT, Leerweg.DEELTIJD),
    (re.compile(r"\bderde[\s-]+leerweg\b|\b3e[\s-]+leerweg\b", re.I), Leerweg.DERDE_LEERWEG),
    (re.compile(r"\bdeeltijd(?:s)?\b|\bdeeltijd(?:se|opleiding)\b|\bavondopleiding\b|\bpart[\s-]?time\b",
                re.I), Leerweg.DEELTIJD),
    (re.compile(r"\bbbl\b|\bberoepsbegeleidende\s+leerweg\b|\bwerken\s+en\s+leren\b|\bleren\s+en\s+werken\b"
                r"|\bwork[\s-]?based\b", re.I), Leerweg.BBL),
    # Schools present the praktijkleerroute as a BOL variant with more time at the workplace.
    (re.compile(r"\bbol\b|\bberoepsopleidende\s+leerweg\b|\bvoltijd(?:s)?\b|\bfull[\s-]?time\b"
                r"|\bpraktijkleerroute\b", re.I),
     Leerweg.BOL),
]


def parse_leerwegen(text: str) -> list[Leerweg]:
    """All leerwegen named in ``text``, in order of first mention, without duplicates.

    "BOL-volwassenen" and "deeltijd" are DEELTIJD; "werken en leren" is BBL. A phrase already consumed
    by a longer pattern is blanked so "BOL-volwassenen" does not also count as BOL.
    """
    found: list[tuple[int, Leerweg]] = []
    rest = text
    for pattern, leerweg in _LEERWEG_PATTERNS:
        for m in pattern.finditer(rest):
            found.append((m.start(), leerweg))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    out: list[Leerweg] = []
    for _, leerweg in sorted(found, key=lambda t: t[0]):
        if leerweg not in out:
            out.append(leerweg)
    return out


# --- niveau --------------------------------------------------------------------------------------

_NIVEAU_VALUE = re.compile(r"(?:niveau|mbo|level|n)?[\s\-:]*([1-4])\b", re.I)
_ENTREE = re.compile(r"\bentree(?:opleiding)?\b|\bentrée\b", re.I)


def parse_niveau(text: str) -> int | None:
    """Niveau 1-4 from a label value such as "Niveau 2", "Niveau Niveau 2", "mbo 3", "2" or "Entree"."""
    if _ENTREE.search(text):
        return 1
    m = _NIVEAU_VALUE.match(text.strip())
    if m:
        return int(m.group(1))
    m = re.search(r"\b(?:niveau|mbo)[\s\-:]*([1-4])\b", text, re.I)
    return int(m.group(1)) if m else None


# "Apothekersassistent BOL 4" and "MBO2" state a level too: a leerweg or "mbo" directly before a digit.
_NIVEAU_IN_TITLE = re.compile(r"\b(?:niveau|mbo|mbo-niveau|level|bol|bbl)[\s\-:]*([1-4])\b|\bN([1-4])\b", re.I)


def niveau_in_title(title: str) -> int | None:
    """Niveau when a title says so ("... niveau 3", "MBO 3", "Entree")."""
    if _ENTREE.search(title):
        return 1
    m = _NIVEAU_IN_TITLE.search(title)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


# --- crebo ---------------------------------------------------------------------------------------

_CREBO_VALUE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
CREBO_IN_TEXT = re.compile(
    r"\bcrebo(?:[\s-]?(?:nummer|nr\.?|code))?\s*(?:\(?\s*(?:nummer|nr\.?|code)\s*\)?)?[\s:#.]*(\d{5})(?!\d)", re.I
)


def parse_crebo(text: str) -> str | None:
    """The first 5-digit code in a label value, exactly as printed (legacy 9xxxx/10xxxx codes included)."""
    m = _CREBO_VALUE.search(text)
    return m.group(1) if m else None


# --- price ---------------------------------------------------------------------------------------

_PRICE = re.compile(
    r"(?:€|eur(?:o)?\b)\s*(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?"
    r"|(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?\s*(?:€|euro\b|eur\b)",
    re.I,
)


def parse_price(text: str) -> float | None:
    """The first euro amount: "€ 1.695,00" → 1695.0, "€1137,-" → 1137.0, "EUR 320" → 320.0."""
    m = _PRICE.search(text)
    if not m:
        if re.search(r"\bgratis\b|\bkosteloos\b", text, re.I):
            return 0.0
        return None
    whole = m.group(1) or m.group(3)
    cents = m.group(2) if m.group(1) else m.group(4)
    value = float(re.sub(r"[.\s]", "", whole))
    if cents and cents.isdigit():
        value += int(cents.ljust(2, "0")) / 100
    return value


_PRICE_UNIT = re.compile(
    r"\bper\s+(?:(?:opleidings|school|cursus|studie|les|kalender)?jaar|maand|kwartaal|periode|module|les|dag"
    r"|dagdeel|persoon|deelnemer|cursist|student|cursus|opleiding|traject|certificaat)\b"
    r"|\b(?:in\s+)?totaal\b|\beenmalig\b|/\s*(?:jaar|maand|module|les)\b",
    re.I,
)
_PRICE_QUALIFIERS = re.compile(
    r"\b(?:excl|incl)(?:\.|usief)?\s*(?:\d+%\s*)?btw\b|\bbtw[\s-]*vrij\b|\bvrijgesteld\s+van\s+btw\b"
    r"|\b(?:excl|incl)(?:\.|usief)?\s+(?:het\s+|de\s+)?(?:les|studie|cursus)?(?:materiaal|materialen|boeken"
    r"|examengeld(?:en)?|examenkosten|lunch|boekenpakket)\b|\bter\s+indicatie\b|\bvanaf\b",
    re.I,
)


def parse_price_note(text: str) -> str:
    """The unit and qualifiers printed with a price ("per opleidingsjaar", "excl. btw", "ter indicatie"),
    lower-cased and comma-joined in the order printed; "" when the text states none.

    Only the stretch from just before the first amount to the end of its sentence is read, so a fee
    table's other rows do not lend their units."""
    m = _PRICE.search(text)
    if not m:
        return ""
    start = max(0, m.start() - 20)
    end = re.search(r"[;\n]|[.!?](?:\s+[A-Z]|\s*$)", text[m.end():])  # "excl. btw" does not end it
    rest = text[m.end():]
    window = text[start:m.end() + (end.start() if end else len(rest))]
    found = [(u.start(), re.sub(r"\s+", " ", u.group(0)).lower()) for u in _PRICE_UNIT.finditer(window)]
    found += [(q.start(), re.sub(r"\s+", " ", q.group(0)).lower()) for q in _PRICE_QUALIFIERS.finditer(window)]
    return ", ".join(dict.fromkeys(note for _, note in sorted(found)))


# --- duration ------------------------------------------------------------------------------------

_DURATION = re.compile(
    r"\b(\d+(?:[,.]\d+)?(?:\s*(?:-|–|tot|à|a|of)\s*\d+(?:[,.]\d+)?)?|een|één|half|anderhalf|twee|drie|vier)"
    r"\s*(jaar|jaren|maanden|maand|weken|week|lesweken|dagen|dag|lesdagen|lesavonden|avonden|bijeenkomsten"
    r"|lessen|dagdelen|uur|uren)\b",
    re.I,
)
_ISO_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$", re.I)


def parse_duration(text: str) -> str | None:
    """The first duration phrase as printed, whitespace-normalised: "1,5 jaar", "15 maanden", "10 weken".

    ISO 8601 durations from structured data ("P1Y6M", "P18M") become Dutch phrases ("1,5 jaar",
    "18 maanden").
    """
    iso = _ISO_DURATION.match(text.strip())
    if iso and any(iso.groups()):
        years, months, weeks, days = iso.groups()
        if years and not months:
            return f"{_nl_number(float(years))} jaar"
        if years and months:
            return f"{_nl_number(float(years) + int(months) / 12)} jaar"
        if months:
            return f"{int(months)} {'maand' if int(months) == 1 else 'maanden'}"
        if weeks:
            return f"{int(weeks)} {'week' if int(weeks) == 1 else 'weken'}"
        return f"{int(days or 0)} {'dag' if days == '1' else 'dagen'}"
    m = _DURATION.search(text)
    if not m:
        return None
    return re.sub(r"\s+", " ", m.group(0)).strip()


def _nl_number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --- target groups -------------------------------------------------------------------------------

_TARGET_PATTERNS: list[tuple[re.Pattern[str], TargetGroup]] = [
    (re.compile(r"\bjongeren\b|\bschoolverlaters\b|\bna\s+het\s+vmbo\b", re.I), TargetGroup.JONGEREN),
    (re.compile(r"\bvolwassenen(?:onderwijs)?\b|\bvolwassen\b", re.I), TargetGroup.VOLWASSENEN),
    (re.compile(r"\bwerkenden\b|\bwerknemers\b|\bnaast\s+je\s+werk\b", re.I), TargetGroup.WERKENDEN),
    (re.compile(r"\bwerkzoekenden\b|\bwerkzoekende\b|\bwerklozen\b|\buitkering\b", re.I),
     TargetGroup.WERKZOEKENDEN),
    (re.compile(r"\bzij[\s-]?instro(?:mers?|om|ming)\b|\bcarrièreswitch\w*|\bomscholing\b", re.I),
     TargetGroup.ZIJ_INSTROMERS),
]


def parse_target_groups(text: str) -> list[TargetGroup]:
    """Target groups named in ``text``, in enum order, without duplicates."""
    return [group for pattern, group in _TARGET_PATTERNS if pattern.search(text)]


# --- offering type -------------------------------------------------------------------------------


def parse_offering_type(text: str) -> OfferingType | None:
    """The offering type a short label/title states outright, or None when it does not say."""
    low = text.lower()
    if re.search(r"geen\s+mbo|niet[\s-]+mbo|non[\s-]+mbo", low):
        return OfferingType.NON_MBO
    if "praktijkverklaring" in low:
        return OfferingType.PRAKTIJKVERKLARING
    if "keuzedeel" in low:
        return OfferingType.KEUZEDEEL
    if "certificaat" in low or "deelkwalificatie" in low:
        return OfferingType.MBO_CERTIFICAAT
    if "diploma" in low or "kwalificatie" in low:
        return OfferingType.MBO_DIPLOMA
    return None


# --- locations -----------------------------------------------------------------------------------


def parse_locations(text: str) -> list[str]:
    """Place names from a label value: "Lelystad, Online/zelfstudie" → ["Lelystad", "Online/zelfstudie"]."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text or len(text) > 200:
        return []
    parts = re.split(r"\s*(?:[,;|•·]|\sen\s|\sof\s|\s&\s)\s*", text)
    out: list[str] = []
    for part in parts:
        part = part.strip(" .:-")
        if part and len(part) <= 60 and not re.search(r"\d{2,}", part) and part not in out:
            out.append(part)
    return out
