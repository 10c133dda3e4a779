"""Certificates on offering pages: which certificate, which kerntaken/werkprocessen it covers.

A page about an mbo-certificaat often lists codes ("Kerntaak certificaat: ... C1-K1", "B1-K1-W2").
Codes are collected in page order. Pages sometimes drop the part number ("B-K1-W4" beside "B1-K1");
such a code is completed from a kerntaak code on the same page with the same letter and kerntaak
number, and dropped when the page gives no such anchor (no guessing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from skills.model import Certificate, Offering, OfferingType
from skills.resolver import CreboResolver
from skills.text import fold, normalize_name

_CODE_RE = re.compile(r"(?<![\w-])([BPC])(\d*)-K(\d+)(?:-W(\d+))?(?![\w-])")


@dataclass(frozen=True, slots=True)
class CertificateMatch:
    name: str | None = None
    codes: tuple[str, ...] = ()  # kerntaak and werkproces codes named on the page, in page order
    parent_crebo: str | None = None  # the certificate's qualification (2015 crebo) when known
    parent_evidence: str = ""


def is_certificate(offering: Offering) -> bool:
    """Whether an offering is a certificate: typed so, or its title says "certificaat"."""
    return offering.offering_type is OfferingType.MBO_CERTIFICAAT or "certificaat" in fold(offering.title)


def codes_in(text: str) -> tuple[str, ...]:
    """Kerntaak/werkproces codes in ``text``, completed where the page anchors them, deduplicated."""
    raw = _CODE_RE.findall(text)
    anchors: dict[tuple[str, str], str] = {}
    for letter, part, kt, _wp in raw:
        if part:
            anchors.setdefault((letter, kt), part)
    out: list[str] = []
    for letter, part, kt, wp in raw:
        part = part or anchors.get((letter, kt), "")
        if not part:
            continue
        code = f"{letter}{part}-K{kt}" + (f"-W{wp}" if wp else "")
        if code not in out:
            out.append(code)
    return tuple(out)


class CertificateMatcher:
    """Finds the reference certificate an offering is about and the codes the page names."""

    def __init__(self, certificates: Sequence[Certificate], resolver: CreboResolver) -> None:
        self.resolver = resolver
        self._certs = [(normalize_name(c.name), c) for c in certificates if normalize_name(c.name)]

    def find(self, offering: Offering, text: str) -> CertificateMatch:
        """The certificate match; empty when the offering is not a certificate and names none."""
        title_key = f" {normalize_name(offering.title)} "
        text_key = f" {normalize_name(text)} "
        known: Certificate | None = None
        for key, cert in self._certs:
            if f" {key} " in title_key or (f" {key} " in text_key and is_certificate(offering)):
                known = cert
                break
        if known is None and not is_certificate(offering):
            return CertificateMatch()
        codes = codes_in(text) if is_certificate(offering) or known is not None else ()
        if known is None:
            return CertificateMatch(name=offering.title.strip() or None, codes=codes)
        parent, why = None, ""
        if known.parent_crebo:
            crebo = self.resolver.resolve(known.parent_crebo).crebo
            if crebo:
                parent = crebo
                why = f"certificaat '{known.name}' hoort bij crebo {crebo}"
        return CertificateMatch(name=known.name, codes=codes, parent_crebo=parent, parent_evidence=why)
