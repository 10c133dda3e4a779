"""A catalogue of mbo-certificaten built from evidence, while the official list is not available offline.

School documents name the certificates a programme offers: "Mbo-certificaat Zorgplan ontwikkelen (C0109)"
(PDF conversions break such a line anywhere, so whitespace is collapsed first). Each code becomes one entry with
the name written most often, the qualifications whose documents name it (filed through the lineage) and those
documents as its source. Kerntaak links are not stated in this form and stay empty. The official list, when a
user has it, is imported through the certificates file (skills.reference.certificates) and stays the reference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from skills.reference.documents import SchoolDocument

_NAMED = re.compile(r"mbo-certificaat\s+((?:(?!mbo-certificaat)[^()|#]){3,160}?)\s*\((C\d{4})\)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SeenCertificate:
    code: str  # "C0109"
    name: str
    parents: tuple[str, ...]  # qualification keys (2015 crebo or standalone newer code) whose documents name it
    sources: tuple[str, ...]  # documents (paths under school_documents/md)


def certificates_in(text: str) -> list[tuple[str, str]]:
    """(code, name) for every "Mbo-certificaat NAME (C0123)" in ``text``."""
    flat = " ".join(text.split())
    return [(m.group(2), m.group(1).strip(" :-–")) for m in _NAMED.finditer(flat)]


def certificate_catalogue(documents: Iterable[SchoolDocument],
                          key_of: Callable[[str], str | None]) -> dict[str, SeenCertificate]:
    """Code → the certificate as the documents name it (see the module doc)."""
    names: dict[str, Counter[str]] = {}
    parents: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    for doc in documents:
        found = certificates_in(doc.text())
        key = key_of(doc.crebo) if doc.crebo else None
        for code, name in found:
            names.setdefault(code, Counter())[name] += 1
            sources.setdefault(code, set()).add(doc.relative)
            if key is not None:
                parents.setdefault(code, set()).add(key)
    return {code: SeenCertificate(code, max(counts.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0],
                                  tuple(sorted(parents.get(code, ()))), tuple(sorted(sources[code])))
            for code, counts in sorted(names.items())}
