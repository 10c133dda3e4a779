"""The title of an offering page: a heading, metadata, or for pages saved as text the line that best names
the programme (never a breadcrumb, an image file name, a sentence or a block name)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.extract.document import Document, host_name
from crawler.extract.heuristics import match_label
from crawler.extract.structured import StructuredData

# Block names above a page's facts ("In het kort") and audience sections: never a programme's title.
GENERIC_HEADINGS = re.compile(r"^(in het kort|kort|praktische informatie|praktisch|kenmerken|feiten|info\w*"
                               r"|opleidingsinformatie|over de opleiding|details|samenvatting|snelle informatie"
                               r"|algemene informatie|scholieren|volwassenen|werkgevers|studenten|bedrijven)$",
                               re.I)


def page_title(doc: Document, structured: StructuredData) -> str:
    """The offering page's title: its h1, else og:title, <title> or the course name without a site suffix;
    for a page saved as text, :func:`text_title`."""
    if doc.title:
        return doc.title
    if not doc.is_text:
        for candidate in (doc.meta.get("og:title", ""), doc.head_title,
                          structured.courses[0].title if structured.courses else ""):
            cleaned = re.split(r"\s+[|–—-]\s+", candidate)[0].strip() if candidate else ""
            if cleaned:
                return cleaned
    return text_title(doc)


def _slug_words(url: str) -> set[str]:
    """Words of the URL's last path segment, digits glued to a word dropped ("assistent13" → "assistent")."""
    last = [s for s in urlsplit(url).path.split("/") if s]
    if not last:
        return set()
    words = re.findall(r"[a-z0-9]+", re.sub(r"\.(html?|php|aspx?)$", "", last[-1].lower()))
    return {re.sub(r"(?<=[a-z])\d+$", "", w) for w in words}


_NOT_A_TITLE = re.compile(
    r"^(home|start)\b\s+\S|\bskip\s+to\b|\bdoorgaan\s+naar\b|^terug\s+naar\b|\.(jpe?g|png|gif|svg|webp)\b"
    r"|^icon\b|\s>\s|[.!?,;:]$|^[•·*\-–]|^[^:]{2,40}:\s",  # the last: "Kerntaak: ...", a key and its value
    re.I,
)
# Section headings of an offering page: never its title.
_SECTION_HEADING = re.compile(r"^(inhoud|programma|toelating\w*|kosten|duur|praktische\s+informatie|meer\s+info\w*"
                              r"|wat\s+(ga|leer|kun|moet)\s+(je|jij|u)\b|hoe\s+ga\s+(ik|je)\b|aanmelden|contact)\b",
                              re.I)
_SENTENCE_START = re.compile(r"^(je|jij|u|wij|we|ik|zij|hij|als|dit|dat|deze|er|wil|ben|heb|kun)\b", re.I)
_GENERIC_SEGMENT = re.compile(r"^(opleiding|opleidingen|vakopleiding|cursus|cursussen|training|mbo|mbo-opleiding"
                              r"|home|aanbod|algemeen)$", re.I)


def _title_candidate(line: str, host: str) -> str:
    """A title line without a site-name suffix or a generic prefix ("Vakopleiding | X", "X - School")."""
    parts = [p.strip() for p in re.split(r"\s+[|–—•·-]\s+", line) if p.strip()]
    kept = [p for p in parts if not _GENERIC_SEGMENT.match(p)
            and not (len(parts) > 1 and host and len(host) >= 4
                     and (re.sub(r"[^a-z]", "", p.lower()) in host or host in re.sub(r"[^a-z]", "", p.lower())))]
    return " - ".join(kept) if kept and len(kept) < len(parts) else line


def text_title(doc: Document) -> str:
    """The title of a page saved as text: the early short line that best matches the URL slug; else the
    first title-like line of two or more words; else the slug in words. Breadcrumbs, image names,
    sentences, labels and block names ("In het kort") are never titles."""
    slug = _slug_words(doc.url)
    host = host_name(doc.url)
    candidates: list[str] = []
    heading_zone: list[str] = []  # candidates above the first paragraph of body text
    in_body = False
    for line in doc.lines[:12]:
        text = line.text
        in_body = in_body or len(text) > 200
        if not 3 <= len(text) <= 90 or _NOT_A_TITLE.search(text) or match_label(text) \
                or GENERIC_HEADINGS.match(text) or _SECTION_HEADING.match(text) or re.fullmatch(r"[a-z]+", text):
            continue
        candidates.append(_title_candidate(text.rstrip(" |–-"), host))
        if not in_body and not _SENTENCE_START.match(text):
            heading_zone.append(candidates[-1])
    best, best_score = "", 0.0
    for text in candidates:
        words = re.findall(r"[a-z0-9]+", text.lower())
        # "klantenservice" in the slug matches "Klantenservicemedewerker" in the heading
        score = sum(1 for s in slug if any(w.startswith(s) for w in words)) / max(len(slug), 1)
        if score > best_score:
            best, best_score = text, score
    if best and best_score >= 0.5:
        return best
    multiword = [c for c in heading_zone if len(c.split()) >= 2]
    if multiword:
        return multiword[0]
    path = [s for s in urlsplit(doc.url).path.split("/") if s]
    if path and not re.search(r"\.(php|aspx?)$", path[-1]):
        name = re.sub(r"\.(html?)$", "", path[-1]).replace("-", " ").replace("_", " ").strip()
        return name[:1].upper() + name[1:]
    return doc.lines[0].text[:90] if doc.lines else ""
