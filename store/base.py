"""The Store protocol: the one seam between the pipeline stages and the database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from skills.model import CrawlRun, Mapping, Offering, PageFetch, Provider


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


class Store(Protocol):
    """Persistence for every stage. Implementations must be safe to call from one thread at a time."""

    def init(self) -> None:
        """Create or migrate the schema to the current version (idempotent)."""

    def close(self) -> None: ...

    # providers
    def upsert_provider(self, provider: Provider) -> None: ...
    def providers(self) -> list[Provider]: ...

    # crawl runs and fetches
    def start_run(self, providers: list[str]) -> CrawlRun: ...
    def finish_run(self, run: CrawlRun, status: str, stats: dict[str, int]) -> None: ...
    def record_fetch(self, fetch: PageFetch) -> None: ...
    def get_fetch(self, url: str) -> PageFetch | None: ...

    # offerings
    def upsert_offerings(self, page_url: str, offerings: list[Offering], run_id: int | None) -> UpsertResult:
        """Insert or update the offerings found on one page, keyed on (url, slot); unchanged content
        (same content_hash) only moves last_seen. Offerings of that page not in the list are left alone."""

    def mark_stale(self, provider: str, run_id: int, after_runs: int) -> int:
        """After a *complete* crawl of ``provider``: flag offerings not seen in the last ``after_runs``
        complete runs as stale. Returns how many became stale. Nothing is ever deleted."""

    def offerings(self, include_stale: bool = False) -> Iterator[Offering]: ...
    def offerings_by_page(self, provider: str) -> dict[str, list[Offering]]:
        """The provider's offerings (stale too) by the URL of the page they were last found on."""
    def get_offering(self, offering_id: str) -> Offering | None: ...
    def count_offerings(self, include_stale: bool = False) -> int: ...

    # mappings
    def save_mappings(self, mappings: Iterable[Mapping]) -> None: ...
    def mappings(self) -> dict[str, Mapping]: ...

    def stats(self) -> dict[str, int]:
        """Row counts per table plus stale/active offerings, for `llo db stats`."""
