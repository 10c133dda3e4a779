"""SqlStore against real SQLite files and the real PostgreSQL server: the same tests on both backends."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import store.offering_records
from skills.errors import NotFoundError, StoreError
from skills.model import (
    Leerweg,
    Mapping,
    Offering,
    OfferingType,
    PageFetch,
    Provider,
    ProviderKind,
    TargetGroup,
)
from store import open_store
from store.base import Store, UpsertResult
from store.schema import SCHEMA_VERSION
from store.sql import SqlStore


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'nested' / 'llo.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[SqlStore]:
    s = open_store(db_url)
    s.init()
    try:
        yield s
    finally:
        s.close()


def offering(n: int = 1, provider: str = "ROC Test", **changes: object) -> Offering:
    fields: dict[str, object] = {
        "url": f"https://roc.example/opleidingen/{n}", "title": f"Opleiding {n}", "provider": provider,
    }
    fields.update(changes)
    return Offering(**fields)  # type: ignore[arg-type]


def rich_offering() -> Offering:
    return Offering(
        url="https://roc.example/verzorgende-ig", title="Verzorgende IG (BBL) – ’s-Hertogenbosch",
        provider="ROC Test", offering_type=OfferingType.MBO_CERTIFICAAT, crebo_stated="25491",
        leerwegen=[Leerweg.BBL, Leerweg.DEELTIJD], niveau=3, locations=["Utrecht", "Zeist"],
        duration="2 jaar", price_eur=1234.5, start_dates=[date(2025, 9, 1), date(2026, 2, 1)],
        target_group=[TargetGroup.WERKENDEN, TargetGroup.ZIJ_INSTROMERS], description="Zorg ë ü",
        slot="bbl",
    )


# --- schema ------------------------------------------------------------------------------------

def test_init_is_idempotent(db: SqlStore) -> None:
    as_protocol: Store = db  # mypy checks SqlStore against the Store protocol here
    assert as_protocol is db
    assert db.schema_version() == SCHEMA_VERSION
    assert db.migrate() == []
    db.init()
    assert db.stats()["schema_version"] == SCHEMA_VERSION


def test_use_before_init_says_what_to_do(db_url: str) -> None:
    s = open_store(db_url)
    try:
        with pytest.raises(StoreError, match="llo db init"):
            s.count_offerings()
    finally:
        s.close()


# --- providers, runs, fetches -------------------------------------------------------------------

def test_providers_upsert_replaces(db: SqlStore) -> None:
    db.upsert_provider(Provider(name="B-school", brin="01AB"))
    db.upsert_provider(Provider(name="A-school", kind=ProviderKind.AOC, start_urls=("https://a.example/",),
                                allowed_domains=("a.example",)))
    db.upsert_provider(Provider(name="B-school", brin="02CD", website="https://b.example"))
    assert db.providers() == [
        Provider(name="A-school", kind=ProviderKind.AOC, start_urls=("https://a.example/",),
                 allowed_domains=("a.example",)),
        Provider(name="B-school", brin="02CD", website="https://b.example"),
    ]


def test_runs_start_finish_and_list(db: SqlStore) -> None:
    run = db.start_run(["A", "B", "A"])
    assert run.id is not None and run.status == "running" and run.providers == ["A", "B"]
    db.finish_run(run, "partial", {"pages": 7})
    assert run.status == "partial" and run.finished_at is not None
    second = db.start_run(["A"])
    listed = db.recent_runs()
    assert [r.id for r in listed] == [second.id, run.id]
    assert listed[1].status == "partial" and listed[1].stats == {"pages": 7}
    assert listed[1].started_at.tzinfo is not None
    with pytest.raises(ValueError, match="status"):
        db.finish_run(second, "done", {})


def test_finish_unknown_run_is_not_found(db: SqlStore) -> None:
    run = db.start_run(["A"])
    run.id = 9999
    with pytest.raises(NotFoundError):
        db.finish_run(run, "finished", {})


def test_fetch_records_replace(db: SqlStore) -> None:
    at = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert db.get_fetch("https://x.example/a") is None
    db.record_fetch(PageFetch(url="https://x.example/a", provider="X", status=200, fetched_at=at,
                              etag='"abc"', content_hash="h1", is_offering=True))
    db.record_fetch(PageFetch(url="https://x.example/a", provider="X", status=304, fetched_at=at,
                              etag='"abc"', last_modified="Sat, 01 Mar 2025 12:00:00 GMT", content_hash="h1",
                              is_offering=True))
    got = db.get_fetch("https://x.example/a")
    assert got == PageFetch(url="https://x.example/a", provider="X", status=304, fetched_at=at, content_hash="h1",
                            etag='"abc"', last_modified="Sat, 01 Mar 2025 12:00:00 GMT", is_offering=True)


# --- offerings ---------------------------------------------------------------------------------

def test_offering_round_trip_keeps_every_field(db: SqlStore) -> None:
    o = rich_offering()
    assert db.upsert_offerings(o.url, [o], None).inserted == 1
    got = db.get_offering(o.id)
    assert got is not None
    assert got.first_seen is not None and got.first_seen.tzinfo is not None
    assert got.content_hash
    expected = rich_offering()
    expected.content_hash, expected.first_seen, expected.last_seen = got.content_hash, got.first_seen, got.last_seen
    assert got == expected
    assert db.get_offering("0" * 16) is None


def test_upsert_unchanged_changed_and_first_seen(db: SqlStore) -> None:
    a, b = offering(1), offering(2)
    assert db.upsert_offerings(a.url, [a, b], None) == UpsertResult(inserted=2)
    first = db.get_offering(a.id)
    assert first is not None and first.first_seen is not None and first.last_seen is not None

    again = db.upsert_offerings(a.url, [offering(1), offering(2, title="Opleiding 2 (nieuw)")], None)
    assert again == UpsertResult(updated=1, unchanged=1)
    a2, b2 = db.get_offering(a.id), db.get_offering(b.id)
    assert a2 is not None and b2 is not None and a2.last_seen is not None
    assert a2.first_seen == first.first_seen and a2.last_seen > first.last_seen
    assert b2.title == "Opleiding 2 (nieuw)" and b2.first_seen is not None
    assert b2.content_hash != a2.content_hash


def test_explicit_content_hash_decides_change(db: SqlStore) -> None:
    db.upsert_offerings("p", [offering(1, content_hash="same")], None)
    # Same hash: the store trusts it and keeps the stored fields.
    assert db.upsert_offerings("p", [offering(1, content_hash="same", title="x")], None).unchanged == 1
    stored = db.get_offering(offering(1).id)
    assert stored is not None and stored.title == "Opleiding 1"


def test_slots_and_absent_offerings_of_a_page(db: SqlStore) -> None:
    page = "https://roc.example/opleidingen/1"
    bol, bbl = offering(1, slot="bol"), offering(1, slot="bbl")
    assert bol.id != bbl.id
    db.upsert_offerings(page, [bol, bbl], None)
    # Only one slot seen now: the other is left alone, not deleted.
    db.upsert_offerings(page, [offering(1, slot="bol")], None)
    assert db.count_offerings() == 2


def test_duplicates_in_one_call_last_wins(db: SqlStore) -> None:
    result = db.upsert_offerings("p", [offering(1, title="old"), offering(1, title="new")], None)
    assert result.inserted == 1
    got = db.get_offering(offering(1).id)
    assert got is not None and got.title == "new"


def test_offerings_stream_in_id_order_across_batches(db: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store.offering_records, "BATCH_SIZE", 3)
    items = [offering(n, provider="A" if n % 2 else "B") for n in range(10)]
    assert db.import_offerings(items).inserted == 10
    ids = [o.id for o in db.offerings()]
    assert ids == sorted(o.id for o in items)
    assert {o.provider for o in db.offerings(provider="B")} == {"B"}
    assert len(list(db.offerings(provider="B"))) == 5


def test_offerings_by_the_page_they_were_found_on(db: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue feed's offerings carry their own URLs: they are found under the feed's URL."""
    monkeypatch.setattr(store.offering_records, "BATCH_SIZE", 2)
    feed = "https://roc.example/api/opleidingen.json"
    db.upsert_offerings(feed, [offering(1), offering(2), offering(3)], None)
    db.upsert_offerings("https://roc.example/opleidingen/4", [offering(4)], None)
    db.upsert_offerings("https://other.example/x", [offering(5, provider="ROC Ander")], None)
    by_page = db.offerings_by_page("ROC Test")
    assert {page: sorted(o.url for o in found) for page, found in by_page.items()} == {
        feed: [offering(n).url for n in (1, 2, 3)],
        "https://roc.example/opleidingen/4": [offering(4).url]}


