"""Builds the :class:`skills.reference.lineage.Lineage`: links newer codes to the 2015 qualifications by evidence
(see the order in :mod:`skills.reference.lineage`), names the newer codes without a predecessor as standalone
qualifications and merges standalone codes that share one name. 2014 codes are linked by
:func:`skills.reference.legacy_links.link_legacy`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from skills.model import Leerweg, Qualification
from skills.reference.documents import SchoolDocument, code_windows, stated_pairs
from skills.reference.legacy_links import link_legacy
from skills.reference.lineage import STRENGTH, Lineage, LineageLink, name_key
from skills.reference.table import ReferenceFiles, read_keyed
from skills.reference.validation import ProblemLog, is_crebo

OBSERVED_FILE = "qualifications/crebos_observed_2020_2026.csv"
COMPETENTNL_FILE = "competentnl/crebo_beroep.csv"
_NIVEAU = re.compile(r"\bniveau\s*([1-4])\b", re.IGNORECASE)


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




def _leerwegen(text: str) -> tuple[Leerweg, ...]:
    return tuple(lw for lw in (Leerweg.BOL, Leerweg.BBL) if lw.value in text.upper())


def _niveau(docs: list[SchoolDocument], texts: dict[str, str]) -> int:
    votes: Counter[int] = Counter()
    for doc in docs:
        for window in code_windows(texts[doc.relative], doc.crebo):
            votes.update(int(m) for m in _NIVEAU.findall(window))
    return votes.most_common(1)[0][0] if votes else 0


def is_longer_variant(own: str, named: str) -> bool:
    """Whether a code's own name is a longer variant of the 2015 name its documents give ("Allround
    podium- en evenemententechnicus" holding "Podium- en evenemententechnicus"): the documents then name the
    shorter name inside the longer one, and the code is a qualification of its own."""
    own_key, named_key = name_key(own), name_key(named)
    if not (own_key and named_key) or own_key == named_key or f" {named_key} " not in f" {own_key} ":
        return False
    extra = set(own_key.split()) - set(named_key.split())
    return any(word.isalpha() for word in extra)  # "Beveiliger 2" is Beveiliger at niveau 2, not a variant


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
    link_legacy(current, legacy, lineage)
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
        own = lineage.names.get(code, ("", ""))[0]
        if votes and is_longer_variant(own, current[votes.most_common(1)[0][0]].name):
            (best, n), *_ = votes.most_common()
            lineage.conflicts.append(f"{code}: school documents name {current[best].name!r} ({n}), but its own "
                                     f"name {own!r} is another qualification of that occupation; not linked")
            votes = Counter()
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
