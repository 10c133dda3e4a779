"""Real school documents (school_documents/: OER and examenplan texts) as evidence about qualifications.

Reads ``school_documents/index.csv`` (school_folder, path under ``md/``, crebo, leerweg, jaar,
titel_uit_bestandsnaam) and, lazily, each document's text. What a document can tell:

- which qualification name it states next to its crebo (``"25656 Verzorgende-IG 36 maanden BOL"``,
  ``"Allround technicus voertuigen ... (25669)"``, an examenplan table row ``Kwalificatie | Verzorgende-IG``):
  :func:`code_windows` returns the text around each mention of the code, for name matching;
- a statement of two codes for one qualification (``"25656 (voorheen 25491)"``): :func:`stated_pairs`.

Documents are third-party text: facts are derived from them, their wording is never stored in the repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from skills.reference.table import ReferenceFiles, read_rows
from skills.reference.validation import ProblemLog, is_crebo

INDEX_FILE = "school_documents/index.csv"
TEXT_DIR = "school_documents/md"
COLUMNS = ("school_folder", "path", "crebo")
WINDOW_LINES = (2, 1)  # lines before and after a line that mentions the code
MAX_MENTIONS = 12  # code mentions looked at per document (the first ones carry the title block)
CUES = ("voorheen", "vervangt", "oude crebo", "oud crebo", "was", "eerder")
_PAIR = re.compile(r"\b(\d{5})\b[^\n\d]{0,30}?\b(?:voorheen|was|vervangt|oude? crebo|eerder)\b"
                   r"[^\n\d]{0,20}?\b(\d{5})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SchoolDocument:
    """One indexed document: where it is and what its file name says."""

    school: str
    path: Path  # absolute path of the markdown text
    relative: str  # path under md/ (the document's name as a source)
    crebo: str  # "" when the file name carries no crebo
    leerweg: str = ""
    year: str = ""
    title: str = ""  # from the file name

    def text(self) -> str:
        """The document text ("" when it cannot be read)."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""


def load_documents(files: ReferenceFiles, log: ProblemLog) -> list[SchoolDocument]:
    """Every indexed document whose text file exists; [] when the folder is absent (optional source)."""
    paths = files.paths(INDEX_FILE)
    if not paths:
        return []
    out: list[SchoolDocument] = []
    for index in paths:
        rows = read_rows(index, log, COLUMNS)
        for row in rows or []:
            crebo = row.get("crebo")
            if crebo and not is_crebo(crebo):
                log.add(row.file, row.line, f"malformed crebo {crebo!r} (expected 5 digits)")
                continue
            text = index.parent / "md" / row.get("path")
            if not text.is_file():
                log.add(row.file, row.line, f"document {row.get('path')!r} not found under {TEXT_DIR}")
                continue
            out.append(SchoolDocument(school=row.get("school_folder"), path=text, relative=row.get("path"),
                                      crebo=crebo, leerweg=row.get("leerweg"), year=row.get("jaar"),
                                      title=row.get("titel_uit_bestandsnaam")))
    return out


def code_windows(text: str, code: str) -> Iterator[str]:
    """The lines around each of the first mentions of ``code`` (as a whole number) in ``text``."""
    before, after = WINDOW_LINES
    found, start, last_line_start = 0, 0, -1
    while found < MAX_MENTIONS:
        pos = text.find(code, start)
        if pos < 0:
            return
        start = pos + len(code)
        if (pos > 0 and text[pos - 1].isdigit()) or (start < len(text) and text[start].isdigit()):
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        if line_start == last_line_start:
            continue
        last_line_start = line_start
        found += 1
        lo = line_start
        for _ in range(before):
            lo = text.rfind("\n", 0, max(lo - 1, 0)) + 1 if lo > 0 else 0
        hi = pos
        for _ in range(after + 1):
            nxt = text.find("\n", hi + 1 if hi > pos else hi)
            hi = len(text) if nxt < 0 else nxt
        yield text[lo:hi]


def stated_pairs(text: str) -> list[tuple[str, str]]:
    """(newer code, older code) for each statement like "25656 (voorheen 25491)" in ``text``: a 5-digit number, a
    cue word ("voorheen", "was", "vervangt", "oude crebo", "eerder") and another 5-digit number on one line."""
    low = text.lower()
    out: list[tuple[str, str]] = []
    for cue in CUES:
        start = low.find(cue)
        while start >= 0:
            window = text[max(0, start - 40): start + len(cue) + 30]
            out.extend((m.group(1), m.group(2)) for m in _PAIR.finditer(window) if m.group(1) != m.group(2))
            start = low.find(cue, start + len(cue))
    return list(dict.fromkeys(out))