def test_import_is_atomic(db: SqlStore) -> None:
    items = [offering(n) for n in range(5)]
    # Run 424242 does not exist: recording the sightings breaks a foreign key after the offerings were written.
    with pytest.raises(StoreError):
        db.import_offerings(items, run_id=424242)
    assert db.count_offerings(include_stale=True) == 0


def test_import_reports_progress_and_is_idempotent(db: SqlStore) -> None:
    items = [offering(n, last_seen=datetime(2025, 1, 1, tzinfo=UTC)) for n in range(7)]
    seen: list[int] = []
    assert db.import_offerings(items, progress=seen.append).inserted == 7
    assert sum(seen) == 7
    assert db.import_offerings(items) == UpsertResult(unchanged=7)
    got = db.get_offering(items[0].id)
    assert got is not None and got.last_seen == datetime(2025, 1, 1, tzinfo=UTC)


# --- stale -------------------------------------------------------------------------------------

def _crawl(db: SqlStore, provider: str, seen: list[Offering], status: str = "finished") -> int:
    run = db.start_run([provider])
    assert run.id is not None
    for o in seen:
        db.upsert_offerings(o.url, [o], run.id)
    db.finish_run(run, status, {"offerings": len(seen)})
    return run.id


def test_mark_stale_counts_only_finished_runs_of_that_provider(db: SqlStore) -> None:
    keep, gone = offering(1), offering(2)
    _crawl(db, "ROC Test", [keep, gone])
    r2 = _crawl(db, "ROC Test", [keep])
    r3 = _crawl(db, "ROC Test", [keep])
    assert db.mark_stale("ROC Test", r3, after_runs=3) == 0  # seen in run 1, which is in the window
    _crawl(db, "ROC Test", [keep], status="failed")
    _crawl(db, "ROC Test", [keep], status="partial")
    _crawl(db, "Other", [])
    assert db.mark_stale("ROC Test", r3, after_runs=2) == 1  # windows can be asked for explicitly
    assert db.mark_stale("ROC Test", r2, after_runs=5) == 0  # fewer complete runs than asked: nothing
    stale = db.get_offering(gone.id)
    assert stale is not None and stale.stale
    assert db.count_offerings() == 1 and db.count_offerings(include_stale=True) == 2
    assert [o.id for o in db.offerings()] == [keep.id]
    assert {o.id for o in db.offerings(include_stale=True)} == {keep.id, gone.id}
    stats = db.stats()
    assert stats["offerings_stale"] == 1 and stats["offerings_active"] == 1

    # Seen again: active again, first_seen kept.
    r = _crawl(db, "ROC Test", [offering(2)])
    again = db.get_offering(gone.id)
    assert again is not None and not again.stale and again.first_seen == stale.first_seen
    assert db.mark_stale("ROC Test", r, after_runs=1) == 1  # now keep is the one the last run missed
    kept = db.get_offering(keep.id)
    assert kept is not None and kept.stale


