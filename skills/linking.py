"""Linking ESCO occupations to mbo qualifications, with a score and the evidence for every link.

There is no official ESCO ↔ crebo crosswalk in the reference data, so links are inferred from names:
the qualification's name (and, weaker, its kwalificatiedossier's name) against every Dutch preferred
and alternative label of every ESCO occupation. The string score is rapidfuzz's ``token_sort_ratio``
on normalised names, blended with the Dice overlap of stemmed tokens; the ISCO major group of the
occupation nudges the score up or down depending on whether it fits the mbo level (an ISCO 2xxx
"professional" occupation rarely is an mbo-2 qualification).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process

from skills.model import Qualification
from skills.text import normalize_name, stem

log = logging.getLogger(__name__)

LINK_SOURCE = "esco-label-match"
DOSSIER_WEIGHT = 0.9  # a match on the dossier's name is weaker evidence than one on the qualification's
MIN_SCORE = 0.6
MAX_LINKS = 8
# Containment links: every word of an ESCO label occurs in the qualification's name ("kok" in
# "Zelfstandig werkend kok"). Scored by how much of the name the label covers; at least one of the
# label's words must be specific (in at most this many qualification names) so that generic labels
# ("manager") do not link to everything.
CONTAIN_BASE = 0.55
CONTAIN_SPAN = 0.35
SPECIFIC_DF = 3
_MAX_IDF = math.log(1.0 + 1000.0)  # a word in no qualification name is as specific as it gets
_PREFILTER = 85.0  # sorted-token ratio below this is never a fuzzy link; keeps cdist output sparse

# ISCO-08 major group → mbo levels it typically fits (ISCO skill levels: 1 ≈ entree, 2 ≈ mbo 2-3,
# 3 ≈ mbo 4, 4 ≈ hbo/wo). Major group 0 (armed forces) spans all levels.
_ISCO_FITS: dict[str, frozenset[int]] = {
    "0": frozenset({1, 2, 3, 4}),
    "1": frozenset({4}),
    "2": frozenset({4}),
    "3": frozenset({3, 4}),
    "4": frozenset({2, 3}),
    "5": frozenset({1, 2, 3}),
    "6": frozenset({1, 2, 3}),
    "7": frozenset({2, 3, 4}),
    "8": frozenset({1, 2, 3}),
    "9": frozenset({1, 2}),
}
ISCO_BONUS = 0.02
ISCO_PENALTY = 0.06


class OccupationLike(Protocol):
    """What linking needs of an ESCO occupation (``skills.reference``'s EscoOccupation has it)."""

    @property
    def uri(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def alt_labels(self) -> Sequence[str]: ...
    @property
    def isco_code(self) -> str: ...


@dataclass(frozen=True, slots=True)
class OccupationLink:
    """One inferred link; ``evidence`` says in words why (which label matched what, ISCO hint)."""

    crebo: str
    uri: str
    label: str  # the occupation's preferred label
    score: float  # 0..1
    evidence: str
    source: str = LINK_SOURCE


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in text.split())


def _dice(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Dice overlap with every word weighted by its specificity (IDF over qualification names), so that a
    shared generic head noun ("technicus", "medewerker") does not make "AV-technicus" ~ "Technicus gas"."""
    if not a or not b:
        return 0.0
    def weight(words: frozenset[str]) -> float:
        return sum(idf.get(w, _MAX_IDF) for w in words)

    return 2.0 * weight(a & b) / (weight(a) + weight(b))


def _idf(names: Sequence[frozenset[str]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for words in names:
        for w in words:
            df[w] = df.get(w, 0) + 1
    return {w: math.log(1.0 + len(names) / n) for w, n in df.items()}


def isco_fits(isco_code: str, niveau: int) -> bool | None:
    """Whether an ISCO code's major group fits an mbo level; None when the code is unknown."""
    fits = _ISCO_FITS.get((isco_code or "").strip()[:1])
    return None if fits is None else niveau in fits


def link_occupations(
    qualifications: Mapping[str, Qualification],
    occupations: Sequence[OccupationLike],
    *,
    min_score: float = MIN_SCORE,
    max_links: int = MAX_LINKS,
) -> dict[str, list[OccupationLink]]:
    """Per crebo, its links (best first, at most ``max_links``, each ≥ ``min_score``). Deterministic."""
    crebos = sorted(qualifications)
    # Query strings: each qualification's name, then its dossier name when that differs.
    q_keys: list[str] = []
    q_owner: list[tuple[str, float, str]] = []  # (crebo, weight, what matched)
    for crebo in crebos:
        q = qualifications[crebo]
        name_key = normalize_name(q.name)
        if name_key:
            q_keys.append(name_key)
            q_owner.append((crebo, 1.0, f"kwalificatie '{q.name}'"))
        dossier_key = normalize_name(q.dossier)
        if dossier_key and dossier_key != name_key:
            q_keys.append(dossier_key)
            q_owner.append((crebo, DOSSIER_WEIGHT, f"dossier '{q.dossier}'"))
    l_keys: list[str] = []
    l_owner: list[tuple[int, str]] = []  # (occupation index, label as written)
    for i, occ in enumerate(occupations):
        for label in _labels(occ):
            key = normalize_name(label)
            if key:
                l_keys.append(key)
                l_owner.append((i, label))
    if not q_keys or not l_keys:
        return {}
    sorted_q = [" ".join(sorted(k.split())) for k in q_keys]
    sorted_l = [" ".join(sorted(k.split())) for k in l_keys]
    matrix = process.cdist(sorted_q, sorted_l, scorer=fuzz.ratio, score_cutoff=_PREFILTER, dtype=np.uint8,
                           workers=1)
    q_stems = [_stems(k) for k in q_keys]
    l_stems = [_stems(k) for k in l_keys]
    idf = _idf(q_stems)
    raw: dict[tuple[int, int], float] = {}
    for qi, li in zip(*np.nonzero(matrix), strict=True):
        ratio = float(matrix[qi, li]) / 100.0
        # The character ratio alone is fooled by a long shared generic word; the weighted overlap also
        # caps it, so a link needs its specific words to agree.
        overlap = _dice(q_stems[qi], l_stems[li], idf)
        raw[(int(qi), int(li))] = min(0.5 * ratio + 0.5 * overlap, ratio * overlap ** 0.5)
    for (qi, li), score in _containment(q_stems, l_stems).items():
        raw[(qi, li)] = max(raw.get((qi, li), 0.0), score)
    best: dict[tuple[str, int], tuple[float, str]] = {}
    for (qi, li), base in sorted(raw.items()):
        crebo, weight, what = q_owner[qi]
        occ_index, label = l_owner[li]
        score = base * weight
        occ = occupations[occ_index]
        fit = isco_fits(occ.isco_code, qualifications[crebo].niveau)
        hint = ""
        if fit is True:
            score += ISCO_BONUS
            hint = f"; ISCO {occ.isco_code} past bij niveau {qualifications[crebo].niveau}"
        elif fit is False:
            score -= ISCO_PENALTY
            hint = f"; ISCO {occ.isco_code} past niet goed bij niveau {qualifications[crebo].niveau}"
        score = min(score, 1.0)
        if score < min_score:
            continue
        pair = (crebo, occ_index)
        evidence = f"ESCO-label '{label}' ~ {what} (score {score:.2f}){hint}"
        if pair not in best or score > best[pair][0]:
            best[pair] = (score, evidence)
    links: dict[str, list[OccupationLink]] = {}
    for (crebo, occ_index), (score, evidence) in best.items():
        occ = occupations[occ_index]
        links.setdefault(crebo, []).append(
            OccupationLink(crebo=crebo, uri=occ.uri, label=occ.label, score=round(score, 4), evidence=evidence)
        )
    for items in links.values():
        items.sort(key=lambda lk: (-lk.score, lk.uri))
        del items[max_links:]
    log.info("linked %d of %d qualifications to ESCO occupations", len(links), len(crebos))
    return links


def _containment(q_stems: list[frozenset[str]], l_stems: list[frozenset[str]]) -> dict[tuple[int, int], float]:
    """Scores for (query, label) pairs where every label word occurs in the query name."""
    postings: dict[str, set[int]] = {}
    for qi, stems in enumerate(q_stems):
        for s in stems:
            postings.setdefault(s, set()).add(qi)
    out: dict[tuple[int, int], float] = {}
    for li, stems in enumerate(l_stems):
        if not stems or any(s not in postings for s in stems):
            continue
        if min(len(postings[s]) for s in stems) > SPECIFIC_DF:
            continue
        candidates = set.intersection(*(postings[s] for s in stems))
        for qi in candidates:
            out[(qi, li)] = CONTAIN_BASE + CONTAIN_SPAN * len(stems) / len(q_stems[qi])
    return out


def _labels(occ: OccupationLike) -> Iterable[str]:
    yield occ.label
    yield from (a for a in occ.alt_labels if a.strip())
