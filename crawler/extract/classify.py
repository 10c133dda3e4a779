"""Is this page an offering page? URL and title cues for the known non-offering kinds, then evidence.

Page types: "offering", "listing", "news", "contact", "costs", "vacancy", "info", "open-day",
"catalogue-feed" (a JSON body; decided in page.py) and "other".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.extract import fields as f
from crawler.extract.document import Document

# Path segments that name a non-offering kind of page. Checked per segment, so "/opleidingen/kosten"
# is a costs page but "/opleidingen/kostendeskundige" is not.
_URL_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("news", re.compile(r"^(nieuws|news|actueel|actualiteiten|blog|blogs|pers|persberichten?|agenda"
                        r"|evenementen|evenement|verhalen|events?)$|^nieuws-")),
    # "werkenbij", "werken-bij-ons", "werkenbijfranciscus": an employer's recruitment section.
    ("vacancy", re.compile(r"^(vacatures?|jobs|careers|banen|solliciteren)$|^werken-?bij")),
    ("open-day", re.compile(r"^(open-?dag(en)?|open-?avond|open-huis|voorlichting\w*|informatieavond\w*"
                            r"|info-?avond\w*|meeloopdag\w*|proefstuderen|kennismakingsdag\w*)$"
                            r"|^(open-?dag|voorlichtingsavond|informatieavond)-")),
    ("contact", re.compile(r"^(contact|contactgegevens|contactformulier|bereikbaarheid|route|adressen)$")),
    ("costs", re.compile(r"^(kosten|lesgeld|studiefinanciering|tarieven|cursusgeld|betalen|prijzen"
                         r"|schoolkosten|lesgeld-en-kosten)$|^(kosten|lesgeld|studiefinanciering)-")),
    ("info", re.compile(r"^(over-ons|over|organisatie|privacy\w*|cookie\w*|disclaimer|klachten\w*|voorwaarden"
                        r"|algemene-voorwaarden|faq|veelgestelde-vragen|sitemap|zoeken|search|login"
                        r"|inloggen|bestuur|jaarverslag\w*|toelating|aanmelden|inschrijven|studiekeuze"
                        r"|studeren-met-\w+|passend-onderwijs|studentenraad|ondersteuning|zorg-en-begeleiding"
                        r"|home|index|locaties|examens?|examinering|examenreglement)$")),
]
_LISTING_SEGMENTS = re.compile(r"^(opleidingen|cursussen|aanbod|opleidingsaanbod|trainingen|studies"
                               r"|alle-opleidingen|zoek-opleiding|opleidingen-zoeken|catalogus|overzicht)$")
_TITLE_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("news", re.compile(r"^(nieuws|nieuwsbericht|blog|agenda)\b", re.I)),
    ("vacancy", re.compile(r"^(vacatures?|werken bij)\b|\bvacature\b", re.I)),
    ("open-day", re.compile(r"^(open\s*dag(en)?|open\s*avond|voorlichtings?avond|informatieavond|meeloopdag"
                            r"|kom\s+naar\s+de\s+open)", re.I)),
    ("contact", re.compile(r"^(contact|neem contact)\b", re.I)),
    ("costs", re.compile(r"^(kosten|lesgeld|studiefinanciering|tarieven|schoolkosten|wat kost)\b", re.I)),
    ("info", re.compile(r"^(over ons|privacy|cookie|disclaimer|klachten|veelgestelde vragen|zoeken|toelating"
                        r"|aanmelden|welkom|examens?$|examinering|examenreglement)\b", re.I)),
    # A page titled by a route or a general subject explains it; an offering is titled by what it teaches.
    ("info", re.compile(r"^(de\s+|wat\s+is\s+(de\s+)?)?(derde\s+leerweg|bbl|bol|beroeps\w+\s+leerweg|leerwegen"
                        r"|werken\s+en\s+leren|leren\s+en\s+werken|volwassenenonderwijs|leven\s+lang"
                        r"\s+(ontwikkelen|leren)|erkend\s+leerbedrijf|studeren\s+naast\s+je\s+werk|mbo)\??$",
                        re.I)),
    ("listing", re.compile(r"^(alle\s+)?(opleidingen|cursussen|ons\s+aanbod|opleidingsaanbod|trainingen)"
                           r"(\s+(overzicht|in|bij|voor|op)\b.*)?$", re.I)),
]
_OFFERING_URL = re.compile(r"opleiding|cursus|training|certificaat|praktijkverklaring|keuzedeel|bbl|bol"
                           r"|deeltijd|volwassenen|leerweg|crebo|mbo|niveau|scholing|traject|vakopleiding"
                           r"|aanbod|richting", re.I)
_OFFERING_HEADINGS = re.compile(
    r"toelatingseisen|toelatingsvoorwaarden|toelating|wat\s+(ga|leer)\s+(je|jij|u)|inhoud\s+van\s+de"
    r"|lesprogramma|programma|vakken|beroepspraktijkvorming|\bbpv\b|stage|examen|doorstromen|na\s+je\s+opleiding"
    r"|studiebelasting|aanmelden|praktische\s+informatie|in\s+het\s+kort|kenmerken|opleidingsinformatie"
    r"|werkprocessen|kerntaken|beroepsbeeld|wat\s+kun\s+je\s+worden|carrière|resultaat|doelgroep"
    r"|over\s+de\s+(opleiding|cursus|training)|voor\s+wie|iets\s+voor\s+jou",
    re.I,
)
# Phrases an offering page uses about itself ("deze opleiding", "meld je aan", "startmomenten").
_OFFERING_PHRASES = re.compile(
    r"\b(?:deze|onze|de|je|jouw)\s+(?:opleiding|cursus|training|scholing)\b|\bmeld\s+je\s+(?:direct\s+)?aan\b"
    r"|\bschrijf\s+je\s+in\b|\bstartmoment\w*|\bbrochure\b|\bdiploma\s+halen\b|\blesdag\w*|\blesweken\b",
    re.I,
)
_COURSE_WORDS = re.compile(r"\b(opleiding|cursus|training|\w*certificaat|scholing|praktijkverklaring|keuzedeel"
                           r"|mbo|leerweg|crebo|diploma|\w*examen|\w*toets|rijbewijs|nascholing|\w*kwalificatie)\w*",
                           re.I)
# What the learner obtains: "behaal je het diploma", "de code95 basiskwalificatie halen".
_OUTCOME = re.compile(
    r"\b(?:behaal|haal)\w*\s+(?:je\s+|u\s+|jij\s+)?(?:\S+\s+){0,3}?(?:\w*diploma|\w*certificaat|praktijkverklaring"
    r"|rijbewijs|\w*kwalificatie|code\s?95)\b"
    r"|\b(?:\w*diploma|\w*certificaat|praktijkverklaring|rijbewijs|\w*kwalificatie|code\s?95)\w*\s+(?:\S+\s+){0,2}?"
    r"(?:te\s+)?(?:be)?halen\b|\bontvang\w*\s+(?:je\s+|u\s+)?(?:een|het|de)\s+(?:mbo-)?(?:diploma|certificaat"
    r"|praktijkverklaring)",
    re.I,
)
_ASSESSMENT = re.compile(r"\b\w*(?:examen|toets)\w*|\bproeve\s+van\s+bekwaamheid", re.I)
# A short category line above the text of an article ("Artikel", "Nieuws", "Blog | Instroom").
_ARTICLE_MARK = re.compile(r"^(artikel|nieuws|nieuwsbericht|blog|blogbericht|persbericht|column)\b(\s+\S+){0,2}$",
                           re.I)


def url_kind(url: str) -> str | None:
    """The non-offering kind a URL path names, "listing" for a catalogue root or paginated URL, or None."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if re.search(r"(^|&)(page|pagina|p)=\d+", parts.query) or re.search(r"/(page|pagina)/\d+/?$", parts.path):
        return "listing"
    for seg in segments:
        seg = re.sub(r"\.(html?|php|aspx?)$", "", seg)
        for kind, pattern in _URL_KINDS:
            if pattern.search(seg):
                return kind
    if not segments:
        return "info"  # the home page
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1])
    if _LISTING_SEGMENTS.match(last):
        return "listing"
    return None


