from __future__ import annotations

from pathlib import Path

import pytest

from skills.errors import NotFoundError
from skills.reference import ReferenceData, load_reference
from skills.vocabulary import Vocabulary, build_vocabulary, lexicon_texts
from skills.vocabulary_coverage import coverage


@pytest.fixture(scope="module")
def ref(reference_dir: Path) -> ReferenceData:
    return load_reference(reference_dir)


@pytest.fixture(scope="module")
def vocab(ref: ReferenceData) -> Vocabulary:
    return build_vocabulary(ref)


def test_build_is_deterministic(ref: ReferenceData, vocab: Vocabulary) -> None:
    # Its speed is a benchmark figure (bench/index_bench.py), not a unit-test assertion.
    again = build_vocabulary(ref)
    assert [c.id for c in again.concepts] == [c.id for c in vocab.concepts]
    assert again.links == vocab.links


def test_every_link_has_a_source_and_evidence(vocab: Vocabulary) -> None:
    assert vocab.links
    assert all(lk.source and lk.evidence for lk in vocab.links)
    sources = {c.source for c in vocab.concepts}
    assert {"qualification", "kerntaak", "werkproces", "esco-occupation", "esco-skillgroup"} <= sources


def test_werkprocessen_linked_to_their_qualification(vocab: Vocabulary) -> None:
    concepts = vocab.for_crebo("25486")  # Pedagogisch medewerker kinderopvang (SBB XML dossier)
    assert concepts[0].id == "qual:25486"
    assert any(c.id.startswith("wp:") and c.id.endswith("B1-K1-W1") for c in concepts)
    assert "Inventariseert" in vocab.qualification_text("25486")


def test_qualification_without_werkprocessen_is_still_described(vocab: Vocabulary) -> None:
    text = vocab.qualification_text("25491")  # Verzorgende IG: no dossier data, ESCO links only
    assert "Verzorgende IG" in text and "verzorgende individuele gezondheidszorg" in text
    labels = [label for label, _ in vocab.occupations_for("25491")]
    assert labels and all(0 < s <= 1 for _, s in vocab.occupations_for("25491"))
    with pytest.raises(NotFoundError):
        vocab.qualification_text("99999")


def test_coverage_report(vocab: Vocabulary) -> None:
    report = coverage(vocab)
    counts = report.counts()
    assert counts["qualifications"] == len(vocab.qualifications)
    assert counts["werkprocessen"] + counts["occupations"] + counts["name-only"] == counts["qualifications"]
    missing = {r.crebo for r in report.without_werkprocessen()}
    assert "25491" in missing and "25486" not in missing
    assert all("naam" in r.findable_through for r in report.rows)
    # The shipped lexicon gives every qualification everyday words, whatever its dossier data.
    assert counts["with_lexicon"] == counts["qualifications"]
    assert all("alledaagse woorden" in r.findable_through and r.lexicon_terms > 0 for r in report.rows)


def test_lexicon_texts_cover_unlinked_concepts(vocab: Vocabulary) -> None:
    texts = set(lexicon_texts(vocab.concepts))
    unlinked = [c for c in vocab.concepts if not c.crebos]
    assert unlinked, "fixture should hold at least one concept linked to no qualification"
    for c in unlinked:
        assert c.label in texts
        assert set(c.alt_labels) <= texts
