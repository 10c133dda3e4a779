"""Offering ↔ row of the ``offerings`` table (lists as JSON text, enums as values, dates ISO)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from skills.codec import offering_content_hash
from skills.model import Leerweg, Offering, OfferingType, TargetGroup


def offering_to_row(o: Offering, page_url: str, now: datetime, run_id: int | None) -> dict[str, Any]:
    """The full row for ``o`` as seen at ``o.last_seen`` (or ``now``) on ``page_url``.

    The content hash is ``o.content_hash`` or, when empty, computed from the content fields.
    """
    seen = o.last_seen or now
    return {
        "id": o.id,
        "url": o.url,
        "slot": o.slot,
        "page_url": page_url,
        "title": o.title,
        "provider": o.provider,
        "offering_type": o.offering_type.value,
        "crebo_stated": o.crebo_stated,
        "leerwegen": json.dumps([lw.value for lw in o.leerwegen]),
        "niveau": o.niveau,
        "locations": json.dumps(list(o.locations), ensure_ascii=False),
        "duration": o.duration,
        "price_eur": o.price_eur,
        "price_note": o.price_note,
        "start_dates": json.dumps([d.isoformat() for d in o.start_dates]),
        "target_group": json.dumps([tg.value for tg in o.target_group]),
        "description": o.description,
        "content_hash": o.content_hash or offering_content_hash(o),
        "first_seen": o.first_seen or seen,
        "last_seen": seen,
        "stale": False,
        "last_run_id": run_id,
    }


def offering_from_row(r: Any) -> Offering:
    """An Offering from a row of the ``offerings`` table (store-set fields included)."""
    return Offering(
        url=r.url,
        title=r.title,
        provider=r.provider,
        offering_type=OfferingType(r.offering_type),
        crebo_stated=r.crebo_stated,
        leerwegen=[Leerweg(v) for v in json.loads(r.leerwegen)],
        niveau=r.niveau,
        locations=json.loads(r.locations),
        duration=r.duration,
        price_eur=r.price_eur,
        price_note=r.price_note or "",
        start_dates=[date.fromisoformat(v) for v in json.loads(r.start_dates)],
        target_group=[TargetGroup(v) for v in json.loads(r.target_group)],
        description=r.description,
        slot=r.slot,
        content_hash=r.content_hash,
        first_seen=r.first_seen,
        last_seen=r.last_seen,
        stale=bool(r.stale),
    )
