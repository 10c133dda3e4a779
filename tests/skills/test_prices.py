"""Prices keep their unit and qualifiers; a missing price says so."""

from __future__ import annotations

from skills.prices import format_price, price_qualifiers


def test_unit_and_vat_are_read_back_from_the_page() -> None:
    assert format_price(525.0, "Lesgeld: € 525,- per jaar. Boeken apart.") == "€ 525 per jaar"
    assert format_price(1250.0, "Kosten €1.250 excl. btw per deelnemer") == "€ 1.250 excl. btw"
    assert format_price(1250.5, "EUR 1.250,50 per opleidingsjaar, inclusief btw") == "€ 1.250,50 per jaar incl. btw"
    assert price_qualifiers("Prijs € 300. Per jaar starten twee groepen.", 300.0) == []  # next sentence


def test_missing_and_free() -> None:
    assert format_price(None) == "prijs onbekend"
    assert format_price(0.0, "gratis") == "gratis"
    assert format_price(300.0, "") == "€ 300"
