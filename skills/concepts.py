"""Builders of skill concepts and their links to qualifications, one per source (used by
:func:`skills.vocabulary.build_vocabulary`): kerntaken/werkprocessen of the dossiers, ESCO ISCED-F skill
groups, and the everyday-language lexicon. Every (concept, crebo) pair is a :class:`ConceptLink` with a
score, a source and human-readable evidence."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from skills.lexicon import FIELD_LABELS, LexiconEntry
from skills.model import Qualification, SkillConcept
from skills.reference import EscoSkillGroup
from skills.text import fold
from skills.tfidf import TfidfIndex

SKILLGROUP_MIN_SCORE = 0.35  # TF-IDF cosine between an ISCED-F field label and a qualification's core text
SKILLGROUP_MAX_LINKS = 10  # qualifications per ISCED-F field
_ISCED_CODE = re.compile(r"\d{4}")
_NAME_KINDS = ("beroep", "middel")  # lexicon kinds that name something (a job, a tool) rather than describe
LEXICON_LINK_SCORE = 0.9  # hand-written, so trusted, but not a fact from a kwalificatiedossier


@dataclass(frozen=True, slots=True)
class ConceptLink:
    """A concept ↔ qualification link: where it comes from and why."""

    concept_id: str
    crebo: str
    score: float  # 1.0 for facts from a kwalificatiedossier; inferred links score lower
    source: str  # "kwalificatiedossier" | "esco-label-match" | "tfidf-isced-f" | "regeling"
    evidence: str


def _slug(code: str, name: str) -> str:
    return code or "h" + hashlib.sha1(fold(name).encode()).hexdigest()[:10]


def dossier_concepts(quals: dict[str, Qualification]) -> tuple[list[SkillConcept], list[ConceptLink]]:
    """Kerntaak and werkproces concepts, one per (dossier, code), linked to every qualification having it."""
    kt_info: dict[str, tuple[str, str]] = {}
    wp_info: dict[str, tuple[str, str]] = {}
    kt_crebos: dict[str, list[str]] = {}
    wp_crebos: dict[str, list[str]] = {}
    links: list[ConceptLink] = []
    for crebo in sorted(quals):
        q = quals[crebo]
        dossier = q.dossier_crebo or crebo
        for kt in q.kerntaken:
            kt_id = f"kt:{dossier}:{_slug(kt.code, kt.name)}"
            kt_info.setdefault(kt_id, (kt.name, ""))
            if crebo not in kt_crebos.setdefault(kt_id, []):
                kt_crebos[kt_id].append(crebo)
                where = f"kerntaak {kt.code} " if kt.code else "kerntaak "
                links.append(ConceptLink(kt_id, crebo, 1.0, "kwalificatiedossier",
                                         f"{where}'{kt.name}' in dossier {q.dossier}"))
            for wp in kt.werkprocessen:
                wp_id = f"wp:{dossier}:{_slug(wp.code, kt.name + '/' + wp.name)}"
                wp_info.setdefault(wp_id, (wp.name, wp.description))
                if crebo not in wp_crebos.setdefault(wp_id, []):
                    wp_crebos[wp_id].append(crebo)
                    where = f"werkproces {wp.code} " if wp.code else "werkproces "
                    links.append(ConceptLink(wp_id, crebo, 1.0, "kwalificatiedossier",
                                             f"{where}'{wp.name}' in dossier {q.dossier}"))
    concepts = [
        SkillConcept(id=k, label=name, description=desc, source="kerntaak", crebos=tuple(kt_crebos[k]))
        for k, (name, desc) in kt_info.items()
    ] + [
        SkillConcept(id=k, label=name, description=desc, source="werkproces", crebos=tuple(wp_crebos[k]))
        for k, (name, desc) in wp_info.items()
    ]
    return concepts, links


def skill_group_links(
    quals: dict[str, Qualification], groups: Sequence[EscoSkillGroup], core_text: dict[str, str]
) -> dict[str, list[tuple[str, float]]]:
    """ISCED-F detailed fields (4-digit codes) → the qualifications whose core text is most similar.

    The field label is the query against an index of qualification texts, so term weights come from
    the qualification corpus (a word in every name, like "werk", counts for little)."""
    index = TfidfIndex([(c, core_text[c]) for c in sorted(quals)])
    out: dict[str, list[tuple[str, float]]] = {}
    for g in groups:
        if not _ISCED_CODE.fullmatch(g.code or ""):
            continue
        hits = [(c, s) for c, s in index.top(g.label, SKILLGROUP_MAX_LINKS) if s >= SKILLGROUP_MIN_SCORE]
        if hits:
            out[g.uri] = hits
    return out


def lexicon_concepts(
    quals: dict[str, Qualification], lexicon: dict[str, LexiconEntry]
) -> tuple[list[SkillConcept], list[ConceptLink]]:
    """One concept per distinct lexicon term (folded), linked to every qualification that lists it."""
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    crebos: dict[str, list[str]] = {}
    links: list[ConceptLink] = []
    for crebo in sorted(lexicon):
        q = quals.get(crebo)
        if q is None:
            continue
        for kind, term in lexicon[crebo].terms():
            key = " ".join(fold(term).split())
            concept_id = "lex:" + key
            labels.setdefault(concept_id, term)
            # A term listed as a job title or tool anywhere is one (it decides whether search uses it as a
            # fuzzy label); otherwise the first field it appears in.
            known, new = kinds.get(concept_id), FIELD_LABELS[kind]
            if known is None or (known not in _NAME_KINDS and new in _NAME_KINDS):
                kinds[concept_id] = new
            if crebo in crebos.setdefault(concept_id, []):
                continue
            crebos[concept_id].append(crebo)
            links.append(ConceptLink(concept_id, crebo, LEXICON_LINK_SCORE, "llo-lexicon",
                                     f"alledaagse {FIELD_LABELS[kind]} '{term}' bij {q.name} (eigen woordenlijst)"))
    concepts = [
        SkillConcept(id=cid, label=labels[cid], description=kinds[cid], source="everyday-lexicon",
                     crebos=tuple(crebos[cid]))
        for cid in labels
    ]
    return concepts, links
