"""The parsed facts of one offering variant, before they become a :class:`skills.model.Offering`.

Every reader (labelled blocks, tables, prose, schema.org structured data) produces :class:`Facts`;
:mod:`crawler.extract.assemble` merges them and turns them into offerings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from skills.model import Leerweg, OfferingType, TargetGroup


@dataclass(slots=True)
class Facts:
    """Parsed fields of one offering variant; None/empty = not stated."""

    title: str = ""
    url: str | None = None
    provider: str | None = None
    offering_type: OfferingType | None = None
    crebo: str | None = None
    leerwegen: list[Leerweg] = field(default_factory=list)
    niveau: int | None = None
    locations: list[str] = field(default_factory=list)
    duration: str | None = None
    price_eur: float | None = None
    price_note: str = ""
    start_dates: list[date] = field(default_factory=list)
    target_group: list[TargetGroup] = field(default_factory=list)
    description: str = ""
    heading: str = ""  # the block heading above this variant's facts, "" when none

    def core(self) -> tuple[str | None, int | None, tuple[Leerweg, ...]]:
        return self.crebo, self.niveau, tuple(sorted(self.leerwegen))

    def fill_from(self, other: Facts, only: tuple[str, ...] | None = None) -> None:
        """Copy every field (or every field in ``only``) this one lacks from ``other``."""
        for name in only or Facts.__slots__:
            mine = getattr(self, name)
            if mine in (None, "", []):
                value = getattr(other, name)
                setattr(self, name, list(value) if isinstance(value, list) else value)

    def copy(self) -> Facts:
        """An independent copy: list fields are copied, not shared."""
        out = Facts()
        out.fill_from(self)
        return out
