"""crawler.extract.prose: page-level facts stated in running text."""

from __future__ import annotations

from crawler.extract import prose as pr
from crawler.extract.document import from_text
from skills.model import Leerweg


def test_level_outside_requirement_and_fee_context() -> None:
    doc = from_text("Toelating: een diploma op niveau 2.\nVoor niveau 1 en 2 is het lesgeld € 250.\n"
                    "Deze opleiding is op niveau 3.", "https://s.example/kok")
    assert pr.prose_niveau(doc) == 3


def test_leerwegen_in_a_sentence() -> None:
    assert pr.leerwegen_in_sentence("Je kiest de BOL of de BOL-deeltijd.") == [Leerweg.BOL, Leerweg.DEELTIJD]
    assert pr.leerwegen_in_sentence("Een deeltijdopleiding van één avond per week.") == []
    assert pr.leerwegen_in_sentence("Voor een BBL-opleiding is het cursusgeld € 250.") == []
    assert pr.leerwegen_in_sentence("De praktijkleerroute past bij jou.") == [Leerweg.BOL]


def test_price_with_its_note_and_duration_and_start_dates() -> None:
    doc = from_text("De opleiding duurt 2 jaar.\nDe kosten zijn € 1.250,- per jaar, excl. btw.\n"
                    "Je start op 1 september 2027.\nOpen dag op 3 maart 2027.", "https://s.example/kok")
    assert pr.prose_price(doc) == (1250.0, "per jaar, excl. btw")
    assert pr.prose_duration(doc) == "2 jaar"
    assert [d.isoformat() for d in pr.prose_start_dates(doc)] == ["2027-09-01"]


def test_prose_records_need_two_facts_in_one_paragraph() -> None:
    doc = from_text("Kok\nDe opleiding tot kok volg je in de BBL op niveau 2 en duurt 2 jaar.\n"
                    "Je leert koken in een echte keuken.", "https://s.example/kok")
    records = pr.prose_records(doc)
    assert len(records) == 1 and records[0]["leerweg"] == "BBL" and records[0]["duur"] == "2 jaar"
