"""Whether a course is mbo at all, and its type when the page's text cannot tell."""

from __future__ import annotations

import re

from crawler.extract import fields as f
from crawler.extract.assemble import Facts
from skills.model import OfferingType

_NOT_MBO = re.compile(r"\bgeen\s+mbo|\bniet[\s-]+mbo|\bnon[\s-]+mbo", re.I)
_MBO = re.compile(r"\bmbo\b|\bmbo-|\bcrebo\b|\bbbl\b|\bbol\b|\bentree", re.I)


def not_mbo(facts: Facts, text: str) -> bool:
    """True for a course outside mbo: no crebo, niveau or leerweg, and the text says so or never says mbo."""
    if facts.crebo or facts.niveau or facts.leerwegen:
        return False
    if facts.offering_type in (OfferingType.PRAKTIJKVERKLARING, OfferingType.KEUZEDEEL):
        return False
    return bool(_NOT_MBO.search(text)) or not mentions_mbo(text)


def type_without_text(facts: Facts) -> OfferingType:
    if not_mbo(facts, f"{facts.title} {facts.description}") and _NOT_MBO.search(facts.description):
        return OfferingType.NON_MBO
    if facts.offering_type:
        return facts.offering_type
    type_from_title = f.parse_offering_type(facts.title)
    if type_from_title:
        return type_from_title
    if not (facts.crebo or facts.niveau or facts.leerwegen) and not re.search(r"\bmbo\b", facts.title, re.I):
        return OfferingType.NON_MBO
    return OfferingType.MBO_DIPLOMA


def mentions_mbo(text: str) -> bool:
    """True when ``text`` says mbo (or bbl, bol, crebo, entree) other than in "geen mbo" / "niet-mbo"."""
    return bool(_MBO.search(_NOT_MBO.sub(" ", text)))
