"""Offerings of the store: upserts keyed on (url, slot), sightings per run, staleness, reads (a part of
:class:`store.sql.SqlStore`).

Offerings are upserted by select-then-write in batches (inserts, changed rows and merely re-seen rows
each as one executemany), which is portable and gives exact inserted/updated/unchanged counts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from skills.errors import NotFoundError
from skills.model import Offering
from store import schema as t
from store.base import UpsertResult
from store.connection import BATCH_SIZE, SqlConnection, batches
from store.connection import now as utc_now
from store.rows import offering_from_row, offering_to_row

log = logging.getLogger(__name__)


class OfferingRecords(SqlConnection):
    """The offerings table and the sightings that decide staleness."""

    def upsert_offerings(self, page_url: str, offerings: list[Offering], run_id: int | None) -> UpsertResult:
        """Insert or update the offerings found on one page, keyed on (url, slot) via ``Offering.id``.

        Unchanged content (same content_hash; computed from the fields when empty) only moves
        last_seen; changed content replaces the fields; first_seen is kept; a stale offering seen again
        becomes active. With a ``run_id`` the sighting is recorded for :meth:`mark_stale`. Offerings of
        that page not in the list are left alone.
        """
        with self._tx(write=True) as conn:
            return self._upsert_offerings(conn, ((o, page_url) for o in offerings), run_id)

    def import_offerings(self, offerings: Iterable[Offering], run_id: int | None = None,
                         progress: Callable[[int], None] | None = None) -> UpsertResult:
        """Upsert many offerings (each its own page) in ONE transaction: all are written or none.

        Same rules as :meth:`upsert_offerings`; ``progress(n)`` is called after each batch of ``n``.
        """
        with self._tx(write=True) as conn:
            return self._upsert_offerings(conn, ((o, o.url) for o in offerings), run_id, progress)

    def _upsert_offerings(self, conn: Connection, items: Iterable[tuple[Offering, str]], run_id: int | None,
                          progress: Callable[[int], None] | None = None) -> UpsertResult:
        inserted = updated = unchanged = 0
        now = utc_now()
        c = t.offerings.c
        for batch in batches(items, BATCH_SIZE):
            # The last occurrence of an id within a batch wins, as it would across batches.
            unique = {o.id: (o, page_url) for o, page_url in batch}
            existing: dict[str, str] = {row.id: row.content_hash for row in conn.execute(
                sa.select(c.id, c.content_hash).where(c.id.in_(list(unique))))}
            new_rows, changed_rows, seen_rows = [], [], []
            for oid, (o, page_url) in unique.items():
                row = offering_to_row(o, page_url, now, run_id)
                if oid not in existing:
                    new_rows.append(row)
                elif existing[oid] != row["content_hash"]:
                    row["b_id"] = row.pop("id")
                    del row["first_seen"]
                    changed_rows.append(row)
                else:
                    seen = {"b_id": oid, "last_seen": row["last_seen"], "stale": False}
                    if run_id is not None:
                        seen["last_run_id"] = run_id
                    seen_rows.append(seen)
            by_id = t.offerings.update().where(c.id == sa.bindparam("b_id"))
            if new_rows:
                conn.execute(t.offerings.insert(), new_rows)
            if changed_rows:
                conn.execute(by_id, changed_rows)
            if seen_rows:
                conn.execute(by_id, seen_rows)
            if run_id is not None:
                stmt = self._insert(t.offering_sightings).on_conflict_do_nothing()
                conn.execute(stmt, [{"offering_id": oid, "run_id": run_id} for oid in unique])
            inserted, updated, unchanged = (inserted + len(new_rows), updated + len(changed_rows),
                                            unchanged + len(seen_rows))
            if progress is not None:
                progress(len(batch))
        return UpsertResult(inserted=inserted, updated=updated, unchanged=unchanged)

    def mark_stale(self, provider: str, run_id: int, after_runs: int) -> int:
        """After a complete crawl ``run_id`` of ``provider``: flag its active offerings that none of the
        last ``after_runs`` complete runs of that provider saw (and that existed before the oldest of
        them started). Complete means status "finished", or ``run_id`` itself while still "running".
        A failed or partial ``run_id``, or fewer than ``after_runs`` complete runs, flags nothing.
        Returns how many offerings became stale; nothing is deleted."""
        if after_runs < 1:
            raise ValueError(f"after_runs must be at least 1, not {after_runs}")
        runs, cover = t.crawl_runs.c, t.crawl_run_providers.c
        with self._tx(write=True) as conn:
            status = conn.execute(sa.select(runs.status).where(runs.id == run_id)).scalar_one_or_none()
            if status is None:
                raise NotFoundError(f"crawl run {run_id} does not exist in the store at {self._url}")
            if status not in {"finished", "running"}:
                log.warning("run %d is %s: not marking offerings of %s stale", run_id, status, provider)
                return 0
            window = conn.execute(
                sa.select(runs.id, runs.started_at)
                .join(t.crawl_run_providers, cover.run_id == runs.id)
                .where(cover.provider == provider, runs.id <= run_id,
                       sa.or_(runs.status == "finished", runs.id == run_id))
                .order_by(runs.id.desc()).limit(after_runs)
            ).all()
            if len(window) < after_runs:
                return 0
            seen = sa.select(t.offering_sightings.c.offering_id).where(
                t.offering_sightings.c.run_id.in_([r.id for r in window]))
            o = t.offerings.c
            result = conn.execute(t.offerings.update().where(
                o.provider == provider, o.stale == sa.false(), o.first_seen < window[-1].started_at,
                o.id.not_in(seen)).values(stale=True))
            count = int(result.rowcount)
        if count:
            log.info("%d offerings of %s became stale after run %d", count, provider, run_id)
        return count

    def offerings(self, include_stale: bool = False, provider: str | None = None) -> Iterator[Offering]:
        """All (active, unless ``include_stale``) offerings ordered by id, read in batches so the
        caller never holds a transaction open between batches."""
        for row in self._offering_rows(include_stale, provider):
            yield offering_from_row(row)

    def offerings_by_page(self, provider: str) -> dict[str, list[Offering]]:
        """The offerings of ``provider`` (stale ones too) by the URL of the page they were last found on,
        which for a catalogue feed is not the offering's own URL."""
        by_page: dict[str, list[Offering]] = {}
        for row in self._offering_rows(True, provider):
            by_page.setdefault(row.page_url, []).append(offering_from_row(row))
        return by_page

    def _offering_rows(self, include_stale: bool, provider: str | None) -> Iterator[Any]:
        c = t.offerings.c
        after = ""
        while True:
            query = sa.select(t.offerings).where(c.id > after).order_by(c.id).limit(BATCH_SIZE)
            if not include_stale:
                query = query.where(c.stale == sa.false())
            if provider is not None:
                query = query.where(c.provider == provider)
            with self._tx() as conn:
                rows = conn.execute(query).all()
            yield from rows
            if len(rows) < BATCH_SIZE:
                return
            after = rows[-1].id

    def get_offering(self, offering_id: str) -> Offering | None:
        with self._tx() as conn:
            row = conn.execute(sa.select(t.offerings).where(t.offerings.c.id == offering_id)).first()
        return offering_from_row(row) if row is not None else None

    def count_offerings(self, include_stale: bool = False) -> int:
        query = sa.select(sa.func.count()).select_from(t.offerings)
        if not include_stale:
            query = query.where(t.offerings.c.stale == sa.false())
        with self._tx() as conn:
            return int(conn.execute(query).scalar_one())
