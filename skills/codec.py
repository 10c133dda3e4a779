"""Offering, Mapping and Provider as plain JSON-ready dicts: the JSON Lines format between pipeline stages.

Dates and datetimes are ISO 8601 strings, enums their values, tuples lists. ``*_from_dict`` validates
every field and raises ``ValueError`` naming the field and the problem; unknown keys are rejected so a
typo in a hand-written file does not silently drop data. An offering dict carries its ``id`` for
readers; it is derived from url and slot, so it is ignored on the way in.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from skills.model import Leerweg, Mapping, Offering, OfferingType, Provider, ProviderKind, TargetGroup

E = TypeVar("E", bound=StrEnum)

# Fields that make up an offering's content: a change in any of them is a change of the offering.
CONTENT_FIELDS: tuple[str, ...] = (
    "url", "slot", "title", "provider", "offering_type", "crebo_stated", "leerwegen", "niveau",
    "locations", "duration", "price_eur", "start_dates", "target_group", "description",
)
_OFFERING_FIELDS = frozenset(CONTENT_FIELDS) | {"price_note", "id", "content_hash", "first_seen", "last_seen", "stale"}
_MAPPING_FIELDS = frozenset(
    {"offering_id", "crebo", "confidence", "method", "evidence", "certificate", "werkprocessen", "flags"}
)
_PROVIDER_FIELDS = frozenset({"name", "brin", "website", "kind", "start_urls", "allowed_domains"})


# --- offerings -----------------------------------------------------------------------------------

def offering_to_dict(o: Offering) -> dict[str, Any]:
    """All fields of ``o`` plus its ``id``, JSON-ready."""
    return {
        "id": o.id,
        "url": o.url,
        "slot": o.slot,
        "title": o.title,
        "provider": o.provider,
        "offering_type": o.offering_type.value,
        "crebo_stated": o.crebo_stated,
        "leerwegen": [lw.value for lw in o.leerwegen],
        "niveau": o.niveau,
        "locations": list(o.locations),
        "duration": o.duration,
        "price_eur": o.price_eur,
        "price_note": o.price_note,
        "start_dates": [d.isoformat() for d in o.start_dates],
        "target_group": [t.value for t in o.target_group],
        "description": o.description,
        "content_hash": o.content_hash,
        "first_seen": o.first_seen.isoformat() if o.first_seen else None,
        "last_seen": o.last_seen.isoformat() if o.last_seen else None,
        "stale": o.stale,
    }


def offering_from_dict(d: dict[str, Any]) -> Offering:
    """Build an Offering from :func:`offering_to_dict` output; only url, title and provider are required."""
    _check_keys(d, _OFFERING_FIELDS, required=("url", "title", "provider"))
    niveau = d.get("niveau")
    if niveau is not None and (isinstance(niveau, bool) or not isinstance(niveau, int)):
        raise ValueError(f"field 'niveau': expected an integer or null, got {niveau!r}")
    return Offering(
        url=_nonempty(d, "url"),
        title=_str(d, "title"),
        provider=_nonempty(d, "provider"),
        offering_type=_enum(OfferingType, d.get("offering_type", OfferingType.MBO_DIPLOMA.value),
                            "offering_type"),
        crebo_stated=_opt_str(d, "crebo_stated"),
        leerwegen=[_enum(Leerweg, v, "leerwegen") for v in _str_list(d, "leerwegen")],
        niveau=niveau,
        locations=_str_list(d, "locations"),
        duration=_opt_str(d, "duration"),
        price_eur=_opt_float(d, "price_eur"),
        price_note=_str(d, "price_note"),
        start_dates=[_date(v, "start_dates") for v in _str_list(d, "start_dates")],
        target_group=[_enum(TargetGroup, v, "target_group") for v in _str_list(d, "target_group")],
        description=_str(d, "description"),
        slot=_str(d, "slot"),
        content_hash=_str(d, "content_hash"),
        first_seen=_opt_datetime(d, "first_seen"),
        last_seen=_opt_datetime(d, "last_seen"),
        stale=_bool(d, "stale"),
    )


def offering_content_hash(o: Offering) -> str:
    """sha1 of the offering's content fields (not its bookkeeping): equal content, equal hash."""
    full = offering_to_dict(o)
    content = {k: full[k] for k in CONTENT_FIELDS}
    if o.price_note:  # only when stated, so offerings without one keep the hash they had before it existed
        content["price_note"] = o.price_note
    return hashlib.sha1(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- mappings ------------------------------------------------------------------------------------

def mapping_to_dict(m: Mapping) -> dict[str, Any]:
    return {
        "offering_id": m.offering_id,
        "crebo": m.crebo,
        "confidence": m.confidence,
        "method": m.method,
        "evidence": list(m.evidence),
        "certificate": m.certificate,
        "werkprocessen": list(m.werkprocessen),
        "flags": list(m.flags),
    }


def mapping_from_dict(d: dict[str, Any]) -> Mapping:
    _check_keys(d, _MAPPING_FIELDS, required=("offering_id", "confidence", "method"))
    confidence = _opt_float(d, "confidence")
    if confidence is None:
        raise ValueError("field 'confidence': expected a number, got null")
    return Mapping(
        offering_id=_nonempty(d, "offering_id"),
        crebo=_opt_str(d, "crebo"),
        confidence=confidence,
        method=_nonempty(d, "method"),
        evidence=tuple(_str_list(d, "evidence")),
        certificate=_opt_str(d, "certificate"),
        werkprocessen=tuple(_str_list(d, "werkprocessen")),
        flags=tuple(_str_list(d, "flags")),
    )


# --- providers -----------------------------------------------------------------------------------

def provider_to_dict(p: Provider) -> dict[str, Any]:
    return {
        "name": p.name,
        "brin": p.brin,
        "website": p.website,
        "kind": p.kind.value,
        "start_urls": list(p.start_urls),
        "allowed_domains": list(p.allowed_domains),
    }


def provider_from_dict(d: dict[str, Any]) -> Provider:
    _check_keys(d, _PROVIDER_FIELDS, required=("name",))
    return Provider(
        name=_nonempty(d, "name"),
        brin=_opt_str(d, "brin"),
        website=_opt_str(d, "website"),
        kind=_enum(ProviderKind, d.get("kind", ProviderKind.ROC.value), "kind"),
        start_urls=tuple(_str_list(d, "start_urls")),
        allowed_domains=tuple(_str_list(d, "allowed_domains")),
    )


# --- field readers -------------------------------------------------------------------------------

def _check_keys(d: Any, allowed: frozenset[str], required: tuple[str, ...]) -> None:
    if not isinstance(d, dict):
        raise ValueError(f"expected a JSON object, got {type(d).__name__}")
    unknown = sorted(set(d) - allowed)
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)}")
    missing = [k for k in required if d.get(k) is None]
    if missing:
        raise ValueError(f"missing required field(s): {', '.join(missing)}")


def _str(d: dict[str, Any], key: str) -> str:
    value = d.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"field {key!r}: expected a string, got {value!r}")
    return value


def _nonempty(d: dict[str, Any], key: str) -> str:
    value = _str(d, key)
    if not value.strip():
        raise ValueError(f"field {key!r}: must not be empty")
    return value


def _opt_str(d: dict[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"field {key!r}: expected a string or null, got {value!r}")
    return value


def _opt_float(d: dict[str, Any], key: str) -> float | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"field {key!r}: expected a number or null, got {value!r}")
    return float(value)


def _bool(d: dict[str, Any], key: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"field {key!r}: expected true or false, got {value!r}")
    return value


def _str_list(d: dict[str, Any], key: str) -> list[str]:
    value = d.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"field {key!r}: expected a list of strings, got {value!r}")
    return list(value)


def _enum(cls: type[E], value: Any, key: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"field {key!r}: unknown value {value!r} (expected one of {allowed})") from None


def _date(value: str, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"field {key!r}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _opt_datetime(d: dict[str, Any], key: str) -> datetime | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field {key!r}: expected an ISO datetime string or null, got {value!r}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"field {key!r}: {value!r} is not an ISO datetime") from None
