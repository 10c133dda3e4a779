"""Dutch URL and anchor cues that steer discovery towards offering pages (pure functions).

A link scores by the cue words in its URL path and anchor text: offering vocabulary (opleiding, cursus,
bbl, certificaat, ...) counts for it, the usual noise of school sites (nieuws, vacatures, contact,
agenda, login, ...) against it. The spider follows positive links eagerly, neutral links only near the
start page, and never follows negative ones unless they are also positive.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

POSITIVE = (
    "opleiding", "opleidingen", "cursus", "cursussen", "training", "volwassenen", "werken-en-leren",
    "werkenenleren", "leren-en-werken", "bbl", "bol", "certificaat", "certificaten", "deeltijd",
    "zij-instroom", "zijinstroom", "mbo", "niveau", "aanbod", "praktijkverklaring", "keuzedeel",
    "derde-leerweg", "leerweg", "scholing", "bijscholing", "omscholing", "studie", "studies",
    "vakopleiding", "catalogus", "programma", "avondopleiding", "lerenwerken", "leven-lang-ontwikkelen",
    "llo", "beroepsopleiding", "studeren", "studierichting", "leerbedrijf",
)
NEGATIVE = (
    "nieuws", "news", "vacature", "vacatures", "werken-bij", "contact", "agenda", "evenement",
    "login", "inloggen", "mijn", "privacy", "cookie", "cookies", "disclaimer", "zoeken", "search",
    "pers", "blog", "jaarverslag", "klachten", "sitemap.html", "print", "share", "delen", "tag",
    "auteur", "author", "wp-admin", "feed", "kalender",
)
PAGINATION_WORDS = ("volgende", "next", "meer resultaten", "»", "›", "toon meer", "laad meer")
_PAGE_PARAM = re.compile(r"^(page|pagina|p|pg|start|offset)$", re.I)
_PAGE_PATH = re.compile(r"/(page|pagina)/\d+/?$", re.I)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _tokens(text: str) -> set[str]:
    text = text.lower()
    words = set(_WORD.findall(text))
    # Hyphenated cues ("werken-en-leren") match as wholes, their parts as single words.
    parts = {p for w in words for p in w.split("-")}
    return words | parts


def link_score(url: str, anchor: str = "") -> int:
    """Positive cues minus negative cues in the URL path/query and the anchor text."""
    split = urlsplit(url)
    tokens = _tokens(f"{split.path} {split.query} {anchor}")
    pos = sum(1 for cue in POSITIVE if cue in tokens)
    neg = sum(1 for cue in NEGATIVE if cue in tokens)
    return pos - neg


def is_pagination(url: str, anchor: str = "", rel: str = "") -> bool:
    """True for a 'next page' link of a listing (rel=next, 'volgende', ?page=N, /pagina/N)."""
    if "next" in rel.lower().split():
        return True
    text = anchor.strip().lower()
    if text and (text.isdigit() or any(w == text or w in text.split() for w in PAGINATION_WORDS)):
        return True
    split = urlsplit(url)
    if _PAGE_PATH.search(split.path):
        return True
    return any(_PAGE_PARAM.match(k) and v.isdigit() for k, v in parse_qsl(split.query))
