"""extract_page on pages saved as plain text: the failure kinds seen on real school pages.

Every page here is written for the test (the real pages in shared/pages are third-party content and are
only read by test_extract_accuracy); each one isolates one rule.
"""

from __future__ import annotations

from crawler.extract import extract_page
from skills.model import Leerweg, OfferingType


def _text(body: str, url: str) -> str:
    return f"URL: {url}\nSOURCE: test page\n----\n{body.strip()}\n"


def _one(body: str, url: str):  # type: ignore[no-untyped-def]
    result = extract_page(_text(body, url), url, content_type="text/plain")
    assert result.is_offering, result.page_type
    assert len(result.offerings) == 1
    return result.offerings[0]


def test_colon_on_its_own_line_between_label_and_value() -> None:
    o = _one("""
Allround tegelzetter

Crebonummer

:12345

Niveau

:

3

Leerweg

:

BBL

Voor een BBL-opleiding op niveau 1 en 2 is het lesgeld € 250,- en voor niveau 3 en 4 € 600,-.
Je leert tegels zetten in badkamers en keukens. Deze opleiding duurt 2 jaar.
""", "https://www.school.example/mbo/bouw/allround_tegelzetter")
    assert (o.crebo_stated, o.niveau, o.leerwegen) == ("12345", 3, [Leerweg.BBL])


def test_statutory_fee_sentence_states_no_level() -> None:
    o = _one("""
Kapper

Je leert knippen, kleuren en klanten adviseren. Deze opleiding volg je in de bbl.
Voor een BBL-opleiding op niveau 1 en 2 is het cursusgeld € 250,- per schooljaar.
Meld je aan voor deze opleiding en kies je startmoment.
""", "https://www.school.example/opleidingen/kapper-bbl")
    assert o.niveau is None and o.leerwegen == [Leerweg.BBL]


def test_level_after_the_leerweg_in_a_subheading() -> None:
    o = _one("""
background

Doktersassistent

Als doktersassistent werk je in een huisartsenpraktijk en help je patiënten aan de balie en in de praktijk.

Doktersassistent BOL 4

De opleiding duurt drie jaar. Tijdens deze opleiding loop je stage bij een erkend leerbedrijf.
""", "https://www.school.example/dossier/assistenten/doktersassistent12")
    assert (o.title, o.niveau, o.leerwegen) == ("Doktersassistent", 4, [Leerweg.BOL])


def test_code_on_its_own_line_before_the_programme_name() -> None:
    o = _one("""
Jongerenwerker

BOL / Praktijkleerroute (BOL)

Als jongerenwerker organiseer je activiteiten in de wijk. Deze opleiding duurt 3 jaar.

98765, Jongerenwerker

Niveau 4
""", "https://www.school.example/opleidingen/jongerenwerker")
    assert (o.crebo_stated, o.niveau, o.leerwegen) == ("98765", 4, [Leerweg.BOL])


def test_unrelated_five_digit_number_is_no_crebo() -> None:
    o = _one("""
Fietstechnicus

Leerweg BBL
Niveau 2

12000 Studenten gingen je voor
""", "https://www.school.example/opleidingen/fietstechnicus")
    assert o.crebo_stated is None


def test_deeltijd_in_prose_is_a_timetable_not_a_leerweg() -> None:
    o = _one("""
MBO opleiding Klantenservicemedewerker

Deeltijd opleiding klantenservice |
MBO Niveau 3

De deeltijdopleiding tot klantenservicemedewerker is erkend door het ministerie van OCW (crebo 11111).
Start
september en februari
""", "https://www.school.example/opleidingen/klantenservice/")
    assert o.leerwegen == [] and o.niveau == 3 and o.title == "MBO opleiding Klantenservicemedewerker"


def test_bol_volwassenen_in_prose_is_deeltijd() -> None:
    o = _one("""
Pedagogisch medewerker niveau 3

Deze opleiding volg je in de BOL of in de BOL-volwassenen. Meld je aan voor deze opleiding.
""", "https://www.school.example/opleiding/pedagogisch-medewerker-niveau-3")
    assert o.leerwegen == [Leerweg.BOL, Leerweg.DEELTIJD]


