"""Prose cues: page-level fallbacks for fields no labelled block or table states.

``prose_*`` functions read one field from a whole :class:`Document` ("Je start in september", "de opleiding
duurt 2 jaar"); :func:`prose_records` turns sentences that state several facts into records, for pages that
describe their offerings in running text only.
"""

from __future__ import annotations

import re
from datetime import date

from crawler.extract import fields as f
from crawler.extract.document import HEADINGS, Document, Line
from crawler.extract.heuristics import Record

# --- prose fallbacks -----------------------------------------------------------------------------

_REQUIREMENT_CONTEXT = re.compile(
    r"toelating|vooropleiding|instroom|doorstro|vervolg|verder\s+(?:leren|studeren)|na\s+(?:je|deze|de)\s+opleiding"
    r"|afgeronde|afgerond|diploma\s+(?:op|van)|\bvmbo|havo|vwo|met\s+een\s+(?:mbo|diploma)|vanaf\s+niveau"
    r"|toegelaten|(?:toelatings|instroom|vooropleidings|aannemings)eisen|eisen\s+(?:voor|om|bij)\s+(?:de\s+)?(?:toelating|instroom|aanmelding)|ook\s+interessant|andere\s+opleidingen|bekijk\s+ook|vergelijkbare",
    re.I,
)
_PROSE_NIVEAU = re.compile(r"\b(?:mbo[-\s]?)?niveau[-\s]?([1-4])\b|\b(?:mbo|bol|bbl)[-\s]?([1-4])\b"
                           r"|\b(entree)(?:opleiding)?\b", re.I)
# Sentences about statutory fees name every level ("lesgeld voor niveau 1 en 2 ..."): never the offering's.
_FEE_CONTEXT = re.compile(r"lesgeld|cursusgeld|collegegeld|€|\beuro\b", re.I)


def _sections(doc: Document) -> list[tuple[str, Line]]:
    """Each main-content line with the heading it falls under ("" before the first heading)."""
    heading = ""
    out: list[tuple[str, Line]] = []
    main_only = any(line.in_main for line in doc.lines) and not doc.is_text
    for line in doc.lines:
        if main_only and not line.in_main:
            continue
        is_heading = line.tag in HEADINGS or (
            doc.is_text and len(line.text) <= 60 and not re.search(r"[.!?,;:]$", line.text)
            and not line.text.startswith(("•", "-"))
        )
        if is_heading:
            heading = line.text
        out.append((heading, line))
    return out


def prose_niveau(doc: Document) -> int | None:
    """The first niveau stated in prose outside requirement/follow-up context."""
    for heading, line in _sections(doc):
        if _REQUIREMENT_CONTEXT.search(heading):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line.text):
            m = _PROSE_NIVEAU.search(sentence)
            if m and not _REQUIREMENT_CONTEXT.search(sentence) and not _FEE_CONTEXT.search(sentence):
                return 1 if m.group(3) else int(m.group(1) or m.group(2))
    return None


def prose_leerwegen(doc: Document) -> list[f.Leerweg]:
    """Leerwegen named in main-content prose, outside requirement/follow-up context."""
    out: list[f.Leerweg] = []
    for heading, line in _sections(doc):
        if _REQUIREMENT_CONTEXT.search(heading):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line.text):
            if re.search(r"\bvmbo\b|\bvervolg|\bdoorstro", sentence, re.I):
                continue
            for leerweg in leerwegen_in_sentence(sentence):
                if leerweg not in out:
                    out.append(leerweg)
    return out


def leerwegen_in_sentence(sentence: str) -> list[f.Leerweg]:
    """Leerwegen a prose sentence names. "Deeltijd" counts only as "BOL-deeltijd"/"BOL-volwassenen":
    a "deeltijdopleiding" in running text describes a timetable, not a leerweg (a labelled value
    "Leerweg: deeltijd" still counts, see heuristics)."""
    if _FEE_CONTEXT.search(sentence):
        return []  # "voor een BBL-opleiding is het cursusgeld ...": every BBL, not this one
    return [lw for lw in f.parse_leerwegen(sentence)
            if lw != f.Leerweg.DEELTIJD or f.BOL_VARIANT.search(sentence)]


_PROSE_DURATION = re.compile(
    r"\b(?:duur\w*|duurt|in|binnen|gedurende)\s+(?:ongeveer\s+|circa\s+|maximaal\s+|slechts\s+|maar\s+)?"
    r"(?=\d|een\b|één\b|anderhalf\b|twee\b|drie\b|vier\b|half\b)",
    re.I,
)


def prose_duration(doc: Document) -> str | None:
    for heading, line in _sections(doc):
        if _REQUIREMENT_CONTEXT.search(heading):
            continue
        for m in _PROSE_DURATION.finditer(line.text):
            found = f.parse_duration(line.text[m.end():m.end() + 40])
            if found and line.text[m.end():].lower().startswith(found.lower().split()[0]):
                if re.search(r"\b(jaar|jaren)\s+(oud|of\s+ouder)\b", line.text[m.end():m.end() + 40], re.I):
                    continue
                return found
    return None


_PRICE_CUE = re.compile(r"kosten|prijs|lesgeld|cursusgeld|tarie|investering|\bkost\b|betaal", re.I)


