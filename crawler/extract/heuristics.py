"""Dutch page heuristics: labelled key/value blocks, label tables and prose cues.

A *record* is a dict of field → raw value text for one offering variant. Labelled blocks ("Leerweg BBL",
"Niveau: 2", a <dt>/<dd> pair, a two-cell table row, "Duur" on one line and "1 jaar" on the next) give
records in page order; a label repeated with a different value starts a new record, so a page listing
BOL and BBL blocks gives two. Tables whose header row (or first column) holds labels give one record
per data row (column). Prose cues are page-level fallbacks for fields no block states.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.extract import fields as f
from crawler.extract.document import HEADINGS, Document, Line

Record = dict[str, str]

LABELS: dict[str, str] = {
    "leerweg": r"leerwegen|leerweg|leervormen|leervorm|onderwijsvorm|opleidingsvorm|studievorm",
    "niveau": r"mbo[-\s]?niveau|opleidingsniveau|niveau|level",
    "crebo": r"crebo[-\s]?nummer|crebonummer|crebo[-\s]?code|crebo[-\s]?nr\.?|crebo|opleidingscode"
             r"|kwalificatiecode",
    "duur": r"opleidingsduur|studieduur|cursusduur|doorlooptijd|looptijd|duur",
    "kosten": r"opleidingskosten|scholingskosten|cursusprijs|cursusgeld|collegegeld|totaalprijs|investering"
              r"|lesgeld|tarieven|tarief|kosten|prijs",
    "start": r"eerstvolgende\s+startdatum|eerstvolgende\s+start|startdatums|startdatum|startdata"
             r"|startmomenten|startmoment|begindatum|aanvangsdatum|aanvang|start",
    "locatie": r"leslocaties|leslocatie|lesplaatsen|lesplaats|locatie\(s\)|locaties|locatie|vestigingen"
               r"|vestiging|plaats|waar",
    "doelgroep": r"doelgroepen|doelgroep|voor\s+wie",
    "type": r"soort\s+opleiding|type\s+opleiding|soort|afsluiting|diploma\s*/\s*certificaat",
}
_LABEL_RE = {
    name: re.compile(rf"^(?:{pattern})(?:\s*\(s\))?(?=$|[\s:|(\-–?])\s*(?:\([^)]{{0,30}}\))?\s*(?P<sep>[:|\-–]?)\s*",
                     re.I)
    for name, pattern in LABELS.items()
}
_BULLET = re.compile(r"^[\s•·*\-–>▸›✓✔]+")


def _valid(field: str, value: str) -> bool:
    value = value.strip()
    if not value:
        return False
    checks: dict[str, Callable[[str], object]] = {
        "leerweg": f.parse_leerwegen,
        "niveau": f.parse_niveau,
        "crebo": f.parse_crebo,
        "duur": f.parse_duration,
        "kosten": f.parse_price,
        "start": lambda v: f.parse_dates(v) or re.search(r"nader te bepalen|n\.?t\.?b\.?|op aanvraag", v, re.I),
        "locatie": lambda v: len(v) <= 100 and f.parse_locations(v) and not re.match(r"^(je|jij|u|we|wij|de|het|een)\b",
                                                                                   v, re.I),
        "doelgroep": f.parse_target_groups,
        "type": f.parse_offering_type,
    }
    return bool(checks[field](value))


def match_label(text: str) -> tuple[str, str, str] | None:
    """(field, separator, rest) when ``text`` starts with a known label, else None."""
    text = _BULLET.sub("", text)
    for name, regex in _LABEL_RE.items():
        m = regex.match(text)
        if m:
            return name, m.group("sep"), text[m.end():].strip()
    return None


def _items(lines: list[Line], main_only: bool) -> list[tuple[str, str]]:
    """Lines split into cell/segment items, so "Niveau | 2" and "Niveau: 2 · Leerweg: BBL" both pair up;
    each item comes with the nearest heading above it that is not itself a label."""
    out: list[tuple[str, str]] = []
    heading = ""
    for line in lines:
        if main_only and not line.in_main:
            continue
        if line.tag in HEADINGS and match_label(line.text) is None:
            heading = line.text
        for seg in re.split(r"\s+\|\s+|\s+[·•]\s+", line.text):
            if seg.strip():
                out.append((seg.strip(), heading))
    return out


def find_pairs(doc: Document) -> list[tuple[str, str, str]]:
    """Labelled (field, value, heading) triples in page order, from lines in the main content."""
    items = _items(doc.lines, main_only=any(line.in_main for line in doc.lines))
    pairs: list[tuple[str, str, str]] = []
    for i, (item, heading) in enumerate(items):
        hit = match_label(item)
        if hit is None:
            continue
        field, sep, rest = hit
        candidates: list[str] = []
        if rest and (sep or len(item) <= 80 or field in {"crebo"}):
            # A long sentence that merely starts with a label word is prose, not a value.
            candidates.append(rest[:200] if sep else rest)
        nxt = items[i + 1][0] if i + 1 < len(items) else ""
        if nxt and len(nxt) <= 120 and match_label(nxt) is None and (not rest or len(item) > 80 or sep == ""):
            candidates.append(nxt)
        for value in candidates:
            if _valid(field, value):
                pairs.append((field, value, heading))
                break
    return pairs


# Several start dates or locations are listed one label each; they never start a new variant.
_ACCUMULATE = {"start", "locatie", "doelgroep", "type"}


def records_from_pairs(pairs: list[tuple[str, str, str]]) -> list[Record]:
    """Group pairs into records: a label seen again starts the next record (a new block), except a
    start date or location listed right after one of its kind, which adds to the current record.
    Blocks that do not contradict each other are merged later (assemble.merge_variants)."""
    records: list[Record] = []
    current: Record = {}
    previous = ""
    for field, value, heading in pairs:
        if not current:
            current["_heading"] = heading
        if field in current:
            if field in _ACCUMULATE and field == previous:
                if not any(_same(field, part, value) for part in current[field].split(" ;; ")):
                    current[field] += " ;; " + value
                continue
            records.append(current)
            current = {"_heading": heading}
        current[field] = value
        previous = field
    if current:
        records.append(current)
    # A record that repeats one already seen (a sidebar summary shown twice) is dropped.
    unique: list[Record] = []
    for rec in records:
        if not any(all(_same(k, v, other.get(k, "")) for k, v in rec.items() if k != "_heading")
                   for other in unique):
            unique.append(rec)
    return unique


def _same(field: str, a: str, b: str) -> bool:
    if a.strip().lower() == b.strip().lower():
        return True
    parsers: dict[str, Callable[[str], object]] = {
        "leerweg": f.parse_leerwegen, "niveau": f.parse_niveau, "crebo": f.parse_crebo,
        "kosten": f.parse_price, "start": f.parse_dates, "duur": f.parse_duration,
    }
    parse = parsers.get(field)
    return parse is not None and bool(parse(a)) and parse(a) == parse(b)


def _label_of_cell(cell: str) -> str | None:
    hit = match_label(cell)
    if hit is None:
        return None
    field, _, rest = hit
    return field if len(rest) <= 3 else None


def table_records(doc: Document) -> list[Record]:
    """Records from label tables: header row of labels (one record per row), or first column of labels
    with two or more value columns (one record per column)."""
    out: list[Record] = []
    for rows in doc.tables:
        if len(rows) < 2:
            continue
        header = [_label_of_cell(c) for c in rows[0]]
        if sum(1 for h in header if h) >= 2:
            for row in rows[1:]:
                rec = {h: cell for h, cell in zip(header, row, strict=False) if h and cell and _valid(h, cell)}
                if rec and header[0] is None and row:
                    rec["_heading"] = row[0]
                if len(rec) >= 1:
                    out.append(rec)
            continue
        first_col = [_label_of_cell(r[0]) if r else None for r in rows]
        width = max(len(r) for r in rows)
        if sum(1 for h in first_col if h) >= 2 and width >= 3:
            for col in range(1, width):
                rec = {h: r[col] for h, r in zip(first_col, rows, strict=False)
                       if h and len(r) > col and r[col] and _valid(h, r[col])}
                if rec:
                    out.append(rec)
    return out


# --- prose fallbacks -----------------------------------------------------------------------------

_REQUIREMENT_CONTEXT = re.compile(
    r"toelating|vooropleiding|instroom|doorstro|vervolg|verder\s+(?:leren|studeren)|na\s+(?:je|deze|de)\s+opleiding"
    r"|afgeronde|afgerond|diploma\s+(?:op|van)|\bvmbo|havo|vwo|met\s+een\s+(?:mbo|diploma)|vanaf\s+niveau"
    r"|toegelaten|eisen|ook\s+interessant|andere\s+opleidingen|bekijk\s+ook|vergelijkbare",
    re.I,
)
_PROSE_NIVEAU = re.compile(r"\b(?:mbo[-\s]?)?niveau[-\s]?([1-4])\b|\bmbo[-\s]([1-4])\b|\b(entree)(?:opleiding)?\b", re.I)


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
            if m and not _REQUIREMENT_CONTEXT.search(sentence):
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
            for leerweg in f.parse_leerwegen(sentence):
                if leerweg not in out:
                    out.append(leerweg)
    return out


def prose_crebos(doc: Document) -> list[str]:
    """Crebo codes written next to the word crebo anywhere in the text, in order, without duplicates."""
    out: list[str] = []
    for m in f.CREBO_IN_TEXT.finditer(doc.main_text if not doc.is_text else doc.text):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


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


def prose_price(doc: Document) -> float | None:
    """A euro amount in a sentence (or under a heading) about costs."""
    for heading, line in _sections(doc):
        if _PRICE_CUE.search(line.text) or _PRICE_CUE.search(heading):
            price = f.parse_price(line.text) if re.search(r"€|\beuro\b|\beur\b", line.text, re.I) else None
            if price is not None:
                return price
    return None


_START_CUE = re.compile(r"\bstart\w*|\bbegin\w*|\baanvang\w*", re.I)


def prose_start_dates(doc: Document) -> list[f.date]:
    """Dates in start sentences, never those next to open-day/information-evening words."""
    out: list[f.date] = []
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
        nm = _PROSE_NIVEAU.search(sentence)
        if nm and "niveau" not in rec:
            rec["niveau"] = sentence[nm.start():nm.end() + 12]
        if "leerweg" not in rec and f.parse_leerwegen(sentence):
            rec["leerweg"] = sentence
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
