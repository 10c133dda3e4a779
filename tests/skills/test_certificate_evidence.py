"""The certificate catalogue from evidence: codes and names as school documents state them, with parents."""

from __future__ import annotations

from pathlib import Path

from skills.reference import load_reference
from skills.reference.certificate_evidence import certificate_parts_in, certificates_in, seen_certificates
from skills.reference.documents import SchoolDocument


def test_named_certificates_across_broken_lines() -> None:
    text = ("Certificeerbare eenheden\n\nMbo-certificaat Creëren van een optimale woon- en leefomgeving voor de\n\n"
            "zorgvrager (C0052)\n| Mbo-certificaat  Ondersteuning thuis (C0165) |\nExamencode C2025-2026 (C2025)")
    assert certificates_in(text) == [("C0052", "Creëren van een optimale woon- en leefomgeving voor de zorgvrager"),
                                     ("C0165", "Ondersteuning thuis")]


def test_catalogue_keeps_parents_and_sources(tmp_path: Path) -> None:
    docs = []
    for name, crebo, text in (("a.md", "25656", "Mbo-certificaat Basis voor deskundige zorg (C0054)"),
                              ("b.md", "25656", "mbo-certificaat Basis voor deskundige zorg (C0054)"),
                              ("c.md", "", "Mbo-certificaat Basis deskundige zorg (C0054)")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        docs.append(SchoolDocument(school="s", path=tmp_path / name, relative=f"s/{name}", crebo=crebo))
    (seen,) = seen_certificates(docs, {"25656": "25491"}.get).values()
    assert (seen.code, seen.name, seen.parents) == ("C0054", "Basis voor deskundige zorg", ("25491",))
    assert seen.sources == ("s/a.md", "s/b.md", "s/c.md")


def test_real_documents(reference_dir: Path) -> None:
    ref = load_reference(reference_dir, lexicon=None)
    catalogue = seen_certificates(ref.documents, ref.qualification_key)
    assert len(catalogue) >= 30 and all(c.parents for c in catalogue.values())
    assert catalogue["C0054"].name == "Basis voor deskundige zorg" and catalogue["C0054"].parents == ("25491",)


def test_examenplan_rows_give_code_and_kerntaak() -> None:
    text = ("1. 25920- P2-K1 Verricht comme rciële werkza amhed en W2: Onderd eel van mbo- certifica at C0017 P2-K1- W1:\n"
            "25779 B1-K1- W4 Onderd eel van mbo- certifica ten: C0094, C0103 riseert")
    assert certificate_parts_in(text) == [("C0017", "P2-K1"), ("C0094", "B1-K1"), ("C0103", "B1-K1")]
    listed = "Relevante MBO certificaten: C0110 Afbouw timmeren C0120 Ruwbouw timmeren Je ontvangt een diploma."
    assert certificates_in(listed) == [("C0110", "Afbouw timmeren"), ("C0120", "Ruwbouw timmeren")]
