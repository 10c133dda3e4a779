"""crawler.extract.heuristics: labels, labelled pairs, records and label tables."""

from __future__ import annotations

from crawler.extract import heuristics as h
from crawler.extract.document import Document, Line, from_text


def _doc(*lines: str) -> Document:
    return from_text("\n".join(lines), "https://school.example/opleidingen/kok")


def test_match_label_returns_field_separator_and_rest() -> None:
    assert h.match_label("Leerweg: BBL") == ("leerweg", ":", "BBL")
    assert h.match_label("• Crebo nr. 25180") == ("crebo", "", "25180")
    assert h.match_label("Opleidingsoort") == ("leerweg", "", "")
    assert h.match_label("Kinderen begeleiden") is None


def test_pairs_take_the_value_from_the_same_or_the_next_line() -> None:
    pairs = h.find_pairs(_doc("Niveau", ":", "3", "Leerweg | BBL", "Kosten: op aanvraag", "Duur", "2 jaar"))
    assert [(f, v) for f, v, _ in pairs] == [("niveau", "3"), ("leerweg", "BBL"), ("kosten", "op aanvraag"),
                                              ("duur", "2 jaar")]


def test_a_long_sentence_starting_with_a_label_word_is_no_pair() -> None:
    sentence = ("Niveau is belangrijk voor iedereen die later wil doorstromen naar een vervolgopleiding in het hbo "
                "of naar een baan in de zorg.")
    assert h.find_pairs(_doc(sentence, "Leerweg BBL")) == [("leerweg", "BBL", "")]


def test_invalid_values_are_skipped() -> None:
    assert h.find_pairs(_doc("Niveau", "Niveau -", "Leerweg", "", "Kosten", "neem contact op")) == []


def test_a_repeated_label_starts_a_new_record_but_start_dates_accumulate() -> None:
    pairs = [("leerweg", "BOL", ""), ("start", "1 september 2027", ""), ("start", "1 februari 2028", ""),
             ("leerweg", "BBL", ""), ("start", "1 september 2027", "")]
    records = h.records_from_pairs(pairs)
    assert [(r["leerweg"], r["start"]) for r in records] == [
        ("BOL", "1 september 2027 ;; 1 februari 2028"), ("BBL", "1 september 2027")]


def test_a_summary_shown_twice_is_one_record() -> None:
    pairs = [("niveau", "Niveau 2", ""), ("leerweg", "BBL", ""), ("niveau", "2", ""), ("leerweg", "bbl", "")]
    assert len(h.records_from_pairs(pairs)) == 1


def test_label_tables_by_header_row_and_by_first_column() -> None:
    by_row = Document(url="https://s.example/x", lines=[Line("x")], tables=[
        [["Leerweg", "Niveau", "Startdatum"], ["BOL", "3", "1 september 2027"], ["BBL", "3", "1 februari 2028"]]])
    assert [r["leerweg"] for r in h.table_records(by_row)] == ["BOL", "BBL"]
    by_col = Document(url="https://s.example/x", lines=[Line("x")], tables=[
        [["Leerweg", "BOL", "BBL"], ["Niveau", "4", "4"], ["Kosten", "€ 1.200", "€ 600"]]])
    assert [(r["leerweg"], r["kosten"]) for r in h.table_records(by_col)] == [("BOL", "€ 1.200"), ("BBL", "€ 600")]
