"""The everyday-language lexicon: the shipped file is complete and well-formed, bad files are refused with
file and line, and its words reach the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skills.errors import ReferenceDataError
from skills.lexicon import BUILTIN_LEXICON, load_lexicon, resolve_lexicon
from skills.reference import load_reference
from skills.text import analyze
from skills.vocabulary import build_vocabulary


def _write(tmp_path: Path, *records: object) -> Path:
    path = tmp_path / "lexicon.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", "utf-8")
    return path


GOOD = {"crebo": "25290", "name": "Basislasser", "beroepen": ["lasser"], "taken": ["lassen", "metaal lassen"],
        "werkplekken": ["constructiebedrijf"], "middelen": ["lasapparaat"]}


def test_builtin_lexicon_covers_every_current_qualification(reference_dir: Path) -> None:
    ref = load_reference(reference_dir)
    assert set(ref.lexicon) == set(ref.qualifications)
    for entry in ref.lexicon.values():
        assert entry.beroepen and len(entry.taken) >= 5, entry.crebo
        assert entry.name == ref.qualifications[entry.crebo].name
        assert all(t == t.strip() and t for _kind, t in entry.terms())


def test_resolve_lexicon_setting() -> None:
    assert resolve_lexicon("builtin") == BUILTIN_LEXICON
    assert resolve_lexicon("none") is None
    assert resolve_lexicon("") is None
    assert resolve_lexicon("/x/own.jsonl") == Path("/x/own.jsonl")


def test_load_keeps_order_dedupes_and_skips_unknown_crebos(tmp_path: Path) -> None:
    other = dict(GOOD, crebo="99999", name="Onbekend")
    doubled = dict(GOOD, taken=["lassen", "lassen", "  metaal   lassen "])
    entries = load_lexicon(_write(tmp_path, doubled, other), current={"25290": "Basislasser"})
    assert list(entries) == ["25290"]
    assert entries["25290"].taken == ("lassen", "metaal lassen")
    # A term listed under two fields counts once, under the first.
    assert [k for k, _ in entries["25290"].terms()] == ["beroepen", "taken", "taken", "werkplekken", "middelen"]


def test_renumbered_qualification_keeps_its_words(tmp_path: Path) -> None:
    # The reference data renumbered Basislasser 25290 → 26001: the record follows the exact name.
    entries = load_lexicon(_write(tmp_path, GOOD, dict(GOOD, crebo="25111", name="Weg")),
                           current={"26001": "basislasser", "25287": "Allround lasser"})
    assert list(entries) == ["26001"] and entries["26001"].taken == ("lassen", "metaal lassen")


@pytest.mark.parametrize(("record", "problem"), [
    ("{not json", "not valid JSON"),
    ('["a list"]', "must be a JSON object"),
    (dict(GOOD, crebo="2529"), "five digits"),
    (dict(GOOD, skills=["x"]), "unknown key(s) skills"),
    (dict(GOOD, taken="lassen"), "taken must be a list"),
    (dict(GOOD, middelen=["ok", " "]), "middelen must be a list of non-empty strings"),
    (dict(GOOD, beroepen=["x" * 81]), "longer than 80"),
])
def test_bad_records_name_file_and_line(tmp_path: Path, record: object, problem: str) -> None:
    path = _write(tmp_path, GOOD | {"crebo": "25287"}, record)
    with pytest.raises(ReferenceDataError) as err:
        load_lexicon(path)
    assert f"{path}:2:" in str(err.value) and problem in str(err.value)
    assert err.value.problems == [(str(path), 2, str(err.value).split(":2: ", 1)[1])]


def test_duplicate_crebo_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r":2: crebo 25290 occurs twice"):
        load_lexicon(_write(tmp_path, GOOD, GOOD))
    with pytest.raises(ReferenceDataError, match="not found"):
        load_lexicon(tmp_path / "missing.jsonl")


def test_vocabulary_links_lexicon_terms_with_source_and_evidence(reference_dir: Path, tmp_path: Path) -> None:
    ref = load_reference(reference_dir, lexicon=_write(tmp_path, GOOD, dict(GOOD, crebo="25287",
                                                                            name="Allround lasser")))
    vocab = build_vocabulary(ref)
    concept = vocab.concept("lex:metaal lassen")
    assert concept.source == "everyday-lexicon" and concept.crebos == ("25287", "25290")
    links = [lk for lk in vocab.links_for("25290") if lk.source == "llo-lexicon"]
    assert {lk.concept_id for lk in links} == {"lex:lasser", "lex:lassen", "lex:metaal lassen",
                                              "lex:constructiebedrijf", "lex:lasapparaat"}
    assert any("alledaagse taak 'lassen' bij Basislasser" in lk.evidence for lk in links)
    # The search document carries the everyday words; the mapper's official text does not.
    assert "constructiebedrijf" in vocab.qualification_text("25290")
    assert "constructiebedrijf" not in vocab.qualification_text("25290", everyday=False)


def test_without_lexicon_nothing_changes(reference_dir: Path) -> None:
    ref = load_reference(reference_dir, lexicon=None)
    vocab = build_vocabulary(ref)
    assert ref.lexicon == {}
    assert not [c for c in vocab.concepts if c.source == "everyday-lexicon"]
    assert vocab.qualification_text("25290") == vocab.qualification_text("25290", everyday=False)


def test_builtin_lexicon_adds_words_the_official_texts_lack(reference_dir: Path) -> None:
    """The point of the lexicon: for most qualifications it contributes words (stems) that neither the
    name, the dossier texts nor the linked ESCO occupations contain."""
    vocab = build_vocabulary(load_reference(reference_dir))
    gains = []
    for crebo, entry in vocab.lexicon.items():
        official = set(analyze(vocab.qualification_text(crebo, everyday=False)))
        new = {s for _k, t in entry.terms() for s in analyze(t)} - official
        gains.append(len(new))
    assert len(gains) == len(vocab.qualifications)
    assert sum(1 for g in gains if g >= 5) / len(gains) > 0.9


def test_own_record_wins_over_a_renumbered_predecessor_in_any_order(tmp_path: Path) -> None:
    old, new = dict(GOOD, taken=["oud"]), dict(GOOD, crebo="26001", taken=["nieuw"])
    for records in ((old, new), (new, old)):
        entries = load_lexicon(_write(tmp_path, *records), current={"26001": "Basislasser"})
        assert list(entries) == ["26001"] and entries["26001"].taken == ("nieuw",)


def test_a_term_listed_as_job_title_anywhere_is_a_job_title(reference_dir: Path, tmp_path: Path) -> None:
    # "stripper" is a task word for one qualification and a job title for another: it stays a name.
    a = dict(GOOD, beroepen=["lasser"], taken=["stripper"])
    b = dict(GOOD, crebo="25287", name="Allround lasser", beroepen=["stripper"], taken=["lassen"])
    vocab = build_vocabulary(load_reference(reference_dir, lexicon=_write(tmp_path, a, b)))
    assert vocab.concept("lex:stripper").description == "beroep"
    assert vocab.concept("lex:lassen").description == "taak"
