"""The certificate catalogue: reference (or official) list merged with document evidence, honest denominator."""

from __future__ import annotations

from pathlib import Path

from skills.model import Certificate
from skills.reference import load_reference
from skills.reference.certificate_catalogue import DOCUMENTS, OFFICIAL, REFERENCE, build_catalogue
from skills.reference.certificate_evidence import SeenCertificate

SEEN = {"C0054": SeenCertificate("C0054", "Basis voor deskundige zorg", ("25491",), ("s/a.md",), (("25491", "B1-K1"),)),
        "C0103": SeenCertificate("C0103", "", ("25779",), ("s/b.md",), (("25779", "P2-K1"),))}
KEYS = {"25656": "25491"}


def test_reference_without_code_joins_the_coded_evidence_of_the_same_name() -> None:
    ref = [Certificate(name="Basis voor deskundige zorg", code=None, parent_crebo="25656", kerntaken=("C1-K1",),
                       status="current", source="certificates.csv:10"),
           Certificate(name="Gewasbescherming", code=None, parent_crebo="97670", status="historisch")]
    catalogue = build_catalogue(ref, SEEN, KEYS.get, documents=2)
    by_key = catalogue.by_key()
    assert set(by_key) == {"C0054", "C0103", "naam:gewasbescherming"}
    basis = by_key["C0054"]
    assert basis.origins == (REFERENCE, DOCUMENTS) and basis.parents == ("25491",)
    assert basis.kerntaken == (("25491", "C1-K1"), ("25491", "B1-K1")) and basis.sources[0] == "certificates.csv:10"
    assert by_key["C0103"].label == "mbo-certificaat C0103"
    assert by_key["naam:gewasbescherming"].parents == ("97670",)  # an unlinked 2014 parent stays as it is
    assert not catalogue.has_official_list and "niet de officiële lijst" in catalogue.denominator
    assert "2 genoemd in 2 schooldocumenten" in catalogue.denominator


def test_official_list_names_itself_as_denominator() -> None:
    official = [Certificate(name="Basis voor deskundige zorg", code="C0054", parent_crebo="25656",
                            status="officieel (lijst.csv)")]
    catalogue = build_catalogue(official, SEEN, KEYS.get)
    assert catalogue.by_key()["C0054"].origins == (OFFICIAL, DOCUMENTS)
    assert catalogue.has_official_list and catalogue.denominator.startswith("certificaten de geïmporteerde officiële")


def test_find_by_code_then_by_name() -> None:
    catalogue = build_catalogue([], SEEN, KEYS.get)
    coded = catalogue.find("Certificaat zorg", "Dit is mbo-certificaat C0103 van de kwalificatie.")
    assert coded is not None and coded.key == "C0103"
    named = catalogue.find("Mbo-certificaat Basis voor deskundige zorg (deeltijd)")
    assert named is not None and named.key == "C0054"
    assert catalogue.find("Basis voor zorg") is None


def test_real_catalogue(reference_dir: Path) -> None:
    ref = load_reference(reference_dir, lexicon=None)
    catalogue = ref.certificate_catalogue()
    by_key = catalogue.by_key()
    assert len([c for c in catalogue.certificates if DOCUMENTS in c.origins]) >= 30
    assert by_key["C0054"].name == "Basis voor deskundige zorg" and "25491" in by_key["C0054"].parents
    assert by_key["C0141"].kerntaken == (("25473", "B1-K1"),)  # read from examenplan rows
    assert by_key["C0110"].name == "Afbouw timmeren"  # from a "Relevante mbo-certificaten:" list
    assert any(REFERENCE in c.origins for c in catalogue.certificates)
