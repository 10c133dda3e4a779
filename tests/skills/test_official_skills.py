"""Official skills: CompetentNL per qualification (through the lineage) and Dutch-labelled ESCO skills of linked
occupations, each with its source."""

from __future__ import annotations

from pathlib import Path

from skills.reference import load_reference
from skills.reference.official_skills import esco_skills_for
from skills.vocabulary import build_vocabulary
from tests.skills.reference_helpers import MINI

O1, O2 = "http://data.europa.eu/esco/occupation/o1", "http://data.europa.eu/esco/occupation/o2"


def test_competentnl_skills_are_filed_under_the_lineage_qualification() -> None:
    ref = load_reference(MINI)
    kinderopvang = ref.official_skills["25486"]  # given for the newer code 25901
    assert [(s.label, s.category, s.source) for s in kinderopvang] == [
        ("Begeleiden van kinderen", "essentieel", "CompetentNL"), ("Samenwerken", "optioneel", "CompetentNL")]
    assert "crebo 25901" in kinderopvang[0].via and "crebo_skills.csv:2" in kinderopvang[0].via
    weak = ref.official_skills["25078"]  # 25903 = 25078; the row came through a language-model ESCO link
    assert [(s.label, s.source) for s in weak] == [("beton boren", "ESCO (via CompetentNL, zwak)")]
    assert all("29999" not in s.via for skills in ref.official_skills.values() for s in skills)


def test_esco_skills_only_with_a_dutch_label_essential_first() -> None:
    ref = load_reference(MINI)
    assert ref.esco_labels_nl and "http://data.europa.eu/esco/skill/s3" not in ref.esco_labels_nl
    skills = esco_skills_for([(O2, "pedagoog"), (O1, "kinderopvangmedewerker")], ref.esco_relations,
                             ref.esco_labels_nl)
    assert [(s.label, s.category, s.source) for s in skills] == [
        ("kinderen begeleiden", "essentieel", "ESCO-beroep 'kinderopvangmedewerker'"),
        ("spelactiviteiten organiseren", "optioneel", "ESCO-beroep 'kinderopvangmedewerker'")]
    assert esco_skills_for([(O1, "x")], ref.esco_relations, ref.esco_labels_nl, essential_only=True)[0].label == \
        "kinderen begeleiden"


def test_vocabulary_names_official_skills_of_real_qualifications(reference_dir: Path) -> None:
    vocab = build_vocabulary(load_reference(reference_dir, lexicon=None))
    onderwijs = vocab.official_skills("25485")  # Onderwijsassistent, CompetentNL via its current code 25698
    assert any(s.source == "CompetentNL" and s.label == "Lesgeven" for s in onderwijs)
    assert any(s.source.startswith("ESCO-beroep") for c in vocab.qualifications for s in vocab.official_skills(c))
    english = {"the", "and", "with", "skills"}
    assert not any(english & set(s.label.lower().split()) for c in vocab.qualifications
                   for s in vocab.official_skills(c))
