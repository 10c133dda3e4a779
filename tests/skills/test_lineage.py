"""Qualification lineage: newer and 2014 codes linked to 2015 qualifications, each link with its evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.reference import ReferenceData, load_reference, validate_reference
from skills.resolver import CreboResolver
from tests.skills.reference_helpers import MINI, mini_copy, replace_in


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference(MINI)


def test_competentnl_label_links_a_renumbering(ref: ReferenceData) -> None:
    link = ref.lineage.links["25900"]
    assert (link.crebo, link.era, link.evidence) == ("25078", "newer", "competentnl-label")
    assert "crebo_beroep.csv" in link.source


def test_school_documents_naming_the_qualification_link_it(ref: ReferenceData) -> None:
    link = ref.lineage.links["25901"]
    assert (link.crebo, link.evidence) == ("25486", "document-name")
    assert link.source == "2 of 2 school documents"


def test_a_document_stating_both_codes_is_the_strongest_evidence(ref: ReferenceData) -> None:
    # "25903 (voorheen 94040)": 94040 is the 2014 code of Betonboorder, so 25903 is 25078; the weak ESCO
    # label of 25903 ("dierenverzorger") neither links nor names it.
    link = ref.lineage.links["25903"]
    assert (link.crebo, link.evidence, link.source) == ("25078", "document-states-both", "school_b/algemeen.md")
    assert "25903" not in ref.lineage.standalone


def test_codes_newest_first_then_2015_then_2014(ref: ReferenceData) -> None:
    q = ref.qualifications["25078"]
    assert q.codes == ("25903", "25900", "25078", "90002", "94040")  # same newest year: higher code first
    assert q.current_crebo == "25903" and q.display_name == "Betonboorder"
    assert ref.qualifications["25167"].codes == ("25167", "90001")  # 2014 code only: no current name
    assert ref.qualifications["25503"].codes == ()


def test_newer_code_without_predecessor_is_a_qualification_of_its_own(ref: ReferenceData) -> None:
    own = ref.lineage.standalone["25902"]
    assert (own.name, own.niveau, own.codes) == ("Gastheer kinderboerderij", 2, ("25902",))
    assert own.beroepsbeschrijving.startswith("De gastheer") and "CompetentNL" in own.name_source
    assert [lw.value for lw in own.leerwegen] == ["BBL"]


def test_ambiguous_name_and_dossier_codes_are_not_linked(ref: ReferenceData) -> None:
    # CompetentNL names 25904 "Verkoper", the name of 25167 (niveau 2) and 25503 (niveau 3): no link, a
    # conflict, and the code stands on its own under that name.
    assert "25904" not in ref.lineage.links and ref.lineage.standalone["25904"].name == "Verkoper"
    assert any(c.startswith("25904:") and "25167, 25503" in c for c in ref.lineage.conflicts)
    assert "23999" not in ref.lineage.links and "23999" not in ref.lineage.standalone


def test_resolver_uses_the_lineage(ref: ReferenceData) -> None:
    resolver = CreboResolver(ref)
    newer = resolver.resolve("25901")
    assert (newer.status, newer.crebo) == ("newer", "25486")
    assert newer.qualification is ref.qualifications["25486"] and "document-name" in newer.note
    own = resolver.resolve("25902")
    assert (own.status, own.crebo) == ("newer-own", "25902")
    assert own.qualification is not None and own.qualification.name == "Gastheer kinderboerderij"


def test_validate_reports_lineage_counts_and_conflicts() -> None:
    counts, problems = validate_reference(MINI)
    assert problems == []
    assert counts["lineage_newer_codes_linked"] == 3
    assert counts["lineage_by_document_name"] == 1 and counts["lineage_by_competentnl_label"] == 1
    assert counts["lineage_standalone_qualifications"] == 2 and counts["lineage_conflicts"] == 1


def test_documents_disagreeing_with_competentnl_is_a_conflict(tmp_path: Path) -> None:
    ref_dir = mini_copy(tmp_path)
    replace_in(ref_dir / "competentnl" / "crebo_beroep.csv", "25902,CompetentNL,crebo-direct,Gastheer kinderboerderij",
               "25901,CompetentNL,crebo-direct,Betonboorder")
    ref = load_reference(ref_dir)
    link = ref.lineage.links["25901"]
    assert (link.crebo, link.evidence) == ("25078", "competentnl-label")
    assert any("25901" in c and "document-name says 25486" in c for c in ref.lineage.conflicts)


def test_an_imported_official_list_overrides_the_lineage(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "qualifications"
    overlay.mkdir(parents=True)
    (overlay / "qualifications.csv").write_text(
        "crebo,kwalificatie,niveau,leerweg\n25901,Pedagogisch medewerker kinderopvang,3,BOL\n", encoding="utf-8")
    ref = load_reference(MINI, overlay=tmp_path / "overlay")
    assert "25901" not in ref.lineage.links
    assert CreboResolver(ref).resolve("25901").status == "current"


def test_real_data_links_the_codes_schools_state(reference_dir: Path) -> None:
    ref = load_reference(reference_dir, lexicon=None)
    resolver = CreboResolver(ref)
    expected = {"25656": ("newer", "25491"), "25698": ("newer", "25485"), "25655": ("newer", "25480"),
                "25615": ("newer-own", "25958"), "25779": ("newer-own", "25779")}
    for code, (status, crebo) in expected.items():
        r = resolver.resolve(code)
        assert (r.status, r.crebo) == (status, crebo), (code, r.note)
    # 25615 (named only by a weak ESCO label) and 25958 (CompetentNL) are one qualification: Sociaal werker.
    own = resolver.resolve("25615").qualification
    assert own is not None and (own.name, own.codes) == ("Sociaal werker", ("25958", "25615"))
    assert ref.qualifications["25491"].current_crebo == "25656"
    counts = ref.lineage.counts()
    assert counts["lineage_newer_codes_linked"] >= 128 and counts["lineage_by_competentnl_label"] >= 120


def test_documents_naming_a_shorter_name_do_not_link_a_longer_variant(reference_dir: Path) -> None:
    from skills.reference.lineage_builder import is_longer_variant

    assert is_longer_variant("Allround podium- en evenemententechnicus", "Podium- en evenemententechnicus")
    assert not is_longer_variant("Beveiliger 2", "Beveiliger")  # a niveau number is the same qualification
    assert not is_longer_variant("Verzorgende IG", "Verzorgende IG") and not is_longer_variant("", "Kok")
    real = load_reference(reference_dir, lexicon=None)
    assert "25798" not in real.lineage.links
    assert real.lineage.standalone["25798"].name == "Allround podium- en evenemententechnicus"
    assert real.lineage.links["25800"].crebo == "25203"  # CompetentNL's exact label still links
