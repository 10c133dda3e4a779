"""The result of extracting one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from skills.model import Offering


@dataclass
class PageResult:
    """What one page holds.

    ``is_offering`` is True for an offering page (and for a catalogue feed that yields offerings);
    ``offerings`` is empty otherwise. ``links_hint`` lists URLs the crawler should fetch that plain link
    extraction would miss (a catalogue page's JSON endpoint).
    """

    is_offering: bool
    page_type: str  # offering | listing | news | contact | costs | vacancy | info | open-day | catalogue-feed | other
    offerings: list[Offering]
    links_hint: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `llo extract --json` shape: is_offering and the offerings' public fields."""
        return {
            "is_offering": self.is_offering,
            "offerings": [
                {
                    "title": o.title,
                    "provider": o.provider,
                    "offering_type": o.offering_type.value,
                    "crebo_stated": o.crebo_stated,
                    "leerwegen": [lw.value for lw in o.leerwegen],
                    "niveau": o.niveau,
                    "locations": list(o.locations),
                    "duration": o.duration,
                    "price_eur": o.price_eur,
                    "start_dates": [d.isoformat() for d in o.start_dates],
                    "target_group": [t.value for t in o.target_group],
                }
                for o in self.offerings
            ],
        }
