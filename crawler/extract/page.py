"""The entry point: :func:`extract_page` turns one fetched body into a :class:`PageResult`.

Order of evidence: schema.org structured data first, then labelled blocks and label tables, then prose
cues as page-level fallbacks. A page classified as anything but an offering yields no offerings, so a
general cost page's prices are never attached to an offering.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlsplit

from crawler.extract import fields as f
from crawler.extract import heuristics as h
from crawler.extract import prose as pr
from crawler.extract.assemble import (
    SHARED_FIELDS,
    Facts,
    facts_from_record,
    finish,
    merge_variants,
    to_offering,
)
from crawler.extract.classify import classify
from crawler.extract.crebos import prose_crebos
from crawler.extract.document import Document, canonical_url, decode, from_text
from crawler.extract.feed import from_json, provider_from_host
from crawler.extract.markup import from_html
from crawler.extract.mbo import mentions_mbo, not_mbo
from crawler.extract.result import PageResult
from crawler.extract.structured import (
    StructuredData,
    extract_items,
    parse_items,
)
from crawler.extract.title import GENERIC_HEADINGS, page_title, text_title
from skills.model import OfferingType

log = logging.getLogger(__name__)

_CORE_LABELS = ("leerweg", "niveau", "crebo", "duur", "kosten", "start")


def extract_page(body: str | bytes, url: str, *, provider: str | None = None,
                 content_type: str = "text/html", encoding: str | None = None) -> PageResult:
    """Extract the offerings one page holds.

    ``content_type`` selects the reader: "text/plain" (saved page text), "application/json" or
    "application/ld+json" (a catalogue feed; also detected from a body that is a JSON-LD document),
    anything else HTML. Raises :class:`skills.errors.ExtractionError` only when the body is not text at
    all; malformed HTML or JSON-LD degrades to what can still be read.
    """
    text = decode(body, content_type, encoding)
    ctype = content_type.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if "json" in ctype or (stripped[:1] in "{[" and stripped[:1] and "html" not in stripped[:200].lower()):
        return from_json(stripped, url, provider)
    if ctype.startswith("text/plain"):
        return _from_document(from_text(text, url), StructuredData(), provider)
    doc = from_html(text, url)
    structured = parse_items(extract_items(text, doc.url)) if _may_have_structured(text) else StructuredData()
    return _from_document(doc, structured, provider)


def _may_have_structured(html: str) -> bool:
    low = html[:500_000].lower()
    return "ld+json" in low or "itemscope" in low or "typeof=" in low or "vocab=" in low


def _from_document(doc: Document, structured: StructuredData, provider: str | None) -> PageResult:
    pairs = h.find_pairs(doc)
    records = h.table_records(doc) or h.records_from_pairs(pairs)
    labelled = {field for field, _, _ in pairs} | {k for rec in records for k in rec}
    if not any(k in labelled for k in ("leerweg", "niveau", "crebo")):
        prose = pr.prose_records(doc)
        if prose:
            # Prose states the route and level ("HOOGEVEEN, BBL, niveau 3"); a labelled block beside it
            # still holds the price, start and place: merge_variants folds what does not contradict.
            records = prose + records
            labelled |= {k for rec in prose for k in rec}
    n_fields = sum(1 for label in _CORE_LABELS if label in labelled)
    if n_fields < 2 and any(_is_summary_line(line.text) for line in doc.lines if line.in_main):
        n_fields = 2  # "Apothekersassistent BOL 4", "HOOGEVEEN, BBL, niveau 3": leerweg and level in one line
    crebos = prose_crebos(doc)
    if doc.is_text and not doc.title:
        doc.title = text_title(doc)  # the classifier reads the title too
    page_type = classify(doc, n_fields=n_fields, n_records=len(records), has_course=bool(structured.courses),
                         listed_courses=structured.listed_courses, crebo_in_text=bool(crebos))
    hints = list(dict.fromkeys(doc.data_sources))
    if page_type != "offering":
        return PageResult(is_offering=False, page_type=page_type, offerings=[], links_hint=hints)

    title = page_title(doc, structured)
    page_provider = provider or _provider(doc, structured)
    page = _page_facts(doc, title, crebos)
    variants: list[Facts]
    if structured.courses:
        variants = [c.copy() for c in structured.courses]
        if len(variants) == 1:
            variants[0].title = title or variants[0].title
            pair_variants = [facts_from_record(r) for r in records]
            if len(pair_variants) == 1:
                variants[0].fill_from(pair_variants[0])
    else:
        variants = merge_variants([facts_from_record(r) for r in records]) or [Facts()]
        headings = {v.heading for v in variants}
        use_headings = len(variants) > 1 and len(headings) == len(variants) and all(
            _is_block_title(hd, title) for hd in headings)
        for v in variants:
            v.title = v.heading if use_headings else title
    for v in variants:
        if v.url and urlsplit(v.url).netloc and canonical_url(v.url) != doc.url and len(variants) == 1:
            v.url = None  # a single course's own url is the page itself (or a stale alias of it)
        elif v.url:
            v.url = canonical_url(urljoin(doc.url, v.url))
        v.fill_from(page, None if len(variants) == 1 else (*SHARED_FIELDS, "title", "description", "provider"))
    default_type = _offering_type(doc, variants)
    for v in variants:
        if default_type not in (OfferingType.PRAKTIJKVERKLARING, OfferingType.KEUZEDEEL) \
                and not_mbo(v, doc.main_text):
            v.offering_type = OfferingType.NON_MBO
    offerings = [to_offering(v, url=doc.url, provider=page_provider, default_type=default_type) for v in variants]
    return PageResult(is_offering=True, page_type="offering", offerings=finish(offerings), links_hint=hints)


def _is_summary_line(text: str) -> bool:
    """A short line stating both a leerweg and a level: a programme's own summary, not prose."""
    return len(text) <= 80 and bool(f.parse_leerwegen(text)) and f.niveau_in_title(text) is not None


