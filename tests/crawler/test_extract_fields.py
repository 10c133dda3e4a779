"""Dutch field parsers: leerweg, niveau, crebo, price, duration, dates, target groups."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract import dates as date_parsing
from crawler.extract import fields as f
from skills.model import Leerweg, OfferingType, TargetGroup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BBL", [Leerweg.BBL]),
        ("BOL en BOL-volwassenen", [Leerweg.BOL, Leerweg.DEELTIJD]),
        ("deeltijd (volwassenen)", [Leerweg.DEELTIJD]),
        ("Derde leerweg (maatwerk voor volwassenen)", [Leerweg.DERDE_LEERWEG]),
        ("werken en leren (BBL)", [Leerweg.BBL]),
        ("Beroepsopleidende leerweg (BOL)", [Leerweg.BOL]),
        ("vmbo gemengde leerweg", []),
    ],
)
def test_parse_leerwegen(text: str, expected: list[Leerweg]) -> None:
    assert f.parse_leerwegen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Niveau Niveau 2", 2), ("mbo 3", 3), ("MBO-niveau 4", 4), ("Entree", 1), ("niveau 1 (Entree)", 1),
     ("2", 2), ("onbekend", None)],
)
def test_parse_niveau(text: str, expected: int | None) -> None:
    assert f.parse_niveau(text) == expected


def test_crebo_as_printed_including_legacy_codes() -> None:
    assert f.parse_crebo("25656") == "25656"
    assert f.parse_crebo("crebo 97798") == "97798"
    assert f.parse_crebo("tel 0900 8 996 996") is None
    assert f.CREBO_IN_TEXT.search("de opleiding (crebonummer: 10432) is").group(1) == "10432"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Scholingskosten € 1.695,00 per opleidingsjaar", 1695.0), ("€ 1137,- per jaar", 1137.0),
     ("EUR 505,00 per jaar", 505.0), ("€320,00**", 320.0), ("gratis", 0.0), ("zie kostenpagina", None)],
)
def test_parse_price(text: str, expected: float | None) -> None:
    assert f.parse_price(text) == expected


def test_parse_duration_text_and_iso() -> None:
    assert f.parse_duration("1,5 jaar (individueel)") == "1,5 jaar"
    assert f.parse_duration("in 15 maanden (52 lesweken)") == "15 maanden"
    assert f.parse_duration("P18M") == "18 maanden"
    assert f.parse_duration("P2Y") == "2 jaar"
    assert f.parse_duration("flexibel") is None


def test_parse_dates_dutch() -> None:
    assert f.parse_dates("1 september 2027 en 8 februari 2028") == [date(2027, 9, 1), date(2028, 2, 8)]
    assert f.parse_dates("februari 2027") == [date(2027, 2, 1)]
    assert f.parse_dates("Lelystad nader te bepalen") == []
    assert f.OPEN_DAY.search("Open dag: zaterdag 14 november 2026")


def test_target_groups_and_type() -> None:
    assert f.parse_target_groups("werkenden, werkzoekenden en zij-instromers") == [
        TargetGroup.WERKENDEN, TargetGroup.WERKZOEKENDEN, TargetGroup.ZIJ_INSTROMERS]
    assert f.parse_offering_type("mbo-certificaat") == OfferingType.MBO_CERTIFICAAT
    assert f.parse_offering_type("cursus (geen mbo-opleiding)") == OfferingType.NON_MBO
    assert f.parse_locations("Lelystad, Online/zelfstudie") == ["Lelystad", "Online/zelfstudie"]


def test_plain_dates_read_as_dateparser_reads_them() -> None:
    """The fast path for plain dates agrees with dateparser on every form it answers (the rest it leaves
    to dateparser: day 0, 31 februari, month 25 (read month-first), "sept")."""
    import dateparser

    snippets = [f"{d} {m} {y}" for d in (1, 9, 28, 31) for m in ("januari", "feb", "Mrt", "mei", "SEPTEMBER", "dec.")
                for y in (1999, 2027)]
    snippets += [f"{m} 2027" for m in ("jan", "maart", "juni", "okt", "november")]
    snippets += [f"{d}{sep}{m}{sep}2028" for d in ("1", "01", "29", "31") for m in ("2", "02", "9", "12")
                 for sep in "-/."]
    snippets += ["2027-09-01", "2028-02-29", "00 september 2027", "31 februari 2027", "12-25-2027", "sept 2027"]
    for snippet in snippets:
        parsed = dateparser.parse(snippet, languages=["nl"], settings=date_parsing._DATE_SETTINGS)
        assert f.parse_dates(snippet) == ([parsed.date()] if parsed else []), snippet
        fast = date_parsing._fast_date(snippet)
        assert fast is None or fast == parsed.date(), snippet


@pytest.mark.parametrize(("text", "expected"), [
    ("€ 1.695,00 per opleidingsjaar", "per opleidingsjaar"),
    ("Kosten: € 1.250,- excl. btw, incl. lesmateriaal", "excl. btw, incl. lesmateriaal"),
    ("Ter indicatie: € 588,-. Daarna betaal je per maand.", "ter indicatie"),
    ("€ 320 per persoon (vrijgesteld van btw)", "per persoon, vrijgesteld van btw"),
    ("€ 99 incl. 21% btw", "incl. 21% btw"),
    ("€ 50", ""),
    ("Gratis", ""),
])
def test_price_note_keeps_unit_and_qualifiers(text: str, expected: str) -> None:
    assert f.parse_price_note(text) == expected