def test_mark_stale_after_window_of_runs(db: SqlStore) -> None:
    keep, gone = offering(1), offering(2)
    _crawl(db, "ROC Test", [keep, gone])
    runs = [_crawl(db, "ROC Test", [keep]) for _ in range(3)]
    assert db.mark_stale("ROC Test", runs[1], after_runs=3) == 0
    assert db.mark_stale("ROC Test", runs[2], after_runs=3) == 1
    assert db.mark_stale("ROC Test", runs[2], after_runs=3) == 0  # already stale


def test_mark_stale_refuses_failed_or_partial_run(db: SqlStore) -> None:
    _crawl(db, "ROC Test", [offering(1)])
    failed = _crawl(db, "ROC Test", [], status="failed")
    partial = _crawl(db, "ROC Test", [], status="partial")
    assert db.mark_stale("ROC Test", failed, after_runs=1) == 0
    assert db.mark_stale("ROC Test", partial, after_runs=1) == 0
    assert db.count_offerings() == 1
    with pytest.raises(NotFoundError):
        db.mark_stale("ROC Test", 999_999, after_runs=1)


def test_mark_stale_with_the_run_still_running(db: SqlStore) -> None:
    _crawl(db, "ROC Test", [offering(1), offering(2)])
    run = db.start_run(["ROC Test"])
    assert run.id is not None
    db.upsert_offerings("p", [offering(1)], run.id)
    assert db.mark_stale("ROC Test", run.id, after_runs=1) == 1


