"""SqlStore: the Store protocol on SQLAlchemy Core; the same code serves SQLite and PostgreSQL.

Writes go through one transaction per call. Offerings are upserted by select-then-write in batches
(inserts, changed rows and merely re-seen rows each as one executemany), which is portable and gives
exact inserted/updated/unchanged counts. Other upserts use the dialect's ON CONFLICT.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from skills.errors import NotFoundError, StoreError
from skills.model import CrawlRun, Mapping, Offering, PageFetch, Provider, ProviderKind
from store import schema as t
from store.base import UpsertResult
from store.rows import offering_from_row, offering_to_row

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
RUN_STATUSES = frozenset({"finished", "failed", "partial"})


def _now() -> datetime:
    return datetime.now(UTC)


def _fetch_row(fetch: PageFetch) -> dict[str, Any]:
    return {"url": fetch.url, "provider": fetch.provider, "status": fetch.status,
            "fetched_at": fetch.fetched_at, "content_hash": fetch.content_hash, "etag": fetch.etag,
            "last_modified": fetch.last_modified, "is_offering": fetch.is_offering, "run_id": fetch.run_id,
            "reason": fetch.reason,
            "outlinks": None if fetch.outlinks is None else json.dumps([list(link) for link in fetch.outlinks])}


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class SqlStore:
    """The store on one SQLAlchemy engine. Open it with :func:`store.open_store`; call :meth:`init` once
    to create or migrate the schema. Every other method refuses a database that is not at the current
    schema version with a StoreError saying what to do."""

    def __init__(self, engine: Engine, display_url: str | None = None) -> None:
        self._engine = engine
        self._url = display_url or engine.url.render_as_string(hide_password=True)
        self._schema_ok = False

    @property
    def url(self) -> str:
        """The store's URL with the password masked."""
        return self._url

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    # --- connection and schema ---------------------------------------------------------------

    @contextmanager
    def _tx(self, check_schema: bool = True, write: bool = False) -> Iterator[Connection]:
        """One transaction; driver errors become StoreError naming the store.

        ``write=True`` takes SQLite's write lock up front (BEGIN IMMEDIATE): a deferred transaction that
        upgrades from read to write fails at once with "database is locked" when another process wrote
        meanwhile, while an immediate one waits for the busy timeout. PostgreSQL ignores the flag.
        """
        if check_schema and not self._schema_ok:
            self._check_schema()
        try:
            conn = self._engine.connect()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot reach the store at {self._url}: {exc.orig}") from exc
        conn.info["llo_write"] = write
        try:
            with conn, conn.begin():
                yield conn
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"store operation failed at {self._url}: {exc.orig}") from exc

    def _check_schema(self) -> None:
        with self._tx(check_schema=False) as conn:
            have = t.current_version(conn)
        if have == t.SCHEMA_VERSION:
            self._schema_ok = True
            return
        if have == 0:
            raise StoreError(f"the store at {self._url} has no schema yet; run `llo db init`")
        if have < t.SCHEMA_VERSION:
            raise StoreError(f"the store at {self._url} has schema version {have}, older than "
                             f"{t.SCHEMA_VERSION}; run `llo db init` to migrate it")
        raise StoreError(f"the store at {self._url} has schema version {have}, newer than this "
                         f"llo-zoeker knows ({t.SCHEMA_VERSION}); upgrade llo-zoeker")

    def init(self) -> None:
        """Create or migrate the schema to the current version (idempotent)."""
        self.migrate()

    def migrate(self, target: int = t.SCHEMA_VERSION) -> list[int]:
        """Apply pending migrations up to ``target`` in one transaction; returns the versions applied."""
        with self._tx(check_schema=False, write=True) as conn:
            applied = t.migrate(conn, target)
        self._schema_ok = target == t.SCHEMA_VERSION
        return applied

    def schema_version(self) -> int:
        """The database's schema version (0 when empty)."""
        with self._tx(check_schema=False) as conn:
            return t.current_version(conn)

    def close(self) -> None:
        self._engine.dispose()

    def _insert(self, table: sa.Table) -> Any:
        """The dialect's INSERT, which offers on_conflict_do_update / on_conflict_do_nothing."""
        return (postgresql.insert if self.backend == "postgresql" else sqlite.insert)(table)

    def _upsert(self, conn: Connection, table: sa.Table, key: Sequence[str], rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        stmt = self._insert(table)
        update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in key}
        conn.execute(stmt.on_conflict_do_update(index_elements=list(key), set_=update), rows)

    # --- providers ---------------------------------------------------------------------------

    def upsert_provider(self, provider: Provider) -> None:
        row = {"name": provider.name, "brin": provider.brin, "website": provider.website,
               "kind": provider.kind.value, "start_urls": json.dumps(list(provider.start_urls)),
               "allowed_domains": json.dumps(list(provider.allowed_domains))}
        with self._tx(write=True) as conn:
            self._upsert(conn, t.providers, ["name"], [row])

    def providers(self) -> list[Provider]:
        with self._tx() as conn:
            rows = conn.execute(sa.select(t.providers).order_by(t.providers.c.name)).all()
        return [Provider(name=r.name, brin=r.brin, website=r.website, kind=ProviderKind(r.kind),
                         start_urls=tuple(json.loads(r.start_urls)),
                         allowed_domains=tuple(json.loads(r.allowed_domains))) for r in rows]

    # --- crawl runs and fetches --------------------------------------------------------------

    def start_run(self, providers: list[str]) -> CrawlRun:
        """Record a new run (status "running") covering ``providers``; returns it with its id."""
        run = CrawlRun(id=None, started_at=_now(), providers=list(dict.fromkeys(providers)))
        with self._tx(write=True) as conn:
            result = conn.execute(t.crawl_runs.insert().values(
                started_at=run.started_at, status=run.status, providers=json.dumps(run.providers),
                stats="{}"))
            key = result.inserted_primary_key
            assert key is not None  # a single-row INSERT always reports its key
            run.id = int(key[0])
            if run.providers:
                conn.execute(t.crawl_run_providers.insert(),
                             [{"run_id": run.id, "provider": p} for p in run.providers])
        return run

    def finish_run(self, run: CrawlRun, status: str, stats: dict[str, int]) -> None:
        """Close ``run`` with ``status`` (finished | failed | partial); updates ``run`` in place too."""
        if status not in RUN_STATUSES:
            raise ValueError(f"run status must be one of {sorted(RUN_STATUSES)}, not {status!r}")
        if run.id is None:
            raise ValueError("finish_run needs a run returned by start_run (it has no id)")
        finished = _now()
        with self._tx(write=True) as conn:
            result = conn.execute(t.crawl_runs.update().where(t.crawl_runs.c.id == run.id).values(
                finished_at=finished, status=status, stats=json.dumps(stats, sort_keys=True)))
            if result.rowcount == 0:
                raise NotFoundError(f"crawl run {run.id} does not exist in the store at {self._url}")
        run.finished_at, run.status, run.stats = finished, status, dict(stats)

    def recent_runs(self, limit: int = 5) -> list[CrawlRun]:
        """The last ``limit`` crawl runs, newest first."""
        with self._tx() as conn:
            rows = conn.execute(sa.select(t.crawl_runs).order_by(t.crawl_runs.c.id.desc()).limit(limit)).all()
        return [CrawlRun(id=r.id, started_at=r.started_at, finished_at=r.finished_at, status=r.status,
                         providers=json.loads(r.providers), stats=json.loads(r.stats)) for r in rows]

    def record_fetch(self, fetch: PageFetch) -> None:
        """Insert or replace the fetch record of ``fetch.url``."""
        row = _fetch_row(fetch)
        with self._tx(write=True) as conn:
            self._upsert(conn, t.page_fetches, ["url"], [row])

    def record_page(self, fetch: PageFetch, offerings: list[Offering], run_id: int | None) -> UpsertResult:
        """:meth:`upsert_offerings` for ``fetch.url`` and :meth:`record_fetch`, in ONE transaction: a
        crawler stores a page's offerings and its fetch record together (both or neither), at the cost
        of one commit instead of one per item."""
        row = _fetch_row(fetch)
        with self._tx(write=True) as conn:
            result = self._upsert_offerings(conn, ((o, fetch.url) for o in offerings), run_id)
            self._upsert(conn, t.page_fetches, ["url"], [row])
        return result

    def get_fetch(self, url: str) -> PageFetch | None:
        with self._tx() as conn:
            r = conn.execute(sa.select(t.page_fetches).where(t.page_fetches.c.url == url)).first()
        if r is None:
            return None
        return PageFetch(url=r.url, provider=r.provider, status=r.status, fetched_at=r.fetched_at,
                         content_hash=r.content_hash, etag=r.etag, last_modified=r.last_modified,
                         is_offering=r.is_offering, run_id=r.run_id, reason=r.reason,
                         outlinks=None if r.outlinks is None
                         else [(str(u), int(p), int(sc)) for u, p, sc in json.loads(r.outlinks)])

    # --- offerings ---------------------------------------------------------------------------

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
        now = _now()
        c = t.offerings.c
        for batch in _batches(items, BATCH_SIZE):
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
            for row in rows:
                yield offering_from_row(row)
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

    # --- mappings ----------------------------------------------------------------------------

    def save_mappings(self, mappings: Iterable[Mapping]) -> None:
        """Insert or replace the mapping of each offering, all in one transaction."""
        with self._tx(write=True) as conn:
            for batch in _batches(mappings, BATCH_SIZE):
                rows = {m.offering_id: {
                    "offering_id": m.offering_id, "crebo": m.crebo, "confidence": m.confidence,
                    "method": m.method, "evidence": json.dumps(list(m.evidence), ensure_ascii=False),
                    "certificate": m.certificate, "werkprocessen": json.dumps(list(m.werkprocessen)),
                    "flags": json.dumps(list(m.flags)),
                } for m in batch}
                self._upsert(conn, t.mappings, ["offering_id"], list(rows.values()))

    def mappings(self) -> dict[str, Mapping]:
        with self._tx() as conn:
            rows = conn.execute(sa.select(t.mappings).order_by(t.mappings.c.offering_id)).all()
        return {r.offering_id: Mapping(
            offering_id=r.offering_id, crebo=r.crebo, confidence=r.confidence, method=r.method,
            evidence=tuple(json.loads(r.evidence)), certificate=r.certificate,
            werkprocessen=tuple(json.loads(r.werkprocessen)), flags=tuple(json.loads(r.flags)),
        ) for r in rows}

    # --- statistics --------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Row counts per table plus active/stale offerings and mapped offerings, and the schema version."""
        count = sa.func.count()
        o, m = t.offerings.c, t.mappings.c
        with self._tx() as conn:
            result = {table.name: int(conn.execute(sa.select(count).select_from(table)).scalar_one())
                      for table in (t.providers, t.offerings, t.crawl_runs, t.page_fetches, t.mappings)}
            result["offerings_stale"] = int(conn.execute(
                sa.select(count).select_from(t.offerings).where(o.stale == sa.true())).scalar_one())
            result["mappings_with_crebo"] = int(conn.execute(
                sa.select(count).select_from(t.mappings).where(m.crebo.is_not(None))).scalar_one())
            result["schema_version"] = t.current_version(conn)
        result["offerings_active"] = result["offerings"] - result["offerings_stale"]
        return result
