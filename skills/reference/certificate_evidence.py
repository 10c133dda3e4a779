"""mbo-certificaten named in school documents: evidence for the catalogue while the official list is not
available offline.

Two forms occur in the documents (PDF conversions break lines and even words anywhere, so each form is read from
the text with whitespace collapsed or removed):

- a named certificate: "Mbo-certificaat Zorgplan ontwikkelen (C0109)" → code and name; also a list
  "Relevante mbo-certificaten: C0110 Afbouw timmeren C0120 Ruwbouw timmeren" (each name runs to the next code
  or to the end of the sentence);
- an examenplan row: "25920- P2-K1 Verricht commerciële werkzaamheden ... Onderdeel van mbo-certificaat C0017" →
  code and the kerntaak of the row: the kerntaak of the nearest kerntaak or werkproces code before the phrase,
  within ``KERNTAAK_WINDOW`` characters (PDF tables come out shredded, so this is the row's code in most
  documents, not in all); "onderdeel van mbo-certificaten: C0094, C0103" names several.

Each code becomes one entry with the name written most often (none when only the second form names it), the
qualifications whose documents name it (filed through the lineage), per qualification the kerntaak most of its
rows name (none when the rows disagree) and those documents as its source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from skills.reference.documents import SchoolDocument

KERNTAAK_WINDOW = 400  # characters (spaces removed) before "onderdeel van mbo-certificaat" searched for a kerntaak
_NAMED = re.compile(r"mbo-certificaat\s+((?:(?!mbo-certificaat)[^()|#]){3,160}?)\s*\((C\d{4})\)", re.IGNORECASE)
_PART_OF = re.compile(r"onderdeelvanmbo-?certificaa?t(?:en)?:?((?:C\d{4}[,/en]*)+)", re.IGNORECASE)
_CODE = re.compile(r"C\d{4}")
_LISTED = re.compile(r"relevante? mbo[- ]?certifica(?:at|ten):?\s*((?:C\d{4}\s+[^.;:]{3,80}?\s*)+?)"
                     r"(?=\s(?:Je|U|Jij|De|Het|Dit|Deze)\s|[.;:]|$)", re.IGNORECASE)
_LISTED_ITEM = re.compile(r"(C\d{4})\s+(.+?)\s*(?=C\d{4}|$)")
_KERNTAAK = re.compile(r"([BP]\d+-K\d+)")  # a kerntaak code, or the kerntaak part of a werkproces code


@dataclass(frozen=True, slots=True)
class SeenCertificate:
    code: str  # "C0109"
    name: str  # "" when the documents give only the code
    parents: tuple[str, ...]  # qualification keys (2015 crebo or standalone newer code) whose documents name it
    sources: tuple[str, ...]  # documents (paths under school_documents/md)
    kerntaken: tuple[tuple[str, str], ...] = ()  # (qualification key, kerntaak code) where a row states it


def certificates_in(text: str) -> list[tuple[str, str]]:
    """(code, name) for every "Mbo-certificaat NAME (C0123)" and every listed "C0123 NAME" in ``text``."""
    flat = " ".join(text.split())
    named = [(m.group(2), m.group(1).strip(" :-–")) for m in _NAMED.finditer(flat)]
    for listed in _LISTED.finditer(flat):
        named.extend((m.group(1), m.group(2).strip(" ,-–")) for m in _LISTED_ITEM.finditer(listed.group(1).strip()))
    return named


def certificate_parts_in(text: str) -> list[tuple[str, str]]:
    """(code, kerntaak or "") for every "onderdeel van mbo-certificaat C0123" in ``text`` (see the module doc)."""
    squeezed = re.sub(r"\s+", "", text)
    out: list[tuple[str, str]] = []
    for match in _PART_OF.finditer(squeezed):
        before = squeezed[max(0, match.start() - KERNTAAK_WINDOW):match.start()]
        kerntaken = _KERNTAAK.findall(before)
        for code in _CODE.findall(match.group(1)):
            out.append((code, kerntaken[-1] if kerntaken else ""))
    return list(dict.fromkeys(out))


def seen_certificates(documents: Iterable[SchoolDocument],
                          key_of: Callable[[str], str | None]) -> dict[str, SeenCertificate]:
    """Code → the certificate as the documents name it (see the module doc)."""
    names: dict[str, Counter[str]] = {}
    parents: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    kerntaken: dict[str, Counter[tuple[str, str]]] = {}
    for doc in documents:
        text = doc.text()
        key = key_of(doc.crebo) if doc.crebo else None
        found = [(code, name, "") for code, name in certificates_in(text)]
        found += [(code, "", kerntaak) for code, kerntaak in certificate_parts_in(text)]
        for code, name, kerntaak in found:
            counts = names.setdefault(code, Counter())
            if name:
                counts[name] += 1
            sources.setdefault(code, set()).add(doc.relative)
            if key is not None:
                parents.setdefault(code, set()).add(key)
                if kerntaak:
                    kerntaken.setdefault(code, Counter())[(key, kerntaak)] += 1
    return {code: SeenCertificate(
        code, max(counts.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if counts else "",
        tuple(sorted(parents.get(code, ()))), tuple(sorted(sources[code])), _kerntaken(kerntaken.get(code, Counter())))
        for code, counts in sorted(names.items())}


def _kerntaken(votes: Counter[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Per qualification the kerntaak most rows name, when it has more votes than all others together (shredded
    tables put neighbouring codes near the phrase); otherwise none."""
    out = []
    for parent in sorted({p for p, _ in votes}):
        mine = [(n, k) for (p, k), n in votes.items() if p == parent]
        best_n, best = max(mine)
        if 2 * best_n > sum(n for n, _ in mine):
            out.append((parent, best))
    return tuple(out)
