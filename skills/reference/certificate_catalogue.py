"""The catalogue of mbo-certificaten: one entry per certificate, from every source the product has, each entry
naming where it comes from.

Sources, in order of authority:

1. **officiële lijst**: certificates imported from the official file (``llo data import certificates``,
   :mod:`skills.importers.certificate_list`), recognisable by their status;
2. **referentielijst**: the hand-built ``certificates/certificates.csv`` of the reference data (historic groen
   certificates and one seen on a school page);
3. **schooldocumenten**: certificates the school documents name (:mod:`skills.reference.certificate_evidence`).

Entries are merged by code, else by name (folded words). The catalogue says what its denominator is
(:attr:`CertificateCatalogue.denominator`): without the official list it is "certificates seen", never "all
certificates". :meth:`CertificateCatalogue.find` tells which entry an offering page is about (a code on the page,
else the entry's name in the title or the certificate name the mapping found).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from skills.geo import normalize_name
from skills.model import Certificate
from skills.reference.certificate_evidence import SeenCertificate

OFFICIAL, REFERENCE, DOCUMENTS = "officiële lijst", "referentielijst", "schooldocumenten"
AUTHORITY = (OFFICIAL, REFERENCE, DOCUMENTS)
OFFICIAL_STATUS = "officieel"  # status prefix the importer writes
_CODE = re.compile(r"(?<![A-Za-z0-9])(C\d{4})(?!\d)")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CatalogueCertificate:
    """One mbo-certificaat as the product knows it."""

    key: str  # the code, else "naam:" + folded name
    code: str | None
    name: str  # "" when the only source gives the code alone
    parents: tuple[str, ...]  # qualification keys (2015 crebo, standalone newer code; a 2014 code when unlinked)
    kerntaken: tuple[tuple[str, str], ...] = ()  # (qualification key, kerntaak code)
    werkprocessen: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()  # OFFICIAL | REFERENCE | DOCUMENTS, each source kind once
    sources: tuple[str, ...] = ()  # files and documents
    status: str = ""

    @property
    def label(self) -> str:
        """The name, or "mbo-certificaat C0123" when only the code is known."""
        return self.name or f"mbo-certificaat {self.code}"


@dataclass
class CertificateCatalogue:
    certificates: list[CatalogueCertificate] = field(default_factory=list)
    documents: int = 0  # school documents read for evidence

    @property
    def has_official_list(self) -> bool:
        return any(OFFICIAL in c.origins for c in self.certificates)

    @property
    def denominator(self) -> str:
        """What "n certificaten" counts, in Dutch (shown with the coverage figures)."""
        counts = {kind: sum(1 for c in self.certificates if kind in c.origins) for kind in (OFFICIAL, REFERENCE, DOCUMENTS)}
        parts = [f"{counts[OFFICIAL]} op de officiële lijst"] if counts[OFFICIAL] else []
        parts.append(f"{counts[DOCUMENTS]} genoemd in {self.documents} schooldocumenten")
        parts.append(f"{counts[REFERENCE]} uit de referentielijst (certificates.csv)")
        head = ("de geïmporteerde officiële lijst plus wat elders gezien is" if counts[OFFICIAL] else
                "gezien in de bronnen, niet de officiële lijst (die is offline niet beschikbaar; ~107 in 2023)")
        return f"certificaten {head}: " + ", ".join(parts)

    def by_key(self) -> dict[str, CatalogueCertificate]:
        return {c.key: c for c in self.certificates}

    def find(self, title: str, text: str = "", certificate_name: str = "") -> CatalogueCertificate | None:
        """The entry an offering is about: a code in its title or text, else an entry's full name in its title
        or in ``certificate_name`` (what the mapping found), as whole words; longest name wins."""
        for code in _CODE.findall(f"{title} {text}"):
            for cert in self.certificates:
                if cert.code == code:
                    return cert
        haystacks = [f" {normalize_name(t)} " for t in (title, certificate_name) if t]
        best: CatalogueCertificate | None = None
        for cert in self.certificates:
            key = normalize_name(cert.name)
            if key and any(f" {key} " in h for h in haystacks) and (best is None or len(key) > len(best.name)):
                best = cert
        return best


@dataclass
class _Entry:
    code: str | None
    name: str
    parents: list[str] = field(default_factory=list)
    kerntaken: list[tuple[str, str]] = field(default_factory=list)
    werkprocessen: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    status: str = ""

    def rank(self) -> int:
        return min(AUTHORITY.index(o) for o in self.origins)

    def absorb(self, other: _Entry) -> None:
        """Merge ``other`` in; the more authoritative source's name, status and lists come first."""
        first, second = (other, self) if other.rank() < self.rank() else (self, other)
        self.name = first.name or second.name
        self.status = first.status or second.status
        self.parents = _union(first.parents, second.parents)
        self.kerntaken = _union(first.kerntaken, second.kerntaken)
        self.werkprocessen = _union(first.werkprocessen, second.werkprocessen)
        self.origins = sorted(_union(first.origins, second.origins), key=AUTHORITY.index)
        self.sources = _union(first.sources, second.sources)


def _union(a: list[T], b: list[T]) -> list[T]:
    return [*a, *(v for v in b if v not in a)]


def build_catalogue(reference: Iterable[Certificate], seen: Mapping[str, SeenCertificate],
                    key_of: Callable[[str], str | None], documents: int = 0) -> CertificateCatalogue:
    """Merge the reference (or official) certificates with the ones the documents name (see the module doc).
    Certificates with a code are merged first, so a name without a code joins the coded entry of that name."""
    items: list[_Entry] = []
    for cert in reference:
        parent = (key_of(cert.parent_crebo) or cert.parent_crebo) if cert.parent_crebo else None
        items.append(_Entry(cert.code, cert.name, [parent] if parent else [],
                            [(parent, k) for k in cert.kerntaken] if parent else [], list(cert.werkprocessen),
                            [OFFICIAL if cert.status.startswith(OFFICIAL_STATUS) else REFERENCE],
                            [cert.source or "certificates/certificates.csv"], cert.status))
    for code, s in sorted(seen.items()):
        items.append(_Entry(code, s.name, list(s.parents), list(s.kerntaken), [], [DOCUMENTS], list(s.sources)))
    merged: dict[str, _Entry] = {}
    by_name: dict[str, str] = {}
    for item in sorted(items, key=lambda e: e.code is None):  # stable: coded first, source order kept
        folded = normalize_name(item.name)
        key = item.code or by_name.get(folded) or f"naam:{folded}"
        if key in merged:
            merged[key].absorb(item)
        else:
            merged[key] = item
        if folded:
            by_name.setdefault(folded, key)
    certificates = [CatalogueCertificate(key, e.code, e.name, tuple(e.parents), tuple(e.kerntaken),
                                         tuple(e.werkprocessen), tuple(e.origins), tuple(e.sources), e.status)
                    for key, e in sorted(merged.items())]
    return CertificateCatalogue(certificates, documents)
