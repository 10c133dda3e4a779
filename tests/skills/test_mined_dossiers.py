"""Kerntaken and werkprocessen mined from school documents, filed through the lineage, with their sources."""

from __future__ import annotations

from pathlib import Path

from skills.reference import load_reference
from skills.reference.documents import SchoolDocument
from skills.reference.mined_dossiers import mine_dossiers
from tests.skills.reference_helpers import MINI


def test_codes_with_titles_become_kerntaken_of_the_lineage_qualification() -> None:
    ref = load_reference(MINI)
    mined = ref.mined_dossiers()
    assert set(mined) == {"25486"}  # the document is filed under 25901, which the lineage links to 25486
    (kerntaak,) = mined["25486"].kerntaken
    assert (kerntaak.code, kerntaak.name) == ("B1-K1", "Begeleiden van kinderen")
    assert [(w.code, w.name) for w in kerntaak.werkprocessen] == [("B1-K1-W1", "Stemt de begeleiding af")]
    assert mined["25486"].sources == ("school_a/25901_BOL_2025__oer-kinderopvang.md",)


def test_most_often_written_title_wins_and_cut_off_titles_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "25901_BOL_2025__examenplan.md"
    path.write_text("B1-K1-W1 Voert\nB1-K1-W1: Voert de zorg uit\nB1-K1-W1 Voert de zorg uit Proeve van B1-K1-W1\n"
                    "B1-K1-W2 Voert de zorg uit en nog meer\nB1-K1-W10 Werkt samen met collega's\n", encoding="utf-8")
    doc = SchoolDocument(school="s", path=path, relative="s/" + path.name, crebo="25901")
    mined = mine_dossiers([doc], {"25901": "25486"}.get)
    werkprocessen = mined["25486"].kerntaken[0].werkprocessen
    assert [(w.code, w.name) for w in werkprocessen] == [
        ("B1-K1-W1", "Voert de zorg uit"), ("B1-K1-W2", "Voert de zorg uit en nog meer"),
        ("B1-K1-W10", "Werkt samen met collega's")]
    assert mined["25486"].kerntaken[0].name == ""  # no title for the kerntaak itself in this text


def test_a_title_wrapped_onto_the_next_line_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "25901_BBL_2025__oer.md"
    path.write_text("B1-K1-W8 Rekent de bestelling(en) af en neemt\n\nafscheid\n\nB1-K1-W9 Voert afrondende werkzaamheden uit\n"
                    "\nProfieldeel beroepsgericht\n\nB1-K1-W10 Werkt met de kassa\n\nen nog veel meer woorden dan zes hier\n",
                    encoding="utf-8")
    doc = SchoolDocument(school="s", path=path, relative="s/" + path.name, crebo="25901")
    werkprocessen = mine_dossiers([doc], {"25901": "25486"}.get)["25486"].kerntaken[0].werkprocessen
    assert [(w.code, w.name) for w in werkprocessen] == [
        ("B1-K1-W8", "Rekent de bestelling(en) af en neemt afscheid"),
        ("B1-K1-W9", "Voert afrondende werkzaamheden uit"),  # the next line starts in upper case: a heading
        ("B1-K1-W10", "Werkt met de kassa")]  # a long lower-case line is text, not the title's end
