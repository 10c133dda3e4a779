"""The skills vocabulary: skill concepts linked to qualifications, every link with a source.

Concepts (``skills.model.SkillConcept``):

- ``qual:<crebo>`` — the qualification itself (name, dossier, beroepsbeschrijving); source "qualification".
- ``kt:<dossier>:<code>`` / ``wp:<dossier>:<code>`` — kerntaken and werkprocessen of the dossiers we
  have, shared by the qualifications of one dossier; source "kerntaak" / "werkproces". Uncoded entries
  (the A–B profiles) get a stable name hash instead of a code.
- ``esco-occ:<uuid>`` — every ESCO occupation (Dutch preferred/alt labels, description); linked to
  qualifications by :mod:`skills.linking`; source "esco-occupation".
- ``esco-sg:<code>`` — every ESCO skill group; ISCED-F fields are linked to the qualifications whose
  text is most similar; source "esco-skillgroup".
- ``lex:<term>`` — every term of the everyday-language lexicon (:mod:`skills.lexicon`: colloquial job
  titles, task phrases, workplaces, tools), linked to each qualification that lists it; source
  "everyday-lexicon".

Every (concept, crebo) pair is a :class:`ConceptLink` with a score, a source and human-readable evidence.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from skills.concepts import ConceptLink, dossier_concepts, lexicon_concepts, skill_group_links
from skills.errors import NotFoundError
from skills.lexicon import FIELDS, LexiconEntry
from skills.linking import OccupationLink, link_occupations
from skills.model import Qualification, SkillConcept
from skills.profile_links import link_by_profile
from skills.reference import ReferenceData
from skills.reference.official_skills import OfficialSkill, esco_skills_for
from skills.text import fold, normalize_name

log = logging.getLogger(__name__)

_MAX_ALT_LABELS = 12  # per occupation in qualification_text: alt-label lists run to 40+ variants
_SHORT_DESCRIPTION = 220
PROFILE_LINKS = True  # add skills.profile_links' occupation → qualification links to the name links
MAX_PROFILE_LINKS = 10  # per qualification, best first
# Official skills (skills.reference.official_skills) per qualification: CompetentNL's, and the Dutch-labelled ESCO
# skills of the ESCO_SKILL_OCCUPATIONS best-linked occupations. OFFICIAL_SKILLS_IN_TEXT puts their labels into
# qualification_text (search documents, matching); docs/benchmarks.md has the ablation that set it.
ESCO_SKILL_OCCUPATIONS = 3
OFFICIAL_SKILLS_IN_TEXT: tuple[str, ...] = ()  # sources whose labels go into the text: "competentnl", "esco"


@dataclass
class Vocabulary:
    """Skill concepts and their links to qualifications. Build with :func:`build_vocabulary`."""

    concepts: list[SkillConcept]
    qualifications: dict[str, Qualification] = field(default_factory=dict)
    links: list[ConceptLink] = field(default_factory=list)
    occupation_links: dict[str, list[OccupationLink]] = field(default_factory=dict)
    occupation_descriptions: dict[str, str] = field(default_factory=dict)  # uri -> description
    lexicon: dict[str, LexiconEntry] = field(default_factory=dict)  # crebo -> everyday words
    official: dict[str, list[OfficialSkill]] = field(default_factory=dict)  # crebo -> official skills, sourced
    _by_id: dict[str, SkillConcept] = field(init=False, repr=False, default_factory=dict)
    _by_crebo: dict[str, list[SkillConcept]] = field(init=False, repr=False, default_factory=dict)
    _texts: dict[tuple[str, bool], str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.concepts}
        for concept in self.concepts:
            for crebo in concept.crebos:
                self._by_crebo.setdefault(crebo, []).append(concept)

    def concept(self, concept_id: str) -> SkillConcept:
        """The concept with this id; NotFoundError when there is none."""
        try:
            return self._by_id[concept_id]
        except KeyError:
            raise NotFoundError(f"no skill concept {concept_id!r} in the vocabulary") from None

    def for_crebo(self, crebo: str) -> list[SkillConcept]:
        """Every concept linked to ``crebo`` (the qualification concept first); [] for an unknown crebo."""
        return list(self._by_crebo.get(crebo, []))

    def links_for(self, crebo: str) -> list[ConceptLink]:
        """The links of ``crebo`` with source and evidence, in vocabulary order."""
        return [lk for lk in self.links if lk.crebo == crebo]

    def occupations_for(self, crebo: str) -> list[tuple[str, float]]:
        """ESCO occupation preferred labels linked to ``crebo`` with their link score, best first."""
        return [(lk.label, lk.score) for lk in self.occupation_links.get(crebo, [])]

    def official_skills(self, crebo: str) -> list[OfficialSkill]:
        """Official skills of ``crebo`` with their sources (CompetentNL first, then ESCO); [] when none."""
        return list(self.official.get(crebo, []))

    def qualification_text(self, crebo: str, *, everyday: bool = True) -> str:
        """Rich document text for one qualification: name (and its expansion), niveau, dossier,
        opleidingsdomein, beroepsbeschrijving, the everyday-language lexicon's words (unless ``everyday`` is
        False), kerntaken, werkprocessen, linked ESCO occupations (labels, some alt labels, short
        descriptions). Inferred skill-group links are left out: too noisy for a document text.
        NotFoundError when the crebo is not a current qualification."""
        if crebo not in self.qualifications:
            raise NotFoundError(f"crebo {crebo} is not a qualification in the reference data")
        key = (crebo, everyday)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._compose(self.qualifications[crebo], everyday)
        return text

    def _compose(self, q: Qualification, everyday: bool) -> str:
        parts: list[str] = [q.name]
        expanded = normalize_name(q.name)
        if expanded and expanded != " ".join(fold(q.name).split()):
            parts.append(expanded)
        parts.append(f"mbo niveau {q.niveau}")
        parts.extend(p for p in (q.dossier, q.opleidingsdomein, q.soort_opleiding) if p)
        if q.beroepsbeschrijving:
            parts.append(q.beroepsbeschrijving)
        entry = self.lexicon.get(q.crebo) if everyday else None
        if entry is not None:
            parts.extend(", ".join(getattr(entry, f)) for f in FIELDS if getattr(entry, f))
        for kt in q.kerntaken:
            parts.append(kt.name)
            for wp in kt.werkprocessen:
                parts.append(wp.name if not wp.description else f"{wp.name}. {wp.description}")
        official = [sk.label for sk in self.official.get(q.crebo, [])
                    if ("esco" if sk.source.startswith("ESCO-beroep") else "competentnl") in OFFICIAL_SKILLS_IN_TEXT]
        if official:
            parts.append(", ".join(dict.fromkeys(official)))
        for link in self.occupation_links.get(q.crebo, []):
            occ = self._by_id.get(_occ_id(link.uri))
            if occ is None:
                continue
            parts.append(occ.label)
            parts.extend(occ.alt_labels[:_MAX_ALT_LABELS])
            desc = self.occupation_descriptions.get(link.uri, "")
            if desc:
                parts.append(_short(desc))
        return "\n".join(parts)


def _short(text: str) -> str:
    """The first sentence, at most ~220 characters: enough for matching, not a whole ESCO essay."""
    first = text.strip().split(". ")[0]
    return first if len(first) <= _SHORT_DESCRIPTION else first[:_SHORT_DESCRIPTION].rsplit(" ", 1)[0]


def _occ_id(uri: str) -> str:
    return "esco-occ:" + uri.rstrip("/").rsplit("/", 1)[-1]


def build_vocabulary(ref: ReferenceData) -> Vocabulary:
    """Build the vocabulary from reference data (``skills.reference.ReferenceData``). Deterministic:
    the same reference data gives the same concepts and links in the same order."""
    started = time.perf_counter()
    quals: dict[str, Qualification] = dict(sorted(ref.qualifications.items()))
    concepts: list[SkillConcept] = []
    links: list[ConceptLink] = []
    for crebo, q in quals.items():
        alt = tuple(dict.fromkeys(a for a in (normalize_name(q.name), q.dossier) if a and a != fold(q.name)))
        concepts.append(SkillConcept(id=f"qual:{crebo}", label=q.name, alt_labels=alt,
                                     description=q.beroepsbeschrijving, source="qualification", crebos=(crebo,)))
        links.append(ConceptLink(f"qual:{crebo}", crebo, 1.0, "regeling",
                                 f"kwalificatie {crebo} '{q.name}' (niveau {q.niveau}, dossier {q.dossier})"))
    dossier_found, dossier_links = dossier_concepts(quals)
    concepts.extend(dossier_found)
    links.extend(dossier_links)

    occupations = list(ref.occupations)
    occ_links = link_occupations(quals, occupations)
    descriptions = {occ.uri: occ.description or "" for occ in occupations}
    if PROFILE_LINKS:
        profile = link_by_profile(quals, occupations, descriptions, ref.isco_groups, occ_links)
        for crebo, extra in profile.items():
            occ_links[crebo] = [*occ_links.get(crebo, []), *extra[:MAX_PROFILE_LINKS]]
    occ_crebos: dict[str, list[str]] = {}
    for crebo in sorted(occ_links):
        for lk in occ_links[crebo]:
            occ_crebos.setdefault(lk.uri, []).append(crebo)
            links.append(ConceptLink(_occ_id(lk.uri), crebo, lk.score, lk.source, lk.evidence))
    for occ in occupations:
        concepts.append(SkillConcept(id=_occ_id(occ.uri), label=occ.label, alt_labels=tuple(occ.alt_labels),
                                     description=occ.description or "", source="esco-occupation",
                                     crebos=tuple(occ_crebos.get(occ.uri, ()))))

    core = {c: _core_text(q, occ_links.get(c, [])) for c, q in quals.items()}
    groups = list(ref.skill_groups)
    sg_links = skill_group_links(quals, groups, core)
    for g in groups:
        code = g.code or g.uri.rstrip("/").rsplit("/", 1)[-1]
        linked = sg_links.get(g.uri, [])
        concept_id = f"esco-sg:{code}"
        concepts.append(SkillConcept(id=concept_id, label=g.label, alt_labels=tuple(g.alt_labels),
                                     description=g.description or "", source="esco-skillgroup",
                                     crebos=tuple(c for c, _ in linked)))
        for crebo, score in linked:
            links.append(ConceptLink(concept_id, crebo, round(score, 4), "tfidf-isced-f",
                                     f"ISCED-F {code} '{g.label}' lijkt op kwalificatie '{quals[crebo].name}' "
                                     f"(cosine {score:.2f})"))
    lex_concepts, lex_links = lexicon_concepts(quals, ref.lexicon)
    concepts.extend(lex_concepts)
    links.extend(lex_links)
    labels = {occ.uri: occ.label for occ in occupations}
    official = {c: [*ref.official_skills.get(c, []), *esco_skills_for(
        [(lk.uri, labels.get(lk.uri, lk.label)) for lk in occ_links.get(c, [])[:ESCO_SKILL_OCCUPATIONS]],
        ref.esco_relations, ref.esco_labels_nl)] for c in quals}
    official = {c: skills for c, skills in official.items() if skills}
    vocab = Vocabulary(concepts=concepts, qualifications=quals, links=links, occupation_links=occ_links,
                       occupation_descriptions=descriptions, lexicon=dict(ref.lexicon), official=official)
    log.info("vocabulary: %d concepts, %d links in %.2f s", len(concepts), len(links),
             time.perf_counter() - started)
    return vocab


def lexicon_texts(concepts: Sequence[SkillConcept]) -> list[str]:
    """Label, alternative labels and description of every concept, linked to a qualification or not: the
    widest Dutch word list the reference data offers, for compound splitting (``skills.text.split_compound``).
    Unlinked ESCO occupations matter here: their labels ("heftruckchauffeur", "bestuurder heftruck") are
    where many compound parts occur on their own."""
    out: list[str] = []
    for c in concepts:
        out.append(c.label)
        out.extend(c.alt_labels)
        if c.description:
            out.append(c.description)
    return out


def _core_text(q: Qualification, occ_links: list[OccupationLink]) -> str:
    parts = [q.name, q.dossier, q.opleidingsdomein, q.beroepsbeschrijving]
    parts.extend(kt.name for kt in q.kerntaken)
    parts.extend(lk.label for lk in occ_links)
    return "\n".join(p for p in parts if p)
