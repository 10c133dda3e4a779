"""Crebo codes in running text (crawler/extract/crebos.py)."""

from __future__ import annotations

from crawler.extract.crebos import prose_crebos
from crawler.extract.document import from_text


def test_crebos_with_the_word_and_beside_the_name() -> None:
    doc = from_text("Kok\nCrebonummer: 25180\n25181, Zelfstandig werkend kok\n25999 Studenten gingen je voor",
                    "https://s.example/opleidingen/zelfstandig-werkend-kok")
    assert prose_crebos(doc) == ["25180", "25181"]


def test_a_code_beside_an_unrelated_name_is_not_a_crebo() -> None:
    doc = from_text("Verzorgende IG\n30412 Tegels en badkamers\nMeer informatie volgt.",
                    "https://s.example/opleidingen/verzorgende-ig")
    assert prose_crebos(doc) == []