def test_title_skips_breadcrumb_image_names_and_site_suffix() -> None:
    o = _one("""
Home Bedrijven opleiden Techniek Monteur 12345
monteur_header_1.jpg (1)

Monteur elektrotechniek Niveau 2

Leerweg
BBL
Crebo nr.
12345
""", "https://www.school.example/bedrijven-opleiden/techniek/monteur-elektrotechniek-12345")
    assert o.title == "Monteur elektrotechniek Niveau 2"
    o = _one("""
Verkoper (bbl) - Vakschool Voorbeeld

Verkoper (bbl)

Leerweg BBL
Niveau 2
""", "https://vakschoolvoorbeeld.example/bedrijfsopleiding-cursus/verkoper-bbl/")
    assert o.title == "Verkoper (bbl)"


def test_title_from_the_heading_zone_when_the_slug_says_something_else() -> None:
    o = _one("""
Vakopleiding | Dierenartsassistent paraveterinair

Dierenartsassistent paraveterinair
2-jarige opleiding

De opleiding Dierenartsassistent paraveterinair is een MBO-opleiding op niveau 4 met Crebo-nummer 22222
(Derde Leerweg) en voldoet aan de eisen gesteld in de wet.
""", "https://www.dierenschool.example/onze-opleidingen/vakopleidingen/iets-heel-anders")
    assert o.title == "Dierenartsassistent paraveterinair"
    assert (o.niveau, o.crebo_stated, o.leerwegen) == (4, "22222", [Leerweg.DERDE_LEERWEG])


def test_praktijkverklaring_route_page_is_an_offering() -> None:
    o = _one("""
Terug naar het overzicht

Algemeen • Praktijkverklaring

Praktijkverklaring

Deze leerbaan is bedoeld voor medewerkers zonder startkwalificatie. De medewerker ontvangt een
praktijkverklaring voor de geleerde werkprocessen.

Investering: op aanvraag
""", "https://www.roc.example/zakelijk/aanbod/cursussen-trainingen/praktijkverklaring/")
    assert o.title == "Praktijkverklaring" and o.offering_type is OfferingType.PRAKTIJKVERKLARING


def test_driving_school_course_without_headings_is_a_non_mbo_offering() -> None:
    result = extract_page(_text("""
Wilt u heftruckchauffeur worden, dan moet u het heftruckcertificaat halen. Na de theorie volgt een examen.

Het examen bestaat uit een theorietoets en een praktijktoets op ons terrein.

De praktijktoets duurt een dagdeel; de toets wordt afgenomen door een onafhankelijke examinator.
""", "https://rijschool.example/heftruckcertificaat/"), "https://rijschool.example/heftruckcertificaat/",
        content_type="text/plain")
    assert result.is_offering
    assert result.offerings[0].offering_type is OfferingType.NON_MBO
    assert result.offerings[0].title == "Heftruckcertificaat"


def test_recruitment_article_and_explainer_pages_offer_nothing() -> None:
    recruitment = """
Doorgaan naar hoofdinhoud

Mbo-verpleegkundige

Dan biedt een BBL-opleidingsplaats in ons ziekenhuis jou de kans. De opleiding duurt 4 jaar.
Je leert het vak in de praktijk. Solliciteer direct.
"""
    url = "https://www.ziekenhuis.example/werkenbijziekenhuis/leren/opleiding-tot-mbo-verpleegkundige"
    assert extract_page(_text(recruitment, url), url, content_type="text/plain").page_type == "vacancy"
    article = """
Icon Arrow Icon Close
Artikel Instroom

Verkorte opleiding, werken & leren

Er bestaan verkorte opleidingen voor pedagogisch medewerker niveau 3, in de vorm van werken en leren.
"""
    url = "https://www.branche.example/werkgevers/verkorte-opleiding-werken-leren"
    assert not extract_page(_text(article, url), url, content_type="text/plain").is_offering
    explainer = """
Derde leerweg

Derde leerweg

De derde leerweg is flexibeler dan een standaard MBO-opleiding. Je behaalt een erkend diploma.
Informeer bij de school naar de opleiding en de kosten.
"""
    url = "https://www.keuzesite.example/derde-leerweg"
    assert not extract_page(_text(explainer, url), url, content_type="text/plain").is_offering
