"""Catalogue feeds: JSON-LD documents and plain JSON lists of offerings with Dutch labels."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from crawler.extract import heuristics as h
from crawler.extract.assemble import facts_from_record, finish, to_offering
from crawler.extract.document import canonical_url, host_name
from crawler.extract.mbo import type_without_text
from crawler.extract.result import PageResult
from crawler.extract.structured import parse_items, read_json_ld_text
from skills.model import Offering


def from_json(text: str, url: str, provider: str | None) -> PageResult:
    items = read_json_ld_text(text)
    data = parse_items(items)
    page_url = canonical_url(url)
    fallback_provider = provider or data.site_name or provider_from_host(url)
    offerings: list[Offering] = []
    for course in data.courses:
        facts = course.copy()
        facts.url = canonical_url(urljoin(page_url, course.url)) if course.url else page_url
        default_type = type_without_text(facts)
        offerings.append(to_offering(facts, url=page_url, provider=provider or course.provider
                                     or fallback_provider, default_type=default_type))
    if not offerings:
        offerings = _plain_json_offerings(items, page_url, fallback_provider)
    return PageResult(is_offering=bool(offerings), page_type="catalogue-feed" if offerings else "other",
                      offerings=finish(offerings))


def _plain_json_offerings(items: list[Any], page_url: str, provider: str) -> list[Offering]:
    """Offerings from a JSON list of plain objects whose keys are Dutch labels ("niveau", "leerweg")."""
    rows: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            inner = next((item[k] for k in ("items", "data", "opleidingen", "results", "aanbod")
                          if isinstance(item.get(k), list)), None)
            rows.extend(r for r in (inner if inner is not None else [item]) if isinstance(r, dict))
    out: list[Offering] = []
    for row in rows:
        title = next((str(row[k]) for k in ("title", "titel", "naam", "name") if row.get(k)), "")
        record: dict[str, str] = {}
        for key, value in row.items():
            hit = h.match_label(str(key).replace("_", " "))
            if hit and value not in (None, "", []) and not hit[2]:
                record[hit[0]] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if not title or not record:
            continue
        facts = facts_from_record(record)
        facts.title = title
        link = next((str(row[k]) for k in ("url", "link", "href") if row.get(k)), None)
        facts.url = canonical_url(urljoin(page_url, link)) if link else None
        out.append(to_offering(facts, url=page_url, provider=provider, default_type=type_without_text(facts)))
    return out


def provider_from_host(url: str) -> str:
    """A provider name from the URL's host ("roc-example.nl" -> "Roc-example") when nothing better is known."""
    name = host_name(url)
    return name[:1].upper() + name[1:] if name else ""
