"""Open a store from a URL: ``sqlite:///path`` (embedded default) or ``postgresql://...``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from skills.errors import StoreError
from store.sql import SqlStore

SQLITE_BUSY_TIMEOUT_MS = 30_000


def safe_url(url: str) -> str:
    """``url`` with any password masked, fit for messages and logs."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url.split("@", 1)[-1] if "@" in url else url


def _driver_url(url: str) -> sa.engine.URL:
    """Parse ``url``; plain PostgreSQL URLs get the psycopg 3 driver."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {safe_url(url)!r} ({exc})") from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise StoreError(f"unsupported store URL {safe_url(url)!r}: use sqlite:///PATH or postgresql://...")
    return parsed


def _sqlite_engine(url: sa.engine.URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # SQLAlchemy emits BEGIN itself (see _on_begin), so DDL runs inside transactions too.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            if database and database != ":memory:":
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("llo_write") else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    """A configured SQLAlchemy engine for ``url`` (no connection is made yet)."""
    parsed = _driver_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def open_store(url: str) -> SqlStore:
    """Open the store at ``url`` and check it can be reached; call ``init()`` to create/migrate the schema.

    Raises StoreError("cannot reach the store at <url>: ...") when the database cannot be connected to.
    """
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise StoreError(f"cannot reach the store at {safe_url(url)}: {exc.orig}") from exc
    return SqlStore(engine, display_url=safe_url(url))
