"""Schema versioning: fresh databases, upgrades from older versions, refusal of newer ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from skills.errors import StoreError
from skills.model import Offering, PageFetch
from store import open_store
from store import schema as t


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'llo.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def test_migrations_are_numbered_in_order() -> None:
    versions = [m.version for m in t.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[-1] == t.SCHEMA_VERSION


def test_fresh_database_gets_every_table(db_url: str) -> None:
    s = open_store(db_url)
    try:
        assert s.schema_version() == 0
        assert s.migrate() == [m.version for m in t.MIGRATIONS]
        with s._engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            recorded = conn.execute(sa.select(t.schema_version.c.version)).scalars().all()
        assert set(t.metadata.tables) <= tables
        assert recorded == [m.version for m in t.MIGRATIONS]
    finally:
        s.close()


def test_upgrade_from_version_1_keeps_data_and_backfills_run_coverage(db_url: str) -> None:
    s = open_store(db_url)
    try:
        assert s.migrate(target=1) == [1]
        with pytest.raises(StoreError, match="version 1, older.*llo db init"):
            s.count_offerings()
        now = datetime.now(UTC)
        with s._engine.begin() as conn:
            conn.execute(t.crawl_runs.insert().values(
                id=1, started_at=now, finished_at=now, status="finished",
                providers=json.dumps(["ROC A", "ROC B"]), stats="{}"))
        assert s.migrate(target=2) == [2]
        assert s.schema_version() == 2
        with s._engine.connect() as conn:
            coverage = conn.execute(sa.select(t.crawl_run_providers.c.run_id, t.crawl_run_providers.c.provider)
                                    .order_by(t.crawl_run_providers.c.provider)).all()
        assert [tuple(r) for r in coverage] == [(1, "ROC A"), (1, "ROC B")]
        assert s.migrate() == [3, 4]
        # Coverage is what mark_stale reads, so the migrated run counts as a complete crawl.
        s.upsert_offerings("p", [Offering(url="https://a.example/x", title="X", provider="ROC A")], None)
        assert s.recent_runs()[0].providers == ["ROC A", "ROC B"]
    finally:
        s.close()


def test_upgrade_from_version_3_adds_price_note_and_keeps_offerings(db_url: str) -> None:
    s = open_store(db_url)
    try:
        assert s.migrate(target=3) == [1, 2, 3]
        with s._engine.begin() as conn:  # a version-3 database had no price_note column
            conn.execute(sa.text("ALTER TABLE offerings DROP COLUMN price_note"))
        now = datetime.now(UTC)
        with s._engine.begin() as conn:
            conn.execute(t.offerings.insert().values(
                id="0123456789abcdef", url="https://a.example/x", slot="", page_url="https://a.example/x",
                title="Kok", provider="ROC A", offering_type="mbo-diploma", leerwegen="[]", locations="[]",
                price_eur=525.0, start_dates="[]", target_group="[]", description="", content_hash="h",
                first_seen=now, last_seen=now))
        assert s.migrate() == [4]
        got = s.get_offering("0123456789abcdef")
        assert got is not None and (got.title, got.price_eur, got.price_note) == ("Kok", 525.0, "")
        s.upsert_offerings("https://a.example/y", [Offering(url="https://a.example/y", title="Bakker", provider="ROC A",
                                                             price_eur=600.0, price_note="per jaar")], None)
        assert [o.price_note for o in s.offerings() if o.title == "Bakker"] == ["per jaar"]
    finally:
        s.close()


def test_upgrade_to_version_3_adds_fetch_reason_and_outlinks(db_url: str) -> None:
    s = open_store(db_url)
    try:
        assert s.migrate(target=2) == [1, 2]
        with s._engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE page_fetches DROP COLUMN reason"))
            conn.execute(sa.text("ALTER TABLE page_fetches DROP COLUMN outlinks"))
            conn.execute(t.page_fetches.insert().values(url="https://a.example/", provider="ROC A", status=200,
                                                        fetched_at=datetime.now(UTC)))
        assert s.migrate() == [3, 4]
        kept = s.get_fetch("https://a.example/")
        assert kept is not None and kept.status == 200 and kept.outlinks is None and kept.reason is None
        s.record_fetch(PageFetch(url="https://a.example/", provider="ROC A", status=304, fetched_at=datetime.now(UTC),
                                 outlinks=[("https://a.example/2", 20, 0)], reason=None))
        again = s.get_fetch("https://a.example/")
        assert again is not None and again.outlinks == [("https://a.example/2", 20, 0)]
    finally:
        s.close()


def test_newer_database_is_refused(db_url: str) -> None:
    s = open_store(db_url)
    try:
        s.init()
        with s._engine.begin() as conn:
            conn.execute(t.schema_version.insert().values(
                version=t.SCHEMA_VERSION + 5, description="from the future", applied_at=datetime.now(UTC)))
        with pytest.raises(StoreError, match=f"version {t.SCHEMA_VERSION + 5}, newer than this llo-zoeker"):
            s.init()
    finally:
        s.close()
    fresh = open_store(db_url)  # a new process refuses it too, on first use
    try:
        with pytest.raises(StoreError, match="newer than this llo-zoeker"):
            fresh.offerings().__next__()
    finally:
        fresh.close()
