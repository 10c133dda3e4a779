"""TrainingCorpus: the texts (reference data, optionally crawled offerings) the static model learns from.

Built from ``skills.reference.ReferenceData`` and ``skills.vocabulary.Vocabulary``: qualifications with
their kerntaken/werkprocessen, the legacy list, ESCO occupations (labels, descriptions, ISCO groups), skill
groups, ESCO skills when imported, the vocabulary's occupation ↔ qualification links and the everyday-language
lexicon. The document text
of a qualification is the vocabulary's ``qualification_text``, the same text the index encodes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from skills.lexicon import BUILTIN_LEXICON, LexiconEntry
from skills.model import Qualification
from skills.reference import EscoOccupation, EscoSkill, EscoSkillGroup, ReferenceData, load_reference
from skills.vocabulary import Vocabulary, build_vocabulary


@dataclass(frozen=True, slots=True)
class CorpusOffering:
    """A crawled offering with the qualification it was mapped to (``crebo`` None: unmapped, text only)."""

    title: str
    description: str
    crebo: str | None


@dataclass
class TrainingCorpus:
    qualifications: list[Qualification]
    documents: dict[str, str]  # crebo -> the qualification's document text (as indexed)
    legacy: list[Qualification]
    occupations: list[EscoOccupation]
    isco_groups: dict[str, str]  # ISCO code -> Dutch label
    skill_groups: list[EscoSkillGroup]
    esco_skills: list[EscoSkill] = field(default_factory=list)
    links: dict[str, list[int]] = field(default_factory=dict)  # crebo -> indexes into occupations
    offerings: list[CorpusOffering] = field(default_factory=list)
    lexicon: dict[str, LexiconEntry] = field(default_factory=dict)  # crebo -> everyday words

    def qualification_text(self, crebo: str) -> str:
        return self.documents[crebo]

    def texts(self) -> Iterable[str]:
        """Every text of the corpus once, in a fixed order (tokenizer training, fingerprint)."""
        for q in self.qualifications:
            yield self.documents[q.crebo]
            for kt in q.kerntaken:
                for wp in kt.werkprocessen:
                    yield wp.description
        for lq in self.legacy:
            yield lq.name
            yield lq.dossier
        for o in self.occupations:
            yield o.label
            yield from o.alt_labels
            yield o.description
        yield from self.isco_groups.values()
        for g in self.skill_groups:
            yield g.label
            yield g.description
        for s in self.esco_skills:
            yield s.label
            yield from s.alt_labels
            yield s.description
        for off in self.offerings:
            yield off.title
            yield off.description
        for crebo in sorted(self.lexicon):
            yield from (term for _kind, term in self.lexicon[crebo].terms())

    def fingerprint(self) -> str:
        """sha256 over every text, link and offering label, in order: the manifest's training-data hash."""
        h = hashlib.sha256()
        for text in self.texts():
            h.update(text.encode("utf-8"))
            h.update(b"\x00")
        for crebo in sorted(self.links):
            h.update(f"{crebo}:{self.links[crebo]}".encode())
        for off in self.offerings:
            h.update(f"{off.crebo}".encode())
        return h.hexdigest()


def corpus_from_reference(
    ref: ReferenceData, vocabulary: Vocabulary, offerings: Iterable[CorpusOffering] = ()
) -> TrainingCorpus:
    """Assemble the corpus from already-loaded reference data and vocabulary."""
    quals = [ref.qualifications[c] for c in sorted(ref.qualifications)]
    position = {o.uri: i for i, o in enumerate(ref.occupations)}
    links = {
        crebo: [position[lk.uri] for lk in found if lk.uri in position]
        for crebo, found in sorted(vocabulary.occupation_links.items())
    }
    return TrainingCorpus(
        qualifications=quals,
        documents={q.crebo: vocabulary.qualification_text(q.crebo) for q in quals},
        legacy=[ref.legacy[c] for c in sorted(ref.legacy)],
        occupations=list(ref.occupations),
        isco_groups=dict(sorted(ref.isco_groups.items())),
        skill_groups=list(ref.skill_groups),
        esco_skills=list(ref.esco_skills),
        links={c: ix for c, ix in links.items() if ix},
        offerings=list(offerings),
        lexicon=dict(sorted(vocabulary.lexicon.items())),
    )


def load_corpus(reference_dir: Path, offerings: Iterable[CorpusOffering] = (),
                lexicon: Path | None = BUILTIN_LEXICON) -> TrainingCorpus:
    """Read reference data from ``reference_dir`` (with the everyday-language ``lexicon``; None: without)
    and build the corpus (ReferenceDataError when invalid)."""
    ref = load_reference(Path(reference_dir), lexicon=lexicon)
    return corpus_from_reference(ref, build_vocabulary(ref), offerings)
