"""Records (raw labelled values) + page-level facts → :class:`skills.model.Offering` objects.

Record fields are parsed here; page-level facts (title, provider, prose fallbacks) fill what a record
lacks. Records that do not differ in a core field (crebo, niveau, leerwegen) are one offering.
"""

from __future__ import annotations

import hashlib
import json
import re

from crawler.extract import fields as f
from crawler.extract.facts import Facts
from skills.model import Offering, OfferingType

DESCRIPTION_LIMIT = 4000
SHARED_FIELDS = ("crebo", "niveau", "leerwegen", "locations", "offering_type")

__all__ = ["SHARED_FIELDS", "Facts", "facts_from_record", "finish", "merge_variants", "to_offering"]


def facts_from_record(record: dict[str, str]) -> Facts:
    """Parse a record's raw label values."""
    out = Facts(heading=record.get("_heading", ""))
    if "leerweg" in record:
        out.leerwegen = f.parse_leerwegen(record["leerweg"])
    if "niveau" in record:
        out.niveau = f.parse_niveau(record["niveau"])
    if "crebo" in record:
        out.crebo = f.parse_crebo(record["crebo"])
    if "duur" in record:
        out.duration = f.parse_duration(record["duur"])
    if "kosten" in record:
        out.price_eur = f.parse_price(record["kosten"])
        out.price_note = f.parse_price_note(record["kosten"])
    if "start" in record:
        out.start_dates = [d for part in record["start"].split(" ;; ") if not f.OPEN_DAY.search(part)
                           for d in f.parse_dates(part)]
    if "locatie" in record:
        out.locations = [loc for part in record["locatie"].split(" ;; ") for loc in f.parse_locations(part)]
    if "doelgroep" in record:
        out.target_group = f.parse_target_groups(record["doelgroep"])
    if "type" in record:
        out.offering_type = f.parse_offering_type(record["type"])
    return out


def merge_variants(variants: list[Facts]) -> list[Facts]:
    """Fold variants that do not differ in a core field into the one before; then share single-valued
    fields (a location stated once for the page) with every variant that lacks them."""
    merged: list[Facts] = []
    for v in variants:
        target = next((m for m in merged if _compatible(m, v)), None)
        if target is None:
            merged.append(v)
        else:
            target.fill_from(v)
            for d in v.start_dates:
                if d not in target.start_dates:
                    target.start_dates.append(d)
    if len(merged) > 1:
        # Page-wide facts only; price, duration, start dates and target group belong to one variant.
        for name in SHARED_FIELDS:
            values = [getattr(m, name) for m in merged if getattr(m, name) not in (None, "", [])]
            distinct = {json.dumps(v, default=str, sort_keys=True) for v in values}
            if len(distinct) == 1:
                for m in merged:
                    if getattr(m, name) in (None, "", []):
                        setattr(m, name, list(values[0]) if isinstance(values[0], list) else values[0])
    return merged


def _compatible(a: Facts, b: Facts) -> bool:
    """True when b adds nothing that contradicts a in crebo, niveau or leerwegen."""
    if a.crebo and b.crebo and a.crebo != b.crebo:
        return False
    if a.niveau and b.niveau and a.niveau != b.niveau:
        return False
    return not (a.leerwegen and b.leerwegen and set(a.leerwegen) != set(b.leerwegen))


def to_offering(facts: Facts, *, url: str, provider: str, default_type: OfferingType) -> Offering:
    description = _trim(facts.description)
    offering = Offering(
        url=facts.url or url,
        title=facts.title,
        provider=facts.provider or provider,
        offering_type=facts.offering_type or default_type,
        crebo_stated=facts.crebo,
        leerwegen=list(facts.leerwegen),
        niveau=facts.niveau,
        locations=list(facts.locations),
        duration=facts.duration,
        price_eur=facts.price_eur,
        price_note=facts.price_note,
        start_dates=sorted(facts.start_dates),
        target_group=list(facts.target_group),
        description=description,
    )
    offering.slot = f"{facts.crebo or _slug(facts.title)}|{'+'.join(lw.value for lw in facts.leerwegen)}"
    return offering


def finish(offerings: list[Offering]) -> list[Offering]:
    """Make slots unique on the page and set content hashes."""
    seen: dict[tuple[str, str], int] = {}
    for o in offerings:
        key = (o.url, o.slot)
        if key in seen:
            seen[key] += 1
            o.slot = f"{o.slot}|n{o.niveau}" if o.niveau else f"{o.slot}|{seen[key]}"
        else:
            seen[key] = 0
        o.content_hash = content_hash(o)
    return offerings


def content_hash(o: Offering) -> str:
    """sha1 over the normalised extracted fields and description: equal when the page says the same."""
    payload = {
        "title": o.title, "provider": o.provider, "type": o.offering_type.value, "crebo": o.crebo_stated,
        "leerwegen": [lw.value for lw in o.leerwegen], "niveau": o.niveau, "locations": o.locations,
        "duration": o.duration, "price": o.price_eur, "start": [d.isoformat() for d in o.start_dates],
        "target": [t.value for t in o.target_group], "description": re.sub(r"\s+", " ", o.description).strip(),
    }
    return hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _trim(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text).strip()
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    cut = text[:DESCRIPTION_LIMIT]
    space = cut.rfind(" ")
    return (cut[:space] if space > DESCRIPTION_LIMIT * 0.8 else cut).rstrip()