def _is_block_title(heading: str, page_title: str) -> bool:
    """A heading that names one offering of several (not a leerweg label, not a generic block name)."""
    heading = heading.strip()
    if not heading or heading == page_title or GENERIC_HEADINGS.match(heading):
        return False
    return not (len(heading) <= 45 and f.parse_leerwegen(heading))


def _page_facts(doc: Document, title: str, crebos: list[str]) -> Facts:
    """Page-level fallbacks from title and prose."""
    page = Facts(title=title)
    page.crebo = crebos[0] if crebos else None
    page.niveau = f.niveau_in_title(title) or pr.prose_niveau(doc)
    title_ways = pr.leerwegen_in_sentence(title)
    page.leerwegen = title_ways or pr.prose_leerwegen(doc)
    page.duration = pr.prose_duration(doc)
    page.price_eur, page.price_note = pr.prose_price(doc)
    page.start_dates = pr.prose_start_dates(doc)
    path_words = urlsplit(doc.url).path.replace("-", " ").replace("/", " ")
    groups = pr.prose_target_groups(doc)
    for g in f.parse_target_groups(f"{title} {path_words}"):
        if g not in groups:
            groups.append(g)
    page.target_group = groups
    page.description = _description(doc, title)
    return page


def _offering_type(doc: Document, variants: list[Facts]) -> OfferingType:
    text = doc.main_text
    from_title = f.parse_offering_type(variants[0].title if variants else "")
    if from_title and from_title != OfferingType.MBO_DIPLOMA:
        return from_title
    low = text.lower()
    counts = {
        OfferingType.PRAKTIJKVERKLARING: len(re.findall(r"praktijkverklaring", low)),
        OfferingType.MBO_CERTIFICAAT: len(re.findall(r"certificaat|certificaten|deelkwalificatie", low)),
        OfferingType.KEUZEDEEL: len(re.findall(r"\bkeuzedeel\b", low)),
    }
    diploma = len(re.findall(r"\bdiploma\b|\bkwalificatie\b", low))
    best, n = max(counts.items(), key=lambda kv: kv[1])
    if n >= 2 and n > diploma:
        return best
    has_mbo = mentions_mbo(low)
    if not has_mbo and not any(v.crebo or v.niveau or v.leerwegen for v in variants):
        return OfferingType.NON_MBO
    return OfferingType.MBO_DIPLOMA


def _provider(doc: Document, structured: StructuredData) -> str:
    for course in structured.courses:
        if course.provider:
            return course.provider
    for candidate in (structured.site_name, doc.meta.get("og:site_name"), doc.meta.get("application-name")):
        if candidate:
            return candidate
    parts = re.split(r"\s+[|–—-]\s+", doc.head_title)
    if len(parts) >= 2 and 2 <= len(parts[-1]) <= 60:
        return parts[-1].strip()
    return provider_from_host(doc.url)


def _description(doc: Document, title: str) -> str:
    lines = [line.text for line in doc.lines if line.in_main and line.text != title]
    return "\n".join(lines)
