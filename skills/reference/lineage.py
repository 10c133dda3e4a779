"""Qualification lineage: one qualification known by several codes (newer, 2015, legacy 2014), every link
with its evidence and source.

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
from dataclasses import dataclass, field, replace

from skills.model import Leerweg, Qualification
from skills.reference.documents import SchoolDocument, code_windows, stated_pairs
from skills.reference.table import ReferenceFiles, read_keyed
from skills.reference.validation import ProblemLog, is_crebo
from skills.text import fold

OBSERVED_FILE = "qualifications/crebos_observed_2020_2026.csv"
COMPETENTNL_FILE = "competentnl/crebo_beroep.csv"
STRENGTH = {"document-states-both": 3, "competentnl-label": 2, "document-name": 1}
_WORDS = re.compile(r"[a-z0-9]+")
_NIVEAU = re.compile(r"\bniveau\s*([1-4])\b", re.IGNORECASE)


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


class _Names:
    """2015 names → crebo, unambiguous names only; finds the longest names inside a text."""

    def __init__(self, quals: dict[str, Qualification]) -> None:
        by: dict[str, list[str]] = {}
        for crebo, q in quals.items():
            by.setdefault(name_key(q.name), []).append(crebo)
        self.unique = {key: crebos[0] for key, crebos in by.items() if len(crebos) == 1 and key}
        self.shared = {key: sorted(crebos) for key, crebos in by.items() if len(crebos) > 1}
        keys = sorted(self.unique, key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b") if keys else None

    def longest_in(self, text: str) -> str | None:
        """The crebo of the longest 2015 name contained in ``text`` (as whole words), or None."""
        if self._pattern is None:
            return None
        found = self._pattern.findall(name_key(text))
        return self.unique[max(found, key=len)] if found else None


def _legacy_links(current: dict[str, Qualification], legacy: dict[str, Qualification],
                  lineage: Lineage) -> None:
    by_name: dict[str, list[Qualification]] = {}
    by_dossier: dict[str, list[Qualification]] = {}
    for q in current.values():
        by_name.setdefault(name_key(q.name), []).append(q)
        by_dossier.setdefault(name_key(q.dossier), []).append(q)
    for code, old in legacy.items():
        named = by_name.get(name_key(old.name), [])
        if len(named) > 1:
            named = [q for q in named if q.niveau == old.niveau]
        if len(named) == 1:
            lineage.links[code] = LineageLink(code, named[0].crebo, "legacy", "exact-name",
                                              "qualifications_legacy_2014.csv", "exact name match")
            continue
        if named:
            lineage.unlinked_legacy[code] = ("several 2015 qualifications share its name ("
                                             + ", ".join(sorted(q.crebo for q in named)) + ")")
            continue
        in_dossier = [q for q in by_dossier.get(name_key(old.name), []) if q.niveau == old.niveau]
        if len(in_dossier) == 1:
            lineage.links[code] = LineageLink(
                code, in_dossier[0].crebo, "legacy", "dossier", "qualifications_legacy_2014.csv",
                f"2015 dossier {in_dossier[0].dossier!r} has one qualification of niveau {old.niveau}")
            continue
        lineage.unlinked_legacy[code] = "no 2015 qualification with the same name"


def _leerwegen(text: str) -> tuple[Leerweg, ...]:
    return tuple(lw for lw in (Leerweg.BOL, Leerweg.BBL) if lw.value in text.upper())


def _niveau(docs: list[SchoolDocument], texts: dict[str, str]) -> int:
    votes: Counter[int] = Counter()
    for doc in docs:
        for window in code_windows(texts[doc.relative], doc.crebo):
            votes.update(int(m) for m in _NIVEAU.findall(window))
    return votes.most_common(1)[0][0] if votes else 0


def _document_votes(docs: list[SchoolDocument], names: _Names, texts: dict[str, str]) -> Counter[str]:
    """Per 2015 crebo: how many documents of one code name it (file-name title or next to the code)."""
    votes: Counter[str] = Counter()
    for doc in docs:
        parts = [doc.title.replace("-", " ").replace("_", " "), *code_windows(texts[doc.relative], doc.crebo)]
        named = Counter(c for c in (names.longest_in(t) for t in parts) if c)
        if named:
            votes[named.most_common(1)[0][0]] += 1
    return votes


def build_lineage(files: ReferenceFiles, current: dict[str, Qualification], legacy: dict[str, Qualification],
                  documents: list[SchoolDocument], log: ProblemLog) -> Lineage:
    """Link newer and legacy codes to the 2015 qualifications in ``current`` (see the module doc)."""
    lineage = Lineage()
    _legacy_links(current, legacy, lineage)
    names = _Names(current)
    observed = read_keyed(files, OBSERVED_FILE, lambda r: r.get("crebo"), log, "crebo",
                          required=("crebo", "name_competentnl", "leerwegen_seen", "years_seen"),
                          overlay_required=("crebo",), optional=True) or {}
    competent = read_keyed(files, COMPETENTNL_FILE, lambda r: r.get("crebo"), log, "crebo",
                           required=("crebo", "bron", "match_methode", "beroep_label", "beroep_definitie"),
                           optional=True) or {}
    by_code: dict[str, list[SchoolDocument]] = {}
    for doc in documents:
        if doc.crebo:
            by_code.setdefault(doc.crebo, []).append(doc)
    texts = {doc.relative: doc.text() for doc in documents}
    stated: dict[str, list[tuple[str, str]]] = {}
    for doc in documents:
        for newer, older in stated_pairs(texts[doc.relative]):
            stated.setdefault(newer, []).append((older, doc.relative))
    codes = sorted(set(observed) | set(competent) | set(by_code))
    for code in codes:
        if not is_crebo(code) or code in current or code in legacy or code.startswith("23"):
            continue
        seen = observed.get(code)
        years = sorted({*(seen.get("years_seen").split(";") if seen else []), *(d.year for d in by_code.get(code, []))})
        lineage.years[code] = next((y for y in reversed(years) if y), "")
        claims: list[tuple[str, str, str, str]] = []  # (evidence, crebo, source, note)
        for older, where in stated.get(code, []):
            target = older if older in current else lineage.crebo_for(older)
            if target:
                claims.append(("document-states-both", target, where, f"{code} ~ {older}"))
        row = competent.get(code)
        direct = row is not None and row.get("bron") == "CompetentNL" and row.get("match_methode") == "crebo-direct"
        if direct and row is not None:
            lineage.names[code] = (row.get("beroep_label"), f"CompetentNL ({row.file}:{row.line})")
            target = names.unique.get(name_key(row.get("beroep_label")))
            shared = names.shared.get(name_key(row.get("beroep_label")))
            if shared:
                lineage.conflicts.append(f"{code}: CompetentNL names it {row.get('beroep_label')!r}, the name of "
                                         f"several 2015 qualifications ({', '.join(shared)}); not linked")
            if target:
                claims.append(("competentnl-label", target, f"{row.file}:{row.line}", row.get("beroep_label")))
        votes = _document_votes(by_code.get(code, []), names, texts)
        if votes:
            (best, n), *rest = votes.most_common()
            claims.append(("document-name", best, f"{n} of {len(by_code[code])} school documents",
                           current[best].name))
            if rest and rest[0][1] >= 2:
                lineage.conflicts.append(f"{code}: school documents name {current[best].name!r} ({n}) and "
                                         f"{current[rest[0][0]].name!r} ({rest[0][1]})")
        if claims:
            claims.sort(key=lambda c: -STRENGTH[c[0]])
            evidence, target, source, note = claims[0]
            for other in claims[1:]:
                if other[1] != target:
                    lineage.conflicts.append(f"{code}: {evidence} says {target} ({current[target].name}), "
                                             f"{other[0]} says {other[1]} ({current[other[1]].name}); kept {target}")
            lineage.links[code] = LineageLink(code, target, "newer", evidence, source, note)
            lineage.names.setdefault(code, (current[target].name, source))
            continue
        if code not in lineage.names and row is not None and row.get("beroep_label"):
            label = row.get("beroep_label")
            lineage.names[code] = (label[:1].upper() + label[1:], f"ESCO-label gekozen door een taalmodel (zwak; "
                                                                    f"{row.file}:{row.line})")
        if code in lineage.names:
            name, source = lineage.names[code]
            lineage.standalone[code] = Qualification(
                crebo=code, name=name, niveau=_niveau(by_code.get(code, []), texts),
                leerwegen=_leerwegen(seen.get("leerwegen_seen") if seen else ""), dossier_crebo="", dossier="",
                opleidingsdomein="", beroepsbeschrijving=row.get("beroep_definitie") if direct and row else "",
                codes=(code,), current_name=name, name_source=source)
    _merge_standalone(lineage)
    return lineage


def _merge_standalone(lineage: Lineage) -> None:
    """Standalone codes with exactly one name are one qualification: the code with a CompetentNL name (then
    the newest) keeps it, the others become its codes (evidence "same-name", weak when a name is weak)."""
    by_name: dict[str, list[str]] = {}
    for code, q in lineage.standalone.items():
        by_name.setdefault(name_key(q.name), []).append(code)
    for codes in by_name.values():
        if len(codes) < 2:
            continue
        ranked = sorted(codes, key=lambda c: ("zwak" not in lineage.standalone[c].name_source,
                                              lineage.years.get(c, ""), c), reverse=True)
        keep = lineage.standalone[ranked[0]]
        for other in ranked[1:]:
            weak = "zwak" in lineage.standalone.pop(other).name_source
            lineage.links[other] = LineageLink(other, keep.crebo, "newer", "same-name",
                                               keep.name_source, "weak: a language-model label" if weak else "")
        lineage.standalone[keep.crebo] = replace(keep, codes=tuple(ranked))
