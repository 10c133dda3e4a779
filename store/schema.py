"""Tables of the store (SQLAlchemy Core) and the ordered schema migrations.

The ``schema_version`` table holds one row per applied migration. :func:`migrate` applies the pending
ones in order inside one transaction; a database whose version is newer than :data:`SCHEMA_VERSION`
is refused with a :class:`~skills.errors.StoreError` rather than written by code that does not know it.

Rules for adding a migration: append to :data:`MIGRATIONS` with the next version number and keep the
table definitions below current. Earlier migrations create tables from these (current) definitions, so a
later migration that adds a column to an existing table must check the inspector first and skip the
column when a fresh database already has it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

from skills.errors import StoreError

log = logging.getLogger(__name__)


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text, PostgreSQL timestamptz)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        # SQLite keeps the text as given; store naive UTC so ordering by text is chronological.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", UtcDateTime, nullable=False),
)

providers = sa.Table(
    "providers",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("brin", sa.Text),
    sa.Column("website", sa.Text),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("start_urls", sa.Text, nullable=False, server_default="[]"),  # JSON list
    sa.Column("allowed_domains", sa.Text, nullable=False, server_default="[]"),  # JSON list
)

offerings = sa.Table(
    "offerings",
    metadata,
    # sha1(url#slot)[:16]: equivalent to the (url, slot) key, short enough to join and index cheaply.
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("slot", sa.Text, nullable=False, server_default=""),
    sa.Column("page_url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("provider", sa.Text, nullable=False),
    sa.Column("offering_type", sa.Text, nullable=False),
    sa.Column("crebo_stated", sa.Text),
    sa.Column("leerwegen", sa.Text, nullable=False, server_default="[]"),  # JSON lists from here on
    sa.Column("niveau", sa.Integer),
    sa.Column("locations", sa.Text, nullable=False, server_default="[]"),
    sa.Column("duration", sa.Text),
    sa.Column("price_eur", sa.Float),
    sa.Column("price_note", sa.Text, nullable=False, server_default=""),
    sa.Column("start_dates", sa.Text, nullable=False, server_default="[]"),
    sa.Column("target_group", sa.Text, nullable=False, server_default="[]"),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("first_seen", UtcDateTime, nullable=False),
    sa.Column("last_seen", UtcDateTime, nullable=False),
    sa.Column("stale", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("last_run_id", sa.Integer),
    sa.UniqueConstraint("url", "slot", name="uq_offerings_url_slot"),
    sa.Index("ix_offerings_provider_stale", "provider", "stale"),
)

crawl_runs = sa.Table(
    "crawl_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", UtcDateTime, nullable=False),
    sa.Column("finished_at", UtcDateTime),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("providers", sa.Text, nullable=False, server_default="[]"),  # JSON list
    sa.Column("stats", sa.Text, nullable=False, server_default="{}"),  # JSON object
)

page_fetches = sa.Table(
    "page_fetches",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("provider", sa.Text, nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("fetched_at", UtcDateTime, nullable=False),
    sa.Column("content_hash", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("is_offering", sa.Boolean),
    sa.Column("run_id", sa.Integer),
    # Why a fetch did not give a page (redirect-loop, timeout, oversize, robots, http-error, ...); NULL if it did.
    sa.Column("reason", sa.Text),
    # The links the spider followed from this page (JSON list of [url, priority, score]), so a 304 or a
    # resumed crawl can follow them again without the body. NULL: never parsed.
    sa.Column("outlinks", sa.Text),
)

mappings = sa.Table(
    "mappings",
    metadata,
    # No foreign key to offerings: mappings are derived data and may be computed from a JSON Lines file.
    sa.Column("offering_id", sa.String(16), primary_key=True),
    sa.Column("crebo", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("method", sa.Text, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False, server_default="[]"),  # JSON lists
    sa.Column("certificate", sa.Text),
    sa.Column("werkprocessen", sa.Text, nullable=False, server_default="[]"),
    sa.Column("flags", sa.Text, nullable=False, server_default="[]"),
)

# Which crawl runs covered which provider: mark_stale counts only finished runs of that provider.
crawl_run_providers = sa.Table(
    "crawl_run_providers",
    metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("crawl_runs.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("provider", sa.Text, primary_key=True),
    sa.Index("ix_crawl_run_providers_provider", "provider"),
)

# One row per (offering, run) that saw it: how mark_stale knows which complete runs saw an offering.
offering_sightings = sa.Table(
    "offering_sightings",
    metadata,
    sa.Column("offering_id", sa.String(16), sa.ForeignKey("offerings.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("crawl_runs.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_offering_sightings_run", "run_id"),
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create(*tables: sa.Table) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)

    return apply


def _v2_sightings(conn: Connection) -> None:
    _create(crawl_run_providers, offering_sightings)(conn)
    # Backfill run coverage from the JSON list version 1 kept on each run.
    rows = conn.execute(sa.select(crawl_runs.c.id, crawl_runs.c.providers)).all()
    coverage = [{"run_id": run_id, "provider": name}
                for run_id, names in rows for name in dict.fromkeys(json.loads(names or "[]"))]
    if coverage:
        conn.execute(crawl_run_providers.insert(), coverage)


def _v3_fetch_reason_outlinks(conn: Connection) -> None:
    have = {c["name"] for c in sa.inspect(conn).get_columns(page_fetches.name)}
    for column in (page_fetches.c.reason, page_fetches.c.outlinks):
        if column.name not in have:
            conn.execute(sa.text(f"ALTER TABLE {page_fetches.name} ADD COLUMN {column.name} TEXT"))


def _v4_price_note(conn: Connection) -> None:
    # Version 1 creates offerings from the current definition, which already has the column.
    if "price_note" not in {c["name"] for c in sa.inspect(conn).get_columns(offerings.name)}:
        conn.execute(sa.text("ALTER TABLE offerings ADD COLUMN price_note TEXT NOT NULL DEFAULT ''"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "providers, offerings, crawl runs, page fetches, mappings",
              _create(providers, offerings, crawl_runs, page_fetches, mappings)),
    Migration(2, "crawl run coverage per provider and offering sightings per run", _v2_sightings),
    Migration(3, "page fetches keep their failure reason and followed links", _v3_fetch_reason_outlinks),
    Migration(4, "offerings.price_note: a price's unit and qualifiers", _v4_price_note),
)
SCHEMA_VERSION: int = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The schema version of the database behind ``conn``; 0 for an empty database."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return 0
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(schema_version.c.version), 0))).scalar_one())


def migrate(conn: Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply pending migrations up to ``target`` on ``conn`` (the caller owns the transaction).

    Returns the versions applied, in order. Raises StoreError when the database is newer than this code.
    """
    have = current_version(conn)
    if have > SCHEMA_VERSION:
        raise StoreError(
            f"the store's schema is version {have}, newer than this llo-zoeker knows ({SCHEMA_VERSION}); "
            "upgrade llo-zoeker or point LLO_DATABASE_URL at another database"
        )
    if have == 0:
        schema_version.create(conn, checkfirst=True)
    applied: list[int] = []
    for migration in MIGRATIONS:
        if have < migration.version <= target:
            log.info("applying store migration %d: %s", migration.version, migration.description)
            migration.apply(conn)
            row: dict[str, Any] = {"version": migration.version, "description": migration.description,
                                   "applied_at": datetime.now(UTC)}
            conn.execute(schema_version.insert(), row)
            applied.append(migration.version)
    return applied
