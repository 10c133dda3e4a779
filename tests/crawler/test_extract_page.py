"""extract_page on small hand-written pages in every site style, and its failure modes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crawler.extract import PageResult, extract_page
from skills.errors import ExtractionError
from skills.model import Leerweg, OfferingType, TargetGroup


def _page(body: str, title: str = "Pagina", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{title} | ROC Testland</title>"
            f"{head}</head><body><header><nav><a href='/'>Home</a> BBL BOL niveau 4</nav></header>"
            f"<main>{body}</main><footer>ROC Testland · <a href='/contact'>Contact</a></footer></body></html>")


KORT = _page("""
<h1>Helpende zorg &amp; welzijn</h1>
<section class="in-het-kort"><h2>In het kort</h2>
<div class="item"><div class="label">Leerweg</div><div class="value">BBL</div></div>
<div class="item"><div class="label">Niveau</div><div class="value">Niveau 2</div></div>
<div class="item"><div class="label">Crebo</div><div class="value">25498</div></div>
<div class="item"><div class="label">Duur</div><div class="value">2 jaar</div></div>
<div class="item"><div class="label">Locatie</div><div class="value">Maastricht, Heerlen</div></div>
<div class="item"><div class="label">Startdatum</div><div class="value">1 september 2027</div></div>
<div class="item"><div class="label">Kosten</div><div class="value">€ 1.250,- per jaar</div></div>
</section>
<h2>Wat ga je doen?</h2><p>Je ondersteunt mensen bij persoonlijke verzorging. Toelating: een afgeronde
mbo-opleiding niveau 1.</p>
<aside class="open-dag"><h3>Kom kennismaken!</h3><p>Open dag: zaterdag 14 november 2026.</p></aside>
""", "Helpende zorg en welzijn")


def test_kort_block_with_duplicated_label() -> None:
    result = extract_page(KORT, "https://www.roc-testland.nl/opleidingen/helpende-zorg-welzijn")
    assert result.is_offering and result.page_type == "offering"
    (o,) = result.offerings
    assert o.title == "Helpende zorg & welzijn"
    assert o.provider == "ROC Testland"
    assert (o.crebo_stated, o.niveau, o.leerwegen) == ("25498", 2, [Leerweg.BBL])
    assert o.locations == ["Maastricht", "Heerlen"]
    assert o.duration == "2 jaar" and o.price_eur == 1250.0
    assert o.start_dates == [date(2027, 9, 1)]  # the open day is not a start date
    assert o.url == "https://www.roc-testland.nl/opleidingen/helpende-zorg-welzijn"
    assert o.slot and len(o.content_hash) == 40 and "persoonlijke verzorging" in o.description


def test_two_leerweg_table_gives_two_offerings() -> None:
    html = _page("""<h1>Verzorgende IG</h1>
<table><thead><tr><th>Variant</th><th>Leerweg</th><th>Niveau</th><th>Crebo</th><th>Duur</th><th>Kosten</th></tr></thead>
<tbody><tr><td>Dagopleiding</td><td>BOL</td><td>3</td><td>25491</td><td>3 jaar</td><td>-</td></tr>
<tr><td>Werken en leren</td><td>BBL</td><td>3</td><td>25491</td><td>2 jaar</td><td>€ 573,-</td></tr></tbody></table>
<h2>Over de opleiding</h2><p>Je verzorgt cliënten in de ouderenzorg.</p>""")
    result = extract_page(html, "https://roc.example.nl/opleidingen/verzorgende-ig")
    assert [o.leerwegen for o in result.offerings] == [[Leerweg.BOL], [Leerweg.BBL]]
    assert [o.price_eur for o in result.offerings] == [None, 573.0]
    assert {o.crebo_stated for o in result.offerings} == {"25491"}
    assert len({o.slot for o in result.offerings}) == 2
    assert len({o.id for o in result.offerings}) == 2


def test_prose_only_page_with_two_qualifications() -> None:
    html = _page("""<article><h1>Kok en Zelfstandig werkend kok</h1>