def prose_price(doc: Document) -> tuple[float | None, str]:
    """A euro amount in a sentence (or under a heading) about costs, with its unit and qualifiers."""
    for heading, line in _sections(doc):
        if _PRICE_CUE.search(line.text) or _PRICE_CUE.search(heading):
            price = f.parse_price(line.text) if re.search(r"€|\beuro\b|\beur\b", line.text, re.I) else None
            if price is not None:
                return price, f.parse_price_note(line.text)
    return None, ""


_START_CUE = re.compile(r"\bstart\w*|\bbegin\w*|\baanvang\w*", re.I)


def prose_start_dates(doc: Document) -> list[date]:
    """Dates in start sentences, never those next to open-day/information-evening words."""
    out: list[date] = []
    for heading, line in _sections(doc):
        if f.OPEN_DAY.search(heading):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line.text):
            if _START_CUE.search(sentence) or _START_CUE.search(heading):
                if f.OPEN_DAY.search(sentence):
                    continue
                for d in f.parse_dates(sentence):
                    if d not in out:
                        out.append(d)
    return out


def prose_target_groups(doc: Document) -> list[f.TargetGroup]:
    found: list[f.TargetGroup] = []
    for heading, line in _sections(doc):
        if re.search(r"ook\s+interessant|andere\s+opleidingen|bekijk\s+ook", heading, re.I):
            continue
        for group in f.parse_target_groups(line.text):
            if group not in found:
                found.append(group)
    return found


# --- prose records -------------------------------------------------------------------------------

_PROSE_LOCATION = re.compile(
    r"\b(?:(?:volg|volgt)\s+(?:je\s+)?(?:deze|de)\s+(?:opleiding|cursus|training)[^.]*?|lessen\s+(?:zijn|vinden\s+plaats)"
    r"|(?:wordt|worden)\s+gegeven|op\s+(?:onze\s+)?locatie|vestiging(?:en)?)\s+in\s+"
    r"(?P<places>(?:['’]s-)?[A-Z][\w'’.-]*(?:[\s-][A-Z][\w'’.-]*)*(?:\s*(?:,|\bof\b|\ben\b)\s*(?:['’]s-)?"
    r"[A-Z][\w'’.-]*(?:[\s-][A-Z][\w'’.-]*)*)*)"
)
_AUDIENCE = re.compile(r"bedoeld\s+voor|voor\s+wie|doelgroep|geschikt\s+voor|speciaal\s+voor", re.I)


def prose_record(text: str) -> Record:
    """Raw field texts stated in one paragraph of prose (sentences that carry each fact)."""
    rec: Record = {}
    m = f.CREBO_IN_TEXT.search(text)
    if m:
        rec["crebo"] = m.group(1)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    starts: list[str] = []
    for sentence in sentences:
        if _REQUIREMENT_CONTEXT.search(sentence):
            continue
        nm = None if _FEE_CONTEXT.search(sentence) else _PROSE_NIVEAU.search(sentence)
        if nm and "niveau" not in rec:
            rec["niveau"] = sentence[nm.start():nm.end() + 12]
        if "leerweg" not in rec and leerwegen_in_sentence(sentence):
            rec["leerweg"] = " ".join(lw.value for lw in leerwegen_in_sentence(sentence))
        if "duur" not in rec:
            for dm in _PROSE_DURATION.finditer(sentence):
                found = f.parse_duration(sentence[dm.end():dm.end() + 40])
                if found:
                    rec["duur"] = found
                    break
        if "kosten" not in rec and _PRICE_CUE.search(sentence) and f.parse_price(sentence) is not None \
                and re.search(r"€|\beuro\b|\beur\b", sentence, re.I):
            rec["kosten"] = sentence
        if _START_CUE.search(sentence) and not f.OPEN_DAY.search(sentence) and f.parse_dates(sentence):
            starts.append(sentence)
        lm = _PROSE_LOCATION.search(sentence)
        if lm and "locatie" not in rec:
            rec["locatie"] = lm.group("places")
        if _AUDIENCE.search(sentence) and f.parse_target_groups(sentence):
            rec["doelgroep"] = sentence
        if "type" not in rec and f.parse_offering_type(sentence) in (f.OfferingType.MBO_CERTIFICAAT,
                                                                    f.OfferingType.PRAKTIJKVERKLARING,
                                                                    f.OfferingType.NON_MBO) \
                and re.search(r"\b(?:met|volg|volgt|haal|behaal|ontvang)\b", sentence, re.I):
            rec["type"] = sentence
    if starts:
        rec["start"] = " ;; ".join(starts)
    return rec


_FACT_FIELDS = ("crebo", "niveau", "leerweg", "duur", "kosten", "start")


def prose_records(doc: Document) -> list[Record]:
    """One record per main-content paragraph that states two or more offering facts in sentences.

    Each record carries ``_heading``: the nearest heading above it (a block title on pages with
    several offerings).
    """
    out: list[Record] = []
    for heading, line in _sections(doc):
        if line.tag in HEADINGS or len(line.text) < 40 or _REQUIREMENT_CONTEXT.search(heading) \
                or f.OPEN_DAY.search(heading):
            continue
        rec = prose_record(line.text)
        if sum(1 for k in _FACT_FIELDS if k in rec) >= 2:
            rec["_heading"] = heading
            out.append(rec)
    return out
