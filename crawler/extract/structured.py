"""schema.org structured data (JSON-LD, microdata, RDFa via extruct) → offering records.

A course node (Course, EducationalOccupationalProgram, WorkBasedProgram) becomes one
:class:`crawler.extract.facts.Facts`; its CourseInstances (hasCourseInstance) contribute leerwegen, locations,
start dates, durations and prices. Malformed JSON-LD is skipped with a log line, never raised.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import extruct
from extruct.utils import parse_html

from crawler.extract import fields as f
from crawler.extract.facts import Facts
from skills.model import Leerweg

log = logging.getLogger(__name__)

COURSE_TYPES = {"Course", "EducationalOccupationalProgram", "WorkBasedProgram"}
_PROVIDER_TYPES = {"Organization", "EducationalOrganization", "CollegeOrUniversity", "School",
                   "HighSchool", "LocalBusiness", "Corporation"}


@dataclass(slots=True)
class StructuredData:
    courses: list[Facts] = field(default_factory=list)
    listed_courses: int = 0  # courses inside an ItemList (a listing page)
    site_name: str | None = None
    types: set[str] = field(default_factory=set)


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type") or node.get("type") or []
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] for v in values if v}


def _text(value: Any) -> str:
    """A plain string from a schema.org value (string, number, {"name"}, {"@value"}, list)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        for key in ("name", "@value", "value", "text", "addressLocality", "@id"):
            if key in value:
                return _text(value[key])
    return ""


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _walk(node: Any, in_list: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every dict node with whether it sits inside an ItemList."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, in_list)
    elif isinstance(node, dict):
        yield node, in_list
        inner_list = in_list or "ItemList" in _types(node)
        for key, value in node.items():
            if key in ("hasCourseInstance", "provider", "offers", "location", "audience", "address"):
                continue  # read as parts of their course, not as courses of their own
            yield from _walk(value, inner_list)


def read_json_ld_text(text: str) -> list[Any]:
    """JSON-LD items from a raw JSON body; [] when it is not JSON. Never raises."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return data if isinstance(data, list) else [data]


# A syntax can only yield typed nodes when its marker is in the page: a JSON-LD script type, an
# ``itemscope`` attribute, an RDFa ``typeof`` (or an explicit rdf:type). RDFa without one gives untyped
# nodes only (og: properties), which parse_items ignores. Skipping absent syntaxes changes no result and
# saves extruct's parses (RDFa alone cost ~10 ms a page).
_MARKERS = {
    "json-ld": re.compile(r"ld\+json", re.I),
    "microdata": re.compile(r"itemscope", re.I),
    "rdfa": re.compile(r"\btypeof\s*=|rdf:type|rdf-syntax-ns#type", re.I),
}


def syntaxes_present(html: str) -> list[str]:
    """The structured-data syntaxes (extruct names) whose markers occur in ``html``, in reading order."""
    return [syntax for syntax, marker in _MARKERS.items() if marker.search(html)]


def extract_items(html: str, url: str) -> list[Any]:
    """JSON-LD, microdata and RDFa items of an HTML page; broken blocks are skipped.

    Each syntax is read on its own (one failing syntax never hides another) and only when its marker
    is present; JSON-LD and microdata share one lxml parse (RDFa needs extruct's DOM parser).
    """
    items: list[Any] = []
    tree: Any = None
    for syntax in syntaxes_present(html):
        try:
            if syntax != "rdfa" and tree is None:
                tree = parse_html(html, encoding="UTF-8")
            source = html if syntax == "rdfa" else tree
            data = extruct.extract(source, base_url=url, syntaxes=[syntax], uniform=True, errors="ignore")
        except Exception as exc:  # extruct surfaces parser errors of any kind; one bad block must not stop us
            log.info("structured data (%s) unreadable on %s: %s", syntax, url, exc)
            continue
        items.extend(data.get(syntax.replace("-", "_"), data.get(syntax, [])))
    if not any(isinstance(i, dict) and _types(i) for i in items):
        # extruct drops the whole json-ld syntax when one script block is malformed; read the rest ourselves.
        for block in re.findall(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.S | re.I):
            items.extend(read_json_ld_text(block.strip()))
    return items


def parse_items(items: list[Any]) -> StructuredData:
    out = StructuredData()
    for node, in_list in _walk(items):
        types = _types(node)
        out.types |= types
        if types & _PROVIDER_TYPES and not out.site_name and _text(node.get("name")):
            out.site_name = _text(node.get("name"))
        if "WebSite" in types and _text(node.get("name")) and not out.site_name:
            out.site_name = _text(node.get("name"))
        if types & COURSE_TYPES or ("CourseInstance" in types and not in_list):
            if in_list:
                out.listed_courses += 1
            else:
                out.courses.extend(courses_from_node(node))
    return out


def courses_from_node(node: dict[str, Any]) -> list[Facts]:
    """One course per leerweg: instances with different courseModes are separate offerings."""
    instances = [i for i in _list(node.get("hasCourseInstance")) if isinstance(i, dict)]
    groups: dict[tuple[Leerweg, ...], list[dict[str, Any]]] = {}
    for inst in instances:
        mode = " ".join(_text(inst.get(k)) for k in ("courseMode", "educationalProgramMode", "learningMode"))
        groups.setdefault(tuple(f.parse_leerwegen(mode)), []).append(inst)
    if len([k for k in groups if k]) <= 1:
        return [course_from_node(node, instances)]
    shared = groups.pop((), [])
    return [course_from_node(node, group + shared) for group in groups.values()]


def course_from_node(node: dict[str, Any], instances: list[dict[str, Any]]) -> Facts:
    types = _types(node)
    c = Facts(title=_text(node.get("name")), description=_text(node.get("description")))
    url = _text(node.get("url")) or (node.get("@id") if isinstance(node.get("@id"), str) else "")
    c.url = url if url and url.startswith(("http", "/")) else None
    provider = node.get("provider")
    c.provider = _text(provider[0] if isinstance(provider, list) and provider else provider) or None
    for key in ("courseCode", "identifier", "programCode", "crebo"):
        for value in _list(node.get(key)):
            text = _text(value) if not isinstance(value, dict) else _text(value.get("value") or value.get("name"))
            if isinstance(value, dict) and value.get("propertyID") and "crebo" not in str(value["propertyID"]).lower():
                continue
            crebo = f.parse_crebo(text)
            if crebo and not c.crebo:
                c.crebo = crebo
    level = _text(node.get("educationalLevel"))
    c.niveau = f.parse_niveau(level) if level else None
    credential = " ".join(
        f"{_text(v.get('credentialCategory'))} {_text(v)}" if isinstance(v, dict) else _text(v)
        for k in ("educationalCredentialAwarded", "occupationalCredentialAwarded", "programType",
                  "credentialCategory")
        for v in _list(node.get(k))
    )
    c.offering_type = f.parse_offering_type(credential) if credential.strip() else None
    if "WorkBasedProgram" in types:
        c.leerwegen.append(Leerweg.BBL)
    for source in [node, *instances]:
        _add_instance(c, source)
    for audience in _list(node.get("audience")):
        for group in f.parse_target_groups(_text(audience) or _text(audience.get("audienceType") if
                                                                  isinstance(audience, dict) else "")):
            if group not in c.target_group:
                c.target_group.append(group)
    return c


def _add_instance(c: Facts, node: dict[str, Any]) -> None:
    mode = " ".join(_text(node.get(k)) for k in ("courseMode", "educationalProgramMode", "learningMode"))
    for leerweg in f.parse_leerwegen(mode):
        if leerweg not in c.leerwegen:
            c.leerwegen.append(leerweg)
    for loc in _list(node.get("location")):
        name = _text(loc.get("address")) if isinstance(loc, dict) and isinstance(loc.get("address"), dict) else ""
        name = name or _text(loc)
        if name and name not in c.locations and not name.startswith("http"):
            c.locations.append(name)
    for key in ("startDate",):
        for value in _list(node.get(key)):
            d = f.parse_iso_date(_text(value))
            if d and d not in c.start_dates:
                c.start_dates.append(d)
    for key in ("timeToComplete", "duration", "courseWorkload"):
        value = _text(node.get(key))
        if value and not c.duration:
            c.duration = f.parse_duration(value)
    schedule = node.get("courseSchedule")
    if isinstance(schedule, dict) and not c.duration:
        c.duration = f.parse_duration(_text(schedule.get("duration")))
    for offer in _list(node.get("offers")):
        if not isinstance(offer, dict):
            continue
        price = offer.get("price")
        spec = offer.get("priceSpecification")
        if price is None and isinstance(spec, dict):
            price = spec.get("price")
        if price is not None and c.price_eur is None:
            try:
                c.price_eur = float(str(price).replace(",", ".")) if re.fullmatch(r"\s*\d+([.,]\d+)?\s*",
                                                                                   str(price)) else f.parse_price(
                    f"€ {price}")
            except ValueError:
                c.price_eur = None
