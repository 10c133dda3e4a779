"""Kerntaken and werkprocessen of current dossiers mined from the school documents (codes with their titles).

OER and examenplan texts list their programme's parts as "B1-K1: Uitvoeren metingen leefomgeving" and
"B1-K1-W2: Onderhoudt werkplek en/of apparatuur". For each document that carries a crebo, every code followed
by a title on the same line is collected; the qualification is the one the lineage files that crebo under.
A title that wraps onto the next line ("B1-K1-W8 Rekent de bestelling(en) af en neemt" / "afscheid") is joined
when that line starts in lower case, is at most ``MAX_WRAP_WORDS`` words and holds no code. PDF tables still cut
some titles off ("B1-K1-W4 Voert"), so per (qualification, code) the title written the same way in the most
documents wins, longer first on a tie, and titles shorter than ``MIN_TITLE_WORDS`` words are dropped.
Every kerntaak keeps the documents it was read from (:class:`MinedDossier`). Derived facts only: no document
text is stored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from skills.model import Kerntaak, Werkproces
from skills.reference.documents import SchoolDocument

MIN_TITLE_WORDS = 2
MAX_TITLE_CHARS = 140
_LINE = re.compile(r"(?<![\w-])([BP]\d{1,2}-K\d{1,2}(?:-W\d{1,2})?)(?![\w-])\s*[:.\-–]?\s+([A-Z(][^|\n]{3,200})")
_WRAPPED = re.compile(r"[ \t]*\n\s{0,4}([a-zà-ÿ][^|\n]{0,80})")  # a title's end on the next line, lower case
_CODE_IN = re.compile(r"[BP]\d{1,2}-K\d")
MAX_WRAP_WORDS = 6
_CUT = re.compile(r"\s+(?:Proeve van|cijfer|\d+ uur|[BP]\d{1,2}-K\d)\b.*$")


@dataclass(frozen=True, slots=True)
class MinedDossier:
    """Mined kerntaken of one qualification and the documents (paths under school_documents/md) they came from."""

    kerntaken: tuple[Kerntaak, ...]
    sources: tuple[str, ...]


def _title(raw: str) -> str:
    text = _CUT.sub("", " ".join(raw.split())).strip(" -–:;,.")
    return text[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] if len(text) > MAX_TITLE_CHARS else text


def _best(titles: Counter[str]) -> str:
    return max(titles.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def mine_dossiers(documents: Iterable[SchoolDocument],
                  key_of: Callable[[str], str | None]) -> dict[str, MinedDossier]:
    """Qualification key → mined kerntaken (with werkprocessen), for every key some document names codes for."""
    titles: dict[str, dict[str, Counter[str]]] = {}
    sources: dict[str, set[str]] = {}
    for doc in documents:
        key = key_of(doc.crebo) if doc.crebo else None
        if key is None:
            continue
        found = False
        text = doc.text()
        for match in _LINE.finditer(text):
            code, raw = match.group(1), match.group(2)
            wrapped = _WRAPPED.match(text, match.end())
            if wrapped and not _CODE_IN.search(wrapped.group(1)) and len(wrapped.group(1).split()) <= MAX_WRAP_WORDS:
                raw = f"{raw} {wrapped.group(1)}"
            title = _title(raw)
            if len(title.split()) >= MIN_TITLE_WORDS:
                titles.setdefault(key, {}).setdefault(code, Counter())[title] += 1
                found = True
        if found:
            sources.setdefault(key, set()).add(doc.relative)
    out: dict[str, MinedDossier] = {}
    for key, codes in titles.items():
        kerntaak_codes = sorted({c.rsplit("-W", 1)[0] for c in codes}, key=_order)
        kerntaken = tuple(
            Kerntaak(code=kt, name=_best(codes[kt]) if kt in codes else "",
                     werkprocessen=tuple(Werkproces(code=w, name=_best(codes[w]))
                                         for w in sorted((c for c in codes if c.startswith(kt + "-W")), key=_order)))
            for kt in kerntaak_codes)
        out[key] = MinedDossier(kerntaken, tuple(sorted(sources[key])))
    return out


def _order(code: str) -> tuple[str, tuple[int, ...]]:
    return code[0], tuple(int(n) for n in re.findall(r"\d+", code))
