"""Crebo codes stated in a page's text: next to the word crebo, or printed beside the programme's name."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.extract import fields as f
from crawler.extract.document import Document


def prose_crebos(doc: Document) -> list[str]:
    """Crebo codes written next to the word crebo anywhere in the text, then codes printed without the
    word on a line of their own before the qualification's name ("25615, Sociaal werker"); in order,
    without duplicates."""
    out: list[str] = []
    for m in f.CREBO_IN_TEXT.finditer(doc.main_text if not doc.is_text else doc.text):
        if m.group(1) not in out:
            out.append(m.group(1))
    for code in _bare_crebos(doc):
        if code not in out:
            out.append(code)
    return out


_BARE_CREBO = re.compile(r"^[\s•·*\-–]*([1-9]\d{4})\s*[,:\-–]?\s+(?P<name>[A-Za-zÀ-ÿ][^\d]{2,90})$")
_PRONOUN = re.compile(r"\b(je|jij|jou|u|wij|we|ik|ons|onze|zij|hij)\b", re.I)
_NAME_WORD = re.compile(r"[a-zà-ÿ]{5,}")


def _bare_crebos(doc: Document) -> list[str]:
    """A five-digit code followed by a name, on its own line, counts only when the name shares a word
    with the URL slug or the page's first lines: a code beside the programme's own name."""
    slug = set(_NAME_WORD.findall(urlsplit(doc.url).path.lower()))
    out: list[str] = []
    for line in doc.lines:
        if not line.in_main or len(line.text) > 100:
            continue
        m = _BARE_CREBO.match(line.text)
        if not m or _PRONOUN.search(m.group("name")):
            continue  # "12000 studenten gingen je voor" is a sentence, not a name
        topic = slug.union(*(_NAME_WORD.findall(other.text.lower()) for other in doc.lines[:3] if other is not line))
        if set(_NAME_WORD.findall(m.group("name").lower())) & topic:
            out.append(m.group(1))
    return out
