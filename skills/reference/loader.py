"""The aggregate of all reference data and its one entry point, :func:`load_reference`.

Loading is deliberately uncached: callers (API start-up, CLI, test fixtures) keep the object they load.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from skills.errors import ReferenceDataError
from skills.geo import Gazetteer
from skills.lexicon import BUILTIN_LEXICON, LexiconEntry, load_lexicon
from skills.model import Certificate, Provider, Qualification
from skills.reference.certificate_catalogue import CertificateCatalogue, build_catalogue
from skills.reference.certificate_evidence import seen_certificates
from skills.reference.certificates import load_certificates
from skills.reference.documents import SchoolDocument, load_documents
from skills.reference.dossiers import attach_coded, attach_uncoded
from skills.reference.esco import EscoOccupation, EscoSkill, EscoSkillGroup, load_esco
from skills.reference.geo import load_gazetteer
from skills.reference.institutions import load_providers
from skills.reference.lineage import Lineage
from skills.reference.lineage_builder import build_lineage
from skills.reference.mined_dossiers import MinedDossier, mine_dossiers
from skills.reference.official_skills import OfficialSkill, load_competentnl_skills, load_esco_relations
from skills.reference.qualifications import load_qualifications
from skills.reference.table import ReferenceFiles
from skills.reference.validation import Problem, ProblemLog

log = logging.getLogger(__name__)

MISSING_DIRECTORY = (
    "reference data directory {directory} not found (or it has no qualifications/qualifications.csv); "
    "set LLO_REFERENCE_DIR to the folder with qualifications/, kwalificatiedossiers/, esco_nl/, ..."
)


@dataclass
class ReferenceData:
    """Everything read from the reference directory (plus the import overlay)."""

    qualifications: dict[str, Qualification]  # 2015 structure, crebo → Qualification
    legacy: dict[str, Qualification]  # 2014 structure, legacy=True
    certificates: list[Certificate]
    providers: list[Provider]
    occupations: list[EscoOccupation]
    skill_groups: list[EscoSkillGroup]
    esco_skills: list[EscoSkill] = field(default_factory=list)  # empty unless skills_<lang>.csv exists
    occupation_skills: dict[str, list[str]] = field(default_factory=dict)  # occupation uri → skill uris
    gazetteer: Gazetteer | None = None
    isco_groups: dict[str, str] = field(default_factory=dict)  # ISCO-08 code → label
    skill_parents: dict[str, str] = field(default_factory=dict)  # skill group uri → broader group uri
    dossiers: dict[str, str] = field(default_factory=dict)  # kwalificatiedossier crebo → name (2015)
    source_counts: dict[str, int] = field(default_factory=dict)  # raw row counts (werkproces rows, ...)
    lexicon: dict[str, LexiconEntry] = field(default_factory=dict)  # crebo → everyday words (skills.lexicon)
    lineage: Lineage = field(default_factory=Lineage)  # newer and 2014 codes linked to the 2015 crebos
    documents: list[SchoolDocument] = field(default_factory=list)  # school_documents/ (evidence)
    # Read on first use (the properties below): only the vocabulary and the qualification page need them.
    files: ReferenceFiles | None = field(default=None, repr=False)
    _official: dict[str, list[OfficialSkill]] | None = field(default=None, repr=False)
    _esco: tuple[dict[str, list[tuple[str, str]]], dict[str, str]] | None = field(default=None, repr=False)

    @property
    def official_skills(self) -> dict[str, list[OfficialSkill]]:
        """Qualification key → CompetentNL skills (skills.reference.official_skills), read on first use."""
        if self._official is None:
            self._official = ({} if self.files is None else
                              load_competentnl_skills(self.files, ProblemLog(), self.qualification_key))
        return self._official

    def _esco_relations(self) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
        if self._esco is None:
            self._esco = ({}, {}) if self.files is None else load_esco_relations(self.files)
        return self._esco

    @property
    def esco_relations(self) -> dict[str, list[tuple[str, str]]]:
        """ESCO occupation uri → (skill uri, relation type) for skills with a Dutch label, read on first use."""
        return self._esco_relations()[0]

    @property
    def esco_labels_nl(self) -> dict[str, str]:
        """ESCO skill uri → Dutch preferred label, read on first use."""
        return self._esco_relations()[1]

    def skill_counts(self) -> dict[str, int]:
        """Counts of the official skills (reads them): for ``llo data validate``."""
        return {
        }

    _mined: dict[str, MinedDossier] | None = field(default=None, repr=False)

    def mined_dossiers(self) -> dict[str, MinedDossier]:
        """Kerntaken and werkprocessen mined from the school documents per qualification key (computed on first
        use: it reads every document; :mod:`skills.reference.mined_dossiers`)."""
        if self._mined is None:
            self._mined = mine_dossiers(self.documents, self.qualification_key)
        return self._mined

    _catalogue: CertificateCatalogue | None = field(default=None, repr=False)

    def certificate_catalogue(self) -> CertificateCatalogue:
        """Every mbo-certificaat the sources name: the certificates list (official when imported) merged with the
        ones the school documents name (computed on first use: it reads every document;
        :mod:`skills.reference.certificate_catalogue`)."""
        if self._catalogue is None:
            seen = seen_certificates(self.documents, self.qualification_key)
            self._catalogue = build_catalogue(self.certificates, seen, self.qualification_key, len(self.documents))
        return self._catalogue

    def qualification_key(self, code: str) -> str | None:
        """The code a qualification is filed under (2015 crebo, or a standalone newer code) for any code."""
        if code in self.qualifications or code in self.lineage.standalone:
            return code
        target = self.lineage.crebo_for(code)
        return target if target in self.qualifications or target in self.lineage.standalone else None

    def counts(self) -> dict[str, int]:
        """Counts per source; ``qualifications_with_werkprocessen`` feeds the coverage report."""
        quals = self.qualifications.values()
        counts = {
            "qualifications": len(self.qualifications),
            "legacy_qualifications": len(self.legacy),
            "dossiers": len(self.dossiers),
            "qualifications_with_kerntaken": sum(1 for q in quals if q.kerntaken),
            "qualifications_with_werkprocessen": sum(1 for q in quals if any(k.werkprocessen for k in q.kerntaken)),
            "qualifications_with_coded_werkprocessen": sum(
                1 for q in quals if any(w.code for k in q.kerntaken for w in k.werkprocessen)),
            "qualifications_with_sectorkamer": sum(1 for q in quals if q.sectorkamer),
            **self.source_counts,
            "certificates": len(self.certificates),
            "providers": len(self.providers),
            "esco_occupations": len(self.occupations),
            "esco_skill_groups": len(self.skill_groups),
            "esco_isco_groups": len(self.isco_groups),
            "esco_skills": len(self.esco_skills),
            "esco_occupations_with_skills": len(self.occupation_skills),
            "qualifications_with_lexicon": len(self.lexicon),
            "school_documents": len(self.documents),
            **self.lineage.counts(),
        }
        if self.gazetteer is not None:
            counts.update(self.gazetteer.counts)
        return counts


def with_lineage(quals: dict[str, Qualification], lineage: Lineage) -> dict[str, Qualification]:
    """The qualifications with their codes and current name from ``lineage`` filled in."""
    out: dict[str, Qualification] = {}
    for crebo, q in quals.items():
        codes = lineage.codes(crebo)
        _code, name = lineage.current(crebo)
        out[crebo] = replace(q, codes=codes, current_name=name) if len(codes) > 1 else q
    return out


def _check_directory(directory: Path) -> None:
    if not (directory / "qualifications" / "qualifications.csv").is_file():
        raise ReferenceDataError(MISSING_DIRECTORY.format(directory=directory),
                                 [(str(directory), None, "missing reference data directory")])


def _build(directory: Path, overlay: Path | None, esco_language: str,
           lexicon: Path | None) -> tuple[ReferenceData, list[Problem]]:
    _check_directory(directory)
    started = time.perf_counter()
    files = ReferenceFiles(directory, overlay if overlay is not None and overlay.is_dir() else None)
    problems = ProblemLog()
    current = load_qualifications(files, problems, legacy=False)
    legacy = load_qualifications(files, problems, legacy=True)
    for crebo in sorted(current.keys() & legacy.keys()):
        problems.add(str(directory / "qualifications"), None,
                     f"crebo {crebo} is in both the 2015 and the 2014 list")
    current, werkproces_rows = attach_coded(files, current, problems)
    current, json_profiles = attach_uncoded(files, current, problems)
    esco = load_esco(files, problems, esco_language)
    documents = load_documents(files, problems)
    lineage = build_lineage(files, current, legacy, documents, problems)
    current = with_lineage(current, lineage)
    data = ReferenceData(
        qualifications=current,
        legacy=legacy,
        certificates=load_certificates(files, problems),
        providers=load_providers(files, problems),
        occupations=esco.occupations,
        skill_groups=esco.skill_groups,
        esco_skills=esco.skills,
        occupation_skills=esco.occupation_skills,
        gazetteer=load_gazetteer(files, problems),
        isco_groups=esco.isco_groups,
        skill_parents=esco.skill_parents,
        dossiers={q.dossier_crebo: q.dossier for q in current.values() if q.dossier_crebo},
        source_counts={"sbb_werkproces_rows": werkproces_rows, "json_profiles": json_profiles,
                       "esco_occupation_skill_relations": esco.relation_count},
        lexicon=load_lexicon(lexicon, {c: q.name for c, q in current.items()}) if lexicon is not None else {},
        lineage=lineage,
        documents=documents,
    )
    data.files = files
    log.info("reference data loaded from %s in %.2f s (%d problems)", directory,
             time.perf_counter() - started, len(problems))
    return data, problems.problems


def load_reference(directory: Path, overlay: Path | None = None, esco_language: str = "nl",
                   lexicon: Path | None = BUILTIN_LEXICON) -> ReferenceData:
    """Load and validate all reference data from ``directory``, with ``overlay`` (the data directory's
    ``reference/`` written by ``llo data import``) supplementing or overriding it, plus the everyday-language
    ``lexicon`` (:mod:`skills.lexicon`; None leaves it out).

    Raises ReferenceDataError listing every (file, line, problem) when anything is invalid, or one
    message naming LLO_REFERENCE_DIR when the directory is missing.
    """
    data, problems = _build(Path(directory), overlay, esco_language, lexicon)
    if problems:
        first = problems[0]
        raise ReferenceDataError(
            f"{len(problems)} problem(s) in the reference data, first: {first[0]}"
            f"{':' + str(first[1]) if first[1] else ''}: {first[2]}", problems)
    return data


def load_checked(directory: Path, overlay: Path | None = None, esco_language: str = "nl",
                 lexicon: Path | None = BUILTIN_LEXICON) -> tuple[ReferenceData, list[Problem]]:
    """The reference data as far as it loads, and every problem found (``validate_reference`` with the data)."""
    return _build(Path(directory), overlay, esco_language, lexicon)


def validate_reference(
    directory: Path, overlay: Path | None = None, esco_language: str = "nl",
    lexicon: Path | None = BUILTIN_LEXICON,
) -> tuple[dict[str, int], list[Problem]]:
    """Counts per source and every problem found. Raises only when the directory itself is missing (or
    the lexicon file is malformed: it is project data, not reference data)."""
    data, problems = _build(Path(directory), overlay, esco_language, lexicon)
    return data.counts(), problems
