"""Dutch page heuristics: labelled key/value blocks, label tables and prose cues.

A *record* is a dict of field → raw value text for one offering variant. Labelled blocks ("Leerweg BBL",
"Niveau: 2", a <dt>/<dd> pair, a two-cell table row, "Duur" on one line and "1 jaar" on the next) give
records in page order; a label repeated with a different value starts a new record, so a page listing
BOL and BBL blocks gives two. Tables whose header row (or first column) holds labels give one record
per data row (column). Prose cues (page-level fallbacks) live in :mod:`crawler.extract.prose`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.extract import fields as f
from crawler.extract.document import HEADINGS, Document, Line

Record = dict[str, str]

LABELS: dict[str, str] = {
    "leerweg": r"leerwegen|leerweg|leervormen|leervorm|onderwijsvorm|opleidingsvorm|studievorm|opleidings?soort",
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
    "type": r"soort\s+opleiding|type\s+opleiding|soort|afsluiting|diploma\s*/\s*certificaat|resultaat",
}
_LABEL_RE = {
    name: re.compile(rf"^(?:{pattern})(?:\s*\(s\))?(?=$|[\s:|(\-–?])\s*(?:\([^)]{{0,30}}\))?\s*(?P<sep>[:|\-–]?)\s*",
                     re.I)
    for name, pattern in LABELS.items()
}
_BULLET = re.compile(r"^[\s•·*\-–>▸›✓✔]+")
_SEPARATOR_ONLY = re.compile(r"^[\s:|\-–]+")


def _valid(field: str, value: str) -> bool:
    value = value.strip()
    if not value:
        return False
    checks: dict[str, Callable[[str], object]] = {
        "leerweg": f.parse_leerwegen,
        "niveau": f.parse_niveau,
        "crebo": f.parse_crebo,
        "duur": f.parse_duration,
        # "Kosten: op aanvraag" states the price as much as an amount does; "gratis" parses to 0.0.
        "kosten": lambda v: f.parse_price(v) is not None or re.search(r"\bop\s+aanvraag\b|\bofferte\b", v, re.I),
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
        j = i + 1
        while j < len(items) and _SEPARATOR_ONLY.fullmatch(items[j][0]):
            j += 1  # "Niveau", ":", "3": key/value pairs rendered with the colon on its own line
        nxt = _SEPARATOR_ONLY.sub("", items[j][0]).strip() if j < len(items) else ""
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
        # "Kosten: op aanvraag" states the price as much as an amount does; "gratis" parses to 0.0.
        "kosten": lambda v: f.parse_price(v) is not None or re.search(r"\bop\s+aanvraag\b|\bofferte\b", v, re.I), "start": f.parse_dates, "duur": f.parse_duration,
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
