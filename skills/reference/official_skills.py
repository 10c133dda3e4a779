"""Official skills per qualification, next to the everyday-language lexicon, every link with its source.

- **CompetentNL** (``competentnl/crebo_skills.csv``): skills per crebo, Dutch labels, essentieel/optioneel.
  Rows with bron CompetentNL are the crebo's own skills; rows with bron ESCO came through an ESCO occupation a
  language model chose for the crebo and are marked weak. A row's crebo is filed under the qualification
  the lineage says it is (25656 → 25491), so the 2015 qualification gains the skills of its current code.
- **ESCO** (``esco_relations/``): essential and optional skills of ESCO occupations (``occupationSkillRelations``),
  reached through the occupations the vocabulary links to a qualification. Only skills with a Dutch label
  (``esco_skill_labels_nl_partial.csv``, or the full Dutch file when imported) are kept: the interface never
  shows an English label.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from skills.reference.table import ReferenceFiles, read_rows
from skills.reference.validation import ProblemLog

COMPETENTNL_SKILLS = "competentnl/crebo_skills.csv"
ESCO_RELATIONS = "esco_relations/occupationSkillRelations.csv"
ESCO_LABELS_NL = "esco_relations/esco_skill_labels_nl_partial.csv"
CATEGORY = {"essential": "essentieel", "optional": "optioneel", "essentieel": "essentieel",
            "optioneel": "optioneel"}


@dataclass(frozen=True, slots=True)
class OfficialSkill:
    label: str  # Dutch
    uri: str
    category: str  # "essentieel" | "optioneel"
    source: str  # "CompetentNL" | "ESCO (via CompetentNL, zwak)" | "ESCO-beroep '<label>'"
    via: str  # the code or occupation that carries the link, with file and line where there is one


def load_competentnl_skills(files: ReferenceFiles, log: ProblemLog,
                            key_of: Callable[[str], str | None]) -> dict[str, list[OfficialSkill]]:
    """Qualification key → CompetentNL skills (optional source: {} when the file is absent). ``key_of`` maps a
    crebo as printed to the code the product files the qualification under (None: unknown, skipped)."""
    out: dict[str, list[OfficialSkill]] = {}
    seen: set[tuple[str, str]] = set()
    for path in files.paths(COMPETENTNL_SKILLS):
        for row in read_rows(path, log, ("crebo", "bron", "skill_uri", "skill_label", "categorie")) or []:
            key = key_of(row.get("crebo"))
            label = row.get("skill_label")
            if key is None or not label or (key, row.get("skill_uri") or label) in seen:
                continue
            seen.add((key, row.get("skill_uri") or label))
            weak = row.get("bron") != "CompetentNL"
            out.setdefault(key, []).append(OfficialSkill(
                label=label, uri=row.get("skill_uri"), category=CATEGORY.get(row.get("categorie"), "optioneel"),
                source="ESCO (via CompetentNL, zwak)" if weak else "CompetentNL",
                via=f"crebo {row.get('crebo')} ({path.name}:{row.line})"))
    return out


def load_esco_relations(files: ReferenceFiles) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """(occupation uri → [(skill uri, relation type)], skill uri → Dutch label). Read with the csv module
    directly (123k rows of URIs); ({}, {}) when the folder is absent."""
    relations: dict[str, list[tuple[str, str]]] = {}
    labels: dict[str, str] = {}
    for path in files.paths(ESCO_LABELS_NL):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                if rec.get("conceptUri") and rec.get("preferredLabel_nl"):
                    labels[rec["conceptUri"]] = rec["preferredLabel_nl"].strip()
    for path in files.paths(ESCO_RELATIONS):
        with path.open(encoding="utf-8-sig") as fh:
            header = next(fh, "").strip().split(",")
            if header[:2] != ["occupationUri", "relationType"] or header[-1] != "skillUri":
                continue
            for line in fh:  # URIs and bare words only: a plain split is exact and ~10x faster than csv
                parts = line.rstrip("\r\n").split(",")
                if parts[-1] in labels:
                    relations.setdefault(parts[0], []).append((parts[-1], parts[1]))
    return relations, labels


def esco_skills_for(occupations: Iterable[tuple[str, str]], relations: dict[str, list[tuple[str, str]]],
                    labels: dict[str, str], essential_only: bool = False) -> list[OfficialSkill]:
    """Skills with a Dutch label of the given (occupation uri, occupation label) pairs, essential first."""
    found: dict[str, OfficialSkill] = {}
    for uri, occ_label in occupations:
        for skill, relation in relations.get(uri, ()):
            category = CATEGORY.get(relation, "optioneel")
            if essential_only and category != "essentieel":
                continue
            old = found.get(skill)
            if old is None or (old.category == "optioneel" and category == "essentieel"):
                found[skill] = OfficialSkill(labels[skill], skill, category, f"ESCO-beroep '{occ_label}'", uri)
    return sorted(found.values(), key=lambda s: (s.category != "essentieel", s.label.lower()))