<h2>Kok</h2><p>Met de opleiding Kok (crebo 25180) leer je het vak op niveau 2. Je volgt deze opleiding in de
BBL in Tilburg of Breda. De opleiding duurt 2 jaar. Je start op 1 februari 2027.</p>
<h2>Zelfstandig werkend kok</h2><p>Met de opleiding Zelfstandig werkend kok (crebo 25181) leer je het vak op
niveau 3. Je volgt deze opleiding in de BBL in Tilburg of Breda. De opleiding duurt 3 jaar.
De kosten bedragen € 480,- per jaar.</p>
<p>Twijfel je nog? Kom dan naar onze open dag op zaterdag 5 december 2026.</p></article>""")
    result = extract_page(html, "https://roc.example.nl/opleidingen/kok")
    titles = [o.title for o in result.offerings]
    assert titles == ["Kok", "Zelfstandig werkend kok"]
    kok, zwk = result.offerings
    assert (kok.crebo_stated, kok.niveau, kok.start_dates) == ("25180", 2, [date(2027, 2, 1)])
    assert (zwk.crebo_stated, zwk.niveau, zwk.price_eur, zwk.start_dates) == ("25181", 3, 480.0, [])
    assert kok.locations == ["Tilburg", "Breda"]


JSONLD = {
    "@context": "https://schema.org", "@type": "Course", "name": "Certificaat Basis voor deskundige zorg",
    "url": "/volwassenen/basiszorg",
    "provider": {"@type": "EducationalOrganization", "name": "Zorgacademie Test"},
    "identifier": {"@type": "PropertyValue", "propertyID": "crebo", "value": "25655"},
    "educationalLevel": "MBO niveau 3",
    "educationalCredentialAwarded": {"@type": "EducationalOccupationalCredential", "credentialCategory": "mbo-certificaat"},
    "audience": {"@type": "EducationalAudience", "audienceType": "werkenden, werkzoekenden"},
    "hasCourseInstance": [
        {"@type": "CourseInstance", "courseMode": "derde leerweg", "location": {"@type": "Place", "name": "Utrecht"},
         "courseWorkload": "6 maanden", "startDate": "2027-02-01",
         "offers": {"@type": "Offer", "price": "1450.00", "priceCurrency": "EUR"}},
        {"@type": "CourseInstance", "courseMode": "BBL", "location": {"@type": "Place", "name": "Utrecht"},
         "courseWorkload": "1 jaar", "startDate": "2027-09-01"},
    ],
}


def test_json_ld_course_split_per_course_mode() -> None:
    head = f'<script type="application/ld+json">{json.dumps(JSONLD)}</script>'
    html = _page("<h1>Certificaat Basis voor deskundige zorg</h1><p>Een erkend onderdeel van een mbo-opleiding.</p>",
                 head=head)
    result = extract_page(html, "https://zorg.example.nl/volwassenen/basiszorg")
    assert result.is_offering
    derde, bbl = result.offerings
    assert derde.leerwegen == [Leerweg.DERDE_LEERWEG] and bbl.leerwegen == [Leerweg.BBL]
    assert derde.offering_type == OfferingType.MBO_CERTIFICAAT
    assert (derde.crebo_stated, derde.niveau, derde.price_eur, derde.duration) == ("25655", 3, 1450.0, "6 maanden")
    assert derde.start_dates == [date(2027, 2, 1)] and bbl.start_dates == [date(2027, 9, 1)]
    assert derde.provider == "Zorgacademie Test"
    assert derde.target_group == [TargetGroup.WERKENDEN, TargetGroup.WERKZOEKENDEN]


def test_malformed_json_ld_falls_back_to_heuristics() -> None:
    head = '<script type="application/ld+json">{"@type": "Course", "name": "Kok",, }</script>'
    html = _page("<h1>Kok</h1><dl><dt>Niveau</dt><dd>2</dd><dt>Leerweg</dt><dd>BOL</dd></dl><p>Deze opleiding",
                 head=head)
    result = extract_page(html, "https://roc.example.nl/opleidingen/kok")
    assert result.is_offering and result.offerings[0].niveau == 2


def test_catalogue_feed_items_keep_their_own_url() -> None:
    feed = {"@context": "https://schema.org", "@graph": [
        {"@type": "Course", "name": "Kok", "url": "/opleidingen/kok", "educationalLevel": "MBO niveau 2",
         "hasCourseInstance": [{"@type": "CourseInstance", "courseMode": "BOL"}]},
        {"@type": "Course", "name": "VCA Basis", "url": "/cursussen/vca",
         "description": "Deze cursus is geen mbo-opleiding."}]}
    result = extract_page(json.dumps(feed).encode(), "https://roc.example.nl/api/opleidingen.json",
                          content_type="application/json", provider="ROC Test")
    assert result.page_type == "catalogue-feed"
    assert [o.url for o in result.offerings] == ["https://roc.example.nl/opleidingen/kok",
                                                 "https://roc.example.nl/cursussen/vca"]
    assert result.offerings[1].offering_type == OfferingType.NON_MBO
    assert result.offerings[0].provider == "ROC Test"


def test_catalogue_shell_hints_at_its_data_source() -> None:
    html = _page('<h1>Alle opleidingen</h1><div id="catalogus" data-src="/api/opleidingen.json">Laden…</div>')
    result = extract_page(html, "https://roc.example.nl/opleidingen")
    assert not result.is_offering and result.offerings == []
    assert result.links_hint == ["https://roc.example.nl/api/opleidingen.json"]


@pytest.mark.parametrize(
    ("url", "body", "page_type"),
    [
        ("https://roc.example.nl/kosten-en-lesgeld", "<h1>Kosten en lesgeld</h1><p>Lesgeld BOL: € 1.137,- per jaar. "
         "BBL niveau 1 en 2: € 236,-.</p><dl><dt>Kosten</dt><dd>€ 1.137,-</dd><dt>Niveau</dt><dd>2</dd></dl>", "costs"),
        ("https://roc.example.nl/nieuws/nieuwe-opleiding-kok", "<h1>Nieuwe opleiding Kok niveau 2</h1><p>BBL.</p>",
         "news"),
        ("https://roc.example.nl/vacatures/docent-zorg", "<h1>Docent zorg</h1><p>Niveau 4 opleiding.</p>", "vacancy"),
        ("https://roc.example.nl/open-dagen", "<h1>Open dagen</h1><p>Open dag op 14 november 2026.</p>", "open-day"),
        ("https://roc.example.nl/contact", "<h1>Contact</h1><p>Bel 0900-1234.</p>", "contact"),
    ],
)
def test_non_offering_pages_yield_nothing(url: str, body: str, page_type: str) -> None:
    result = extract_page(_page(body), url)
    assert (result.is_offering, result.page_type, result.offerings) == (False, page_type, [])


def test_listing_with_pagination() -> None:
    items = "".join(f'<li><a href="/opleidingen/opleiding-{i}">Opleiding {i}</a> niveau 2 · BBL</li>'
                    for i in range(12))
    html = _page(f'<h1>Opleidingen</h1><ul>{items}</ul><a rel="next" href="/opleidingen?page=2">Volgende</a>')
    result = extract_page(html, "https://roc.example.nl/opleidingen?page=1")
    assert result.page_type == "listing" and not result.is_offering


def test_plain_text_page_with_header() -> None:
    text = ("URL: https://www.roc.example.nl/volwassenen/verzorgende-ig-bbl\nSOURCE: saved copy\n----\n"
            "Volwassenen\n\nVerzorgende IG BBL\n\nCrebo 25656\n\nLeuk werk in de zorg. Deze opleiding is voor jou.\n"
            "Duur\n1,5 jaar\nNiveau\n3\nKosten\nScholingskosten € 1.695,00 per opleidingsjaar\n")
    result = extract_page(text, "", content_type="text/plain")
    (o,) = result.offerings
    assert o.title == "Verzorgende IG BBL"
    assert (o.crebo_stated, o.niveau, o.leerwegen, o.price_eur) == ("25656", 3, [Leerweg.BBL], 1695.0)
    assert o.url == "https://www.roc.example.nl/volwassenen/verzorgende-ig-bbl"


def test_broken_html_and_charset_degrade_gracefully() -> None:
    body = "<html><body><main><h1>Kok</h1><div><p>Deze opleiding<dl><dt>Niveau<dd>2<dt>Leerweg<dd>BBL</table></p>".encode("cp1252")
    result = extract_page(body + " caf\xe9".encode("cp1252"), "https://roc.example.nl/opleidingen/kok",
                          content_type="text/html; charset=windows-1252")
    assert isinstance(result, PageResult)
    assert result.offerings and result.offerings[0].niveau == 2


@pytest.mark.parametrize("body", [b"%PDF-1.7\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4])
def test_binary_body_raises(body: bytes) -> None:
    with pytest.raises(ExtractionError):
        extract_page(body, "https://roc.example.nl/brochure.pdf", content_type="application/pdf")


def test_content_hash_changes_with_content_and_slot_is_stable() -> None:
    url = "https://www.roc-testland.nl/opleidingen/helpende-zorg-welzijn"
    a = extract_page(KORT, url).offerings[0]
    b = extract_page(KORT.replace("2 jaar", "3 jaar"), url).offerings[0]
    assert a.slot == b.slot and a.id == b.id and a.content_hash != b.content_hash
