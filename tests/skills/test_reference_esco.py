"""ESCO tables in the official v1.2 layout, including skills and occupation–skill relations."""

from __future__ import annotations

from pathlib import Path

from skills.reference import load_reference, validate_reference
from tests.skills.reference_helpers import MINI, mini_copy, replace_in

OCC1 = "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000001"
SKILL1 = "http://data.europa.eu/esco/skill/00000000-0000-4000-a000-000000000001"
SKILL2 = "http://data.europa.eu/esco/skill/00000000-0000-4000-a000-000000000002"
GROUP1 = "http://data.europa.eu/esco/skill/00000000-0000-4000-9000-000000000001"
GROUP2 = "http://data.europa.eu/esco/skill/00000000-0000-4000-9000-000000000002"


def test_occupations_groups_skills_relations() -> None:
    data = load_reference(MINI)
    occupation = next(o for o in data.occupations if o.uri == OCC1)
    assert occupation.label == "onderwijsassistent"
    assert occupation.alt_labels == ("klassenassistent", "assistent leerkracht")
    assert (occupation.isco_code, occupation.code) == ("5312", "5312.1")
    assert data.isco_groups["5312"] == "Onderwijsassistenten"
    assert data.skill_parents == {GROUP2: GROUP1}
    assert {s.uri: s.skill_type for s in data.esco_skills} == {SKILL1: "skill/competence", SKILL2: "knowledge"}
    assert data.occupation_skills[OCC1] == [SKILL2, SKILL1]  # essential first


def test_skills_files_are_optional(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    (ref / "esco_nl" / "skills_nl.csv").unlink()
    (ref / "esco_nl" / "occupationSkillRelations_nl.csv").unlink()
    counts, problems = validate_reference(ref)
    assert problems == [] and counts["esco_skills"] == 0 and counts["esco_occupations"] == 2


def test_reference_problems(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    relations = ref / "esco_nl" / "occupationSkillRelations_nl.csv"
    replace_in(relations, "8000-000000000002,essential", "8000-000000000099,essential")
    occupations = ref / "esco_nl" / "occupations_nl.csv"
    replace_in(occupations, "000000000002,5223,", "000000000002,9999,")
    problems = validate_reference(ref)[1]
    assert any(p[0] == str(relations) and p[1] == 4 and "unknown occupation reference" in p[2] for p in problems)
    assert any(p[0] == str(occupations) and p[1] == 4 and "unknown ISCO group reference '9999'" in p[2]
               for p in problems)


def test_duplicate_uri(tmp_path: Path) -> None:
    ref = mini_copy(tmp_path)
    path = ref / "esco_nl" / "skillGroups_nl.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = validate_reference(ref)[1]
    assert any(p[0] == str(path) and p[1] == 4 and "duplicate conceptUri" in p[2] for p in problems)
