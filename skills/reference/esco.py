"""ESCO in the official CSV download layout (v1.2): occupations, skill groups, the skills hierarchy, ISCO
groups, and, when a user has downloaded them, skills and occupation–skill relations.

Files live in ``esco_<lang>/`` named ``<table>_<lang>.csv`` exactly as ESCO ships them. Label lists
(``altLabels``) are newline-separated in the official files.
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.reference.table import ReferenceFiles, Row, read_keyed, read_rows
from skills.reference.validation import ProblemLog

OCCUPATION_COLUMNS = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description", "code")
SKILL_GROUP_COLUMNS = ("conceptUri", "preferredLabel", "altLabels", "description", "code")
SKILL_COLUMNS = ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description")
ISCO_COLUMNS = ("conceptUri", "code", "preferredLabel")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillType", "skillUri")
HIERARCHY_COLUMNS = tuple(f"Level {i} URI" for i in range(4))

#: Official file stem → the columns the loader needs (other columns are kept but not used).
TABLES: dict[str, tuple[str, ...]] = {
    "occupations": OCCUPATION_COLUMNS,
    "skillGroups": SKILL_GROUP_COLUMNS,
    "skillsHierarchy": HIERARCHY_COLUMNS,
    "ISCOGroups": ISCO_COLUMNS,
    "skills": SKILL_COLUMNS,
    "occupationSkillRelations": RELATION_COLUMNS,
}
#: Tables a complete ESCO directory must have; the other two are optional (large downloads).
REQUIRED_TABLES = ("occupations", "skillGroups", "skillsHierarchy", "ISCOGroups")


@dataclass(slots=True)
class EscoOccupation:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str
    isco_code: str  # 4-digit ISCO-08 unit group, e.g. "2654"
    code: str  # ESCO occupation code, e.g. "2654.1.7"


@dataclass(slots=True)
class EscoSkillGroup:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str
    code: str  # e.g. "S1.2" or an ISCED-F code "0613"


@dataclass(slots=True)
class EscoSkill:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str
    skill_type: str  # "skill/competence" | "knowledge"
    reuse_level: str  # "transversal" | "cross-sector" | "sector-specific" | "occupation-specific"


@dataclass
class EscoData:
    occupations: list[EscoOccupation]
    skill_groups: list[EscoSkillGroup]
    skills: list[EscoSkill]
    isco_groups: dict[str, str]  # ISCO code → label
    skill_parents: dict[str, str]  # skill group uri → broader skill group uri (from skillsHierarchy)
    occupation_skills: dict[str, list[str]]  # occupation uri → skill uris
    relation_count: int


def table_path(table: str, language: str) -> str:
    """Relative path of an ESCO table: ``esco_nl/occupations_nl.csv``."""
    return f"esco_{language}/{table}_{language}.csv"


def _labels(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label.strip() for label in text.splitlines() if label.strip()))


def _concepts(files: ReferenceFiles, table: str, language: str, log: ProblemLog,
              optional: bool = False) -> dict[str, Row]:
    relative = table_path(table, language)
    rows = read_keyed(files, relative, lambda r: r.get("conceptUri"), log, "conceptUri",
                      required=TABLES[table], overlay_required=TABLES[table], optional=optional,
                      allow_short=True)
    if rows is None:
        return {}
    for uri, row in list(rows.items()):
        if not uri.startswith("http"):
            log.add(row.file, row.line, f"malformed conceptUri {uri!r}")
            del rows[uri]
        elif not row.get("preferredLabel"):
            log.add(row.file, row.line, f"{uri}: empty preferredLabel")
            del rows[uri]
    return rows


def load_esco(files: ReferenceFiles, log: ProblemLog, language: str = "nl") -> EscoData:
    """Load ``esco_<language>/`` (reference dir plus overlay). Missing required tables are problems."""
    isco = {row.get("code"): row.get("preferredLabel")
            for row in _concepts(files, "ISCOGroups", language, log).values()}
    occupations = []
    for row in _concepts(files, "occupations", language, log).values():
        isco_code = row.get("iscoGroup")
        if isco and isco_code not in isco:
            log.add(row.file, row.line, f"unknown ISCO group reference {isco_code!r}")
        occupations.append(EscoOccupation(
            uri=row.get("conceptUri"), label=row.get("preferredLabel"), alt_labels=_labels(row.get("altLabels")),
            description=row.get("description") or row.get("definition"), isco_code=isco_code, code=row.get("code")))
    groups = _concepts(files, "skillGroups", language, log)
    skill_groups = [EscoSkillGroup(uri=uri, label=row.get("preferredLabel"), alt_labels=_labels(row.get("altLabels")),
                                   description=row.get("description"), code=row.get("code"))
                    for uri, row in groups.items()]
    skill_parents = _hierarchy(files, language, set(groups), log)
    skill_rows = _concepts(files, "skills", language, log, optional=True)
    skills = [EscoSkill(uri=uri, label=row.get("preferredLabel"), alt_labels=_labels(row.get("altLabels")),
                        description=row.get("description") or row.get("definition"),
                        skill_type=row.get("skillType"), reuse_level=row.get("reuseLevel"))
              for uri, row in skill_rows.items()]
    occupation_skills, relation_count = _relations(files, language, {o.uri for o in occupations},
                                                   set(skill_rows), log)
    return EscoData(occupations, skill_groups, skills, isco, skill_parents, occupation_skills, relation_count)


def _hierarchy(files: ReferenceFiles, language: str, groups: set[str], log: ProblemLog) -> dict[str, str]:
    """Skill group → broader group, from the Level 0..3 columns of skillsHierarchy."""
    parents: dict[str, str] = {}
    relative = table_path("skillsHierarchy", language)
    paths = files.paths(relative)
    if not paths:
        log.add(str(files.directory / relative), None, "missing file")
    for path in paths:
        for row in read_rows(path, log, HIERARCHY_COLUMNS, allow_short=True) or []:
            chain = [row.get(f"Level {i} URI") for i in range(4)]
            chain = [uri for uri in chain if uri]
            for uri in chain:
                if groups and uri not in groups:
                    log.add(row.file, row.line, f"unknown skill group reference {uri!r}")
            for child, parent in zip(chain[1:], chain[:-1], strict=False):
                parents[child] = parent
    return parents


def _relations(files: ReferenceFiles, language: str, occupations: set[str], skills: set[str],
               log: ProblemLog) -> tuple[dict[str, list[str]], int]:
    """occupationSkillRelations (optional): occupation uri → skill uris, essential ones first."""
    relative = table_path("occupationSkillRelations", language)
    pairs: dict[tuple[str, str], str] = {}
    for path in files.paths(relative):
        for row in read_rows(path, log, RELATION_COLUMNS, allow_short=True) or []:
            occupation, skill = row.get("occupationUri"), row.get("skillUri")
            if occupation not in occupations:
                log.add(row.file, row.line, f"unknown occupation reference {occupation!r}")
                continue
            if skills and skill not in skills:
                log.add(row.file, row.line, f"unknown skill reference {skill!r}")
                continue
            pairs[(occupation, skill)] = row.get("relationType")
    result: dict[str, list[str]] = {}
    for (occupation, skill), _relation in sorted(pairs.items(), key=lambda kv: kv[1] != "essential"):
        result.setdefault(occupation, []).append(skill)
    return result, len(pairs)