def title_kind(title: str) -> str | None:
    for kind, pattern in _TITLE_KINDS:
        if pattern.search(title.strip()):
            return kind
    return None


def offering_links(doc: Document) -> int:
    """Distinct links from the main content to other same-site pages whose path looks like an offering."""
    here = urlsplit(doc.url)
    seen: set[str] = set()
    for href, _text in doc.links:
        parts = urlsplit(href)
        if parts.netloc != here.netloc or parts.path.rstrip("/") == here.path.rstrip("/"):
            continue
        segs = [s for s in parts.path.split("/") if s]
        if len(segs) >= 2 and _OFFERING_URL.search(parts.path) and url_kind(href) is None:
            seen.add(parts.path.rstrip("/"))
    return len(seen)


def classify(doc: Document, n_fields: int, n_records: int, has_course: bool, listed_courses: int,
             crebo_in_text: bool) -> str:
    """The page type. ``n_fields`` counts distinct labelled core fields found on the page itself."""
    if listed_courses >= 2 and not has_course:
        return "listing"
    kind = url_kind(doc.url)
    if kind is not None and kind != "listing" and not (has_course and kind == "info"):
        return kind
    tkind = title_kind(doc.title or doc.head_title)
    if tkind is not None and tkind != "listing" and not has_course:
        return tkind
    if any(_ARTICLE_MARK.match(line.text) for line in doc.lines[:4]) and not has_course:
        return "news"
    links = offering_links(doc) if not doc.is_text else 0
    if has_course:
        return "offering"
    if doc.pagination and n_records <= 1 and n_fields < 3:
        return "listing"
    if (kind == "listing" or tkind == "listing") and n_fields < 3:
        return "listing"
    if links >= 6 and n_records <= 1 and n_fields < 2:
        return "listing"
    score = 0
    score += min(n_fields, 3)
    score += 2 if crebo_in_text else 0
    path = urlsplit(doc.url).path
    segments = [seg for seg in path.split("/") if seg]
    score += 1 if len(segments) >= 2 and _OFFERING_URL.search(path) else 0
    headings = {line.text for line in doc.lines if line.tag in {"h2", "h3", "h4", "dt", "strong"}}
    if doc.is_text:
        headings = {line.text for line in doc.lines if len(line.text) <= 60}
    score += min(2, sum(1 for h in headings if _OFFERING_HEADINGS.search(h)))
    if len(_COURSE_WORDS.findall(doc.main_text)) >= 3:
        score += 1
    if len({m.group(0).lower() for m in _OFFERING_PHRASES.finditer(doc.main_text)}) >= 2:
        score += 1
    title = doc.title or doc.head_title
    if f.parse_leerwegen(title) or f.niveau_in_title(title):
        score += 1  # "Maatschappelijke Zorg BBL", "Kok niveau 2": a programme names its route or level
    if _OUTCOME.search(doc.main_text):
        score += 1
    if len(_ASSESSMENT.findall(doc.main_text)) >= 3:
        score += 1  # an exam or test described step by step: a course one can take
    return "offering" if score >= 3 else ("info" if score >= 1 else "other")
