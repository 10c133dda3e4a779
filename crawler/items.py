"""What the spiders yield and the pipelines process.

A fetched page yields zero or more :class:`OfferingItem` (one per offering found on it) followed by
exactly one :class:`PageItem` (the fetch record a recrawl needs). Pipelines that work on offerings pass
page items through untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skills.model import Offering, PageFetch


@dataclass(slots=True)
class OfferingItem:
    """One offering found on ``page_url`` (the offering's own ``url`` may differ for JSON catalogues)."""

    offering: Offering
    page_url: str


@dataclass(slots=True)
class PageItem:
    """The fetch of one page. ``unchanged`` means 304 or an identical content hash: the offerings the
    store holds for this page are still there, and are touched instead of re-extracted."""

    fetch: PageFetch
    page_type: str = ""
    unchanged: bool = False
    offering_urls: list[str] = field(default_factory=list)