# --- mappings and stats ------------------------------------------------------------------------

def test_mappings_save_and_replace(db: SqlStore) -> None:
    m1 = Mapping(offering_id="a" * 16, crebo="25491", confidence=0.93, method="crebo",
                 evidence=("crebo 25491 op de pagina",), werkprocessen=("B1-K1-W1",), flags=("legacy-crebo",))
    m2 = Mapping(offering_id="b" * 16, crebo=None, confidence=0.0, method="unmapped")
    db.save_mappings([m1, m2])
    db.save_mappings(iter([Mapping(offering_id="b" * 16, crebo="25486", confidence=0.7, method="name-fuzzy",
                                   certificate="C0123")]))
    got = db.mappings()
    assert got["a" * 16] == m1
    assert got["b" * 16].crebo == "25486" and got["b" * 16].certificate == "C0123"
    stats = db.stats()
    assert stats["mappings"] == 2 and stats["mappings_with_crebo"] == 2


def test_stats_counts_tables(db: SqlStore) -> None:
    db.upsert_provider(Provider(name="P"))
    _crawl(db, "P", [offering(1, provider="P")])
    db.record_fetch(PageFetch(url="u", provider="P", status=200, fetched_at=datetime.now(UTC)))
    stats = db.stats()
    assert {k: stats[k] for k in ("providers", "offerings", "crawl_runs", "page_fetches", "mappings")} == {
        "providers": 1, "offerings": 1, "crawl_runs": 1, "page_fetches": 1, "mappings": 0}


# --- connections -------------------------------------------------------------------------------

def test_unreachable_postgres_is_a_clear_error_without_password() -> None:
    with pytest.raises(StoreError, match="cannot reach the store at postgresql") as info:
        open_store("postgresql://llo:s3cret@127.0.0.1:1/llo")
    assert "s3cret" not in str(info.value)


def test_unsupported_url_is_refused() -> None:
    with pytest.raises(StoreError, match="unsupported store URL"):
        open_store("mysql://u@h/db")


def test_sqlite_file_settings(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "llo.sqlite3"
    s = open_store(f"sqlite:///{path}")
    s.init()
    s.close()
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with s._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_record_page_writes_offerings_and_fetch_together(db: SqlStore) -> None:
    at = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    fetch = PageFetch(url="https://roc.example/opleidingen/1", provider="ROC Test", status=200, fetched_at=at,
                      content_hash="h1", is_offering=True)
    assert db.record_page(fetch, [offering(1)], None) == UpsertResult(inserted=1)
    assert db.get_fetch(fetch.url) == fetch
    assert [o.title for o in db.offerings()] == ["Opleiding 1"]
    assert db.record_page(fetch, [offering(1)], None) == UpsertResult(unchanged=1)
    assert db.record_page(fetch, [], None) == UpsertResult()
