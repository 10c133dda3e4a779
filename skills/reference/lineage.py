"""Qualification lineage: one qualification known by several codes (newer, 2015, legacy 2014), every link
with its evidence and source. This module holds the model (:class:`Lineage`, :class:`LineageLink`); the
links are made by :mod:`skills.reference.lineage_builder` (newer codes) and
:mod:`skills.reference.legacy_links` (2014 codes).

The 2015 list (qualifications.csv) stays the identity: skills, lexicon and werkprocessen are filed under its
crebos. Codes seen since (``qualifications/crebos_observed_2020_2026.csv``, CompetentNL, school documents) and
the 2014 codes are linked to it by evidence, strongest first:

1. ``document-states-both``: a school document states both codes ("25656 (voorheen 25491)");
2. ``competentnl-label``: CompetentNL links the newer crebo directly to a qualification whose label is exactly
   a 2015 name (``competentnl/crebo_beroep.csv``, match_methode crebo-direct);
3. ``document-name``: school documents filed under the newer crebo name a 2015 qualification next to the code
   (most-named wins; the count is the evidence);
4. ``exact-name`` / ``dossier`` (2014 codes): the resolver's rule, the same name (at the same niveau when
   several share it), or a 2015 dossier of that name holding one qualification of that niveau.

A newer code whose evidence points at two different 2015 qualifications keeps the strongest and is reported
as a conflict. A newer code with a name but no 2015 predecessor (or whose name several 2015 qualifications
share, also reported as a conflict) is a qualification of its own
(:attr:`Lineage.standalone`: name and its source, beroepsbeschrijving from CompetentNL, niveau where the
documents state one, else 0 = unknown); standalone codes with the same name are merged into one
(``same-name``: 25615 and 25958 are both "Sociaal werker"). The weak ESCO labels a language model chose (bron ESCO, llm-keuze)
only name a standalone code when nothing better does, and never link. Codes in the loaded qualification
list itself (an imported official crebo list) are never relinked: the official list overrides. Codes
``23xxx`` are kwalificatiedossier codes and name no qualification.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from skills.model import Qualification
from skills.text import fold

STRENGTH = {"document-states-both": 3, "competentnl-label": 2, "document-name": 1}
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class LineageLink:
    """``code`` names the same qualification as the 2015 ``crebo``."""

    code: str
    crebo: str  # the 2015 crebo; for evidence "same-name" the code of a standalone newer qualification
    era: str  # "newer" (2016+ structure) | "legacy" (2014 structure)
    evidence: str  # "document-states-both" | "competentnl-label" | "document-name" | "same-name" | "exact-name" | "dossier"
    source: str  # file (and line) or document path(s)
    note: str = ""


@dataclass
class Lineage:
    """Links between codes; build with :func:`build_lineage`."""

    links: dict[str, LineageLink] = field(default_factory=dict)  # newer or legacy code → link
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # newer code → (current name, source)
    years: dict[str, str] = field(default_factory=dict)  # newer code → newest year seen ("2025")
    standalone: dict[str, Qualification] = field(default_factory=dict)  # newer codes with no predecessor
    conflicts: list[str] = field(default_factory=list)
    unlinked_legacy: dict[str, str] = field(default_factory=dict)  # 2014 code → why it has no successor
    _linked_to: dict[str, list[str]] = field(default_factory=dict, repr=False)  # crebo → codes linked to it
    _indexed: int = field(default=-1, repr=False)  # len(links) when _linked_to was built

    def crebo_for(self, code: str) -> str | None:
        """The 2015 crebo ``code`` is linked to, or None."""
        link = self.links.get(code)
        return link.crebo if link is not None else None

    def codes(self, crebo: str) -> tuple[str, ...]:
        """Every code of one qualification: newer codes (newest first), the crebo itself, then 2014 codes."""
        if self._indexed != len(self.links):  # (re)index after links were added
            self._linked_to, self._indexed = {}, len(self.links)
            for code, lk in self.links.items():
                self._linked_to.setdefault(lk.crebo, []).append(code)
        mine = [(c, self.links[c].era) for c in self._linked_to.get(crebo, [])]
        newer = sorted((c for c, era in mine if era == "newer"), key=lambda c: (self.years.get(c, ""), c), reverse=True)
        older = sorted(c for c, era in mine if era == "legacy")
        return (*newer, crebo, *older)

    def current(self, crebo: str) -> tuple[str, str]:
        """(current code, current name) of a qualification; ("", "") when no newer code is known. The name is
        "" when the newer code's sources give none (the 2015 name then still holds)."""
        codes = self.codes(crebo)
        if codes[0] == crebo:
            return "", ""
        return codes[0], self.names.get(codes[0], ("", ""))[0]

    def counts(self) -> dict[str, int]:
        """Counts for ``llo data validate``."""
        newer = [lk for lk in self.links.values() if lk.era == "newer"]
        by = Counter(lk.evidence for lk in newer)
        return {
            "lineage_newer_codes_linked": len(newer),
            **{f"lineage_by_{kind.replace('-', '_')}": by.get(kind, 0) for kind in STRENGTH},
            "lineage_by_same_name": by.get("same-name", 0),
            "lineage_2015_with_newer_code": len({lk.crebo for lk in newer if lk.evidence != "same-name"}),
            "lineage_standalone_qualifications": len(self.standalone),
            "lineage_legacy_codes_linked": sum(1 for lk in self.links.values() if lk.era == "legacy"),
            "lineage_legacy_codes_unlinked": len(self.unlinked_legacy),
            "lineage_conflicts": len(self.conflicts),
        }


def name_key(name: str) -> str:
    """Comparable form of a qualification name: folded words ("Verzorgende-IG" → "verzorgende ig")."""
    return " ".join(_WORDS.findall(fold(name)))
