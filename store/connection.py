"""SqlConnection: one SQLAlchemy engine, its transactions, the schema check and the dialect's upserts.

The base of :class:`store.sql.SqlStore`; the record kinds (:mod:`store.crawl_records`,
:mod:`store.offering_records`) build on it. The same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from skills.errors import StoreError
from store import schema as t

BATCH_SIZE = 1000


def now() -> datetime:
    """The current time in UTC (what the store writes as first_seen, last_seen, started_at)."""
    return datetime.now(UTC)


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size``."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class SqlConnection:
    """The store's engine. Every method but :meth:`init`, :meth:`migrate` and :meth:`schema_version`
    refuses a database that is not at the current schema version with a StoreError saying what to do."""

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
