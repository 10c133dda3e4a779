"""crawler.extract.classify: page kinds from URL, title, category lines and evidence."""

from __future__ import annotations

from crawler.extract import classify as c
from crawler.extract.document import from_text


def test_url_kinds() -> None:
    assert c.url_kind("https://s.example/werkenbijons/leren/opleiding-x") == "vacancy"
    assert c.url_kind("https://s.example/werken-bij/vacatures") == "vacancy"
    assert c.url_kind("https://s.example/examens") == "info"
    assert c.url_kind("https://s.example/opleidingen?page=2") == "listing"
    assert c.url_kind("https://s.example/opleidingen/kok") is None
    assert c.url_kind("https://s.example/opleidingen/kostendeskundige") is None


def test_title_kinds() -> None:
    assert c.title_kind("Derde leerweg") == "info"
    assert c.title_kind("Wat is de BBL?") == "info"
    assert c.title_kind("Veelgestelde vragen") == "info"
    assert c.title_kind("Praktijkverklaring") is None
    assert c.title_kind("Kok BBL niveau 2") is None


def test_article_category_line_marks_news() -> None:
    doc = from_text("Artikel Instroom\nVerkorte opleiding\nDeze opleiding is kort.", "https://s.example/x/y")
    doc.title = "Verkorte opleiding"
    assert c.classify(doc, n_fields=1, n_records=1, has_course=False, listed_courses=0, crebo_in_text=False) == "news"


def test_evidence_score_decides_between_offering_and_info() -> None:
    thin = from_text("Welkom\nWij zijn een school.", "https://s.example/over")
    assert c.classify(thin, n_fields=0, n_records=0, has_course=False, listed_courses=0,
                      crebo_in_text=False) == "info"
    course = from_text("Heftruck\nNa de theorie doe je het examen. Het examen heeft een theorietoets en een "
                       "praktijktoets. Zo kun je het heftruckcertificaat halen.", "https://s.example/heftruck")
    course.title = "Heftruck"
    assert c.classify(course, n_fields=0, n_records=0, has_course=False, listed_courses=0,
                      crebo_in_text=False) == "offering"
