"""The everyday-language lexicon: what people call the work of each qualification.

Official names ("Allround medewerker ...") and werkprocessen are written in the qualification structure's
own language; job seekers write "lassen", "met kinderen werken" or "heftruckchauffeur". The shared
reference data has no bridge between the two for most qualifications (71 of 470 have werkprocessen, and
ESCO ships no occupation ↔ qualification relations), so llo-zoeker carries its own: one JSON Lines record
per 2015 crebo with colloquial job titles (``beroepen``), everyday task phrases (``taken``), workplaces
(``werkplekken``) and typical tools, materials and licences (``middelen``).

The built-in file (``skills/data/everyday_nl.jsonl``) was written for this project from general knowledge
of Dutch work by authors who did not see the evaluation queries; docs/lexicon.md describes how, and its
caveats (the briefs' examples were written by someone who had). Any file in the
same format can replace it (setting ``LLO_LEXICON``); ``none`` switches it off.

Every record's crebo must be well-formed. The lexicon follows the 2015 structure and reference data may be
newer or smaller: a record whose crebo is not current moves to the current qualification with exactly its
name (renumbered), otherwise it is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

from skills.errors import ReferenceDataError
from skills.text import fold

log = logging.getLogger(__name__)

BUILTIN_LEXICON = Path(__file__).resolve().parent / "data" / "everyday_nl.jsonl"
FIELDS = ("beroepen", "taken", "werkplekken", "middelen")
FIELD_LABELS = {"beroepen": "beroep", "taken": "taak", "werkplekken": "werkplek", "middelen": "middel"}
MAX_TERM_CHARS = 80


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """Everyday words for one qualification. Every tuple holds short, lower-case Dutch terms."""

    crebo: str
    name: str
    beroepen: tuple[str, ...] = ()
    taken: tuple[str, ...] = ()
    werkplekken: tuple[str, ...] = ()
    middelen: tuple[str, ...] = ()

    def terms(self) -> list[tuple[str, str]]:
        """(field, term) for every term, in file order, each term once."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for name in FIELDS:
            for term in getattr(self, name):
                if term not in seen:
                    seen.add(term)
                    out.append((name, term))
        return out


def resolve_lexicon(setting: str) -> Path | None:
    """The lexicon file a setting names: "builtin" → the shipped file, "none"/"" → None, else a path."""
    value = setting.strip()
    if value.lower() in ("", "none", "off"):
        return None
    if value.lower() == "builtin":
        return BUILTIN_LEXICON
    return Path(value)


def load_lexicon(path: Path, current: Mapping[str, str] | None = None) -> dict[str, LexiconEntry]:
    """Read a lexicon file: crebo → entry. With ``current`` (crebo → name of every current qualification),
    a record whose crebo is not current moves to the one current qualification with exactly its name (a
    renumbered qualification after a reference-data refresh, as CreboResolver treats names); any other is
    skipped and logged. Raises ReferenceDataError naming file and line for unreadable or malformed records,
    a duplicate crebo, or a missing file."""
    if not path.is_file():
        raise ReferenceDataError(f"lexicon {path} not found (set LLO_LEXICON to 'builtin', 'none' or a file)",
                                 [(str(path), None, "missing lexicon file")])
    by_name: dict[str, list[str]] = {}
    for crebo, name in (current or {}).items():
        by_name.setdefault(fold(name).strip(), []).append(crebo)
    native: dict[str, LexiconEntry] = {}
    orphans: list[LexiconEntry] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            entry = _parse(path, number, line)
            if entry.crebo in seen:
                _fail(path, number, f"crebo {entry.crebo} occurs twice")
            seen.add(entry.crebo)
            if current is None or entry.crebo in current:
                native[entry.crebo] = entry
            else:
                orphans.append(entry)
    # Second pass, so that a qualification's own record always wins over a renumbered predecessor's.
    out = dict(native)
    moved: list[str] = []
    skipped: list[str] = []
    for entry in orphans:
        successors = by_name.get(fold(entry.name).strip(), [])
        if len(successors) != 1 or successors[0] in out:
            skipped.append(entry.crebo)
            continue
        moved.append(f"{entry.crebo}→{successors[0]}")
        out[successors[0]] = replace(entry, crebo=successors[0])
    if moved:
        log.info("lexicon %s: %d record(s) moved to the renumbered qualification of the same name: %s",
                 path, len(moved), ", ".join(moved[:10]))
    if skipped:
        log.warning("lexicon %s: %d record(s) for crebos that are not current qualifications skipped: %s",
                    path, len(skipped), ", ".join(skipped[:10]))
    log.info("lexicon %s: %d qualifications, %d terms", path, len(out), sum(len(e.terms()) for e in out.values()))
    return out


def _parse(path: Path, number: int, line: str) -> LexiconEntry:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        _fail(path, number, f"not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        _fail(path, number, "a record must be a JSON object")
    crebo = str(record.get("crebo", ""))
    if not (crebo.isdigit() and len(crebo) == 5):
        _fail(path, number, f"crebo must be five digits, got {record.get('crebo')!r}")
    unknown = set(record) - {"crebo", "name", *FIELDS}
    if unknown:
        _fail(path, number, f"unknown key(s) {', '.join(sorted(unknown))}")
    lists: dict[str, tuple[str, ...]] = {}
    for name in FIELDS:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            _fail(path, number, f"{name} must be a list of non-empty strings")
        too_long = [v for v in value if len(v) > MAX_TERM_CHARS]
        if too_long:
            _fail(path, number, f"{name}: term longer than {MAX_TERM_CHARS} characters: {too_long[0][:40]!r}...")
        lists[name] = tuple(dict.fromkeys(" ".join(v.split()) for v in value))
    return LexiconEntry(crebo=crebo, name=str(record.get("name", "")), **lists)


def _fail(path: Path, number: int, problem: str) -> NoReturn:
    raise ReferenceDataError(f"{path}:{number}: {problem}", [(str(path), number, problem)])
