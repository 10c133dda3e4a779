"""The result of extracting one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from skills.codec import offering_to_dict
from skills.model import Offering

# The offering fields `llo extract --json` shows, in this order: what a page states, not bookkeeping.
PUBLIC_FIELDS: tuple[str, ...] = (
    "title", "provider", "offering_type", "crebo_stated", "leerwegen", "niveau", "locations", "duration",
    "price_eur", "start_dates", "target_group",
)


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
            "offerings": [{k: d[k] for k in PUBLIC_FIELDS} for d in map(offering_to_dict, self.offerings)],
        }
