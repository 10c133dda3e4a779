"""Crawl runs and page fetch records of the store (a part of :class:`store.sql.SqlStore`)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from skills.errors import NotFoundError
from skills.model import CrawlRun, PageFetch
from store import schema as t
from store.connection import SqlConnection, now

RUN_STATUSES = frozenset({"finished", "failed", "partial"})


def fetch_row(fetch: PageFetch) -> dict[str, Any]:
    """The ``page_fetches`` row of ``fetch``."""
    return {"url": fetch.url, "provider": fetch.provider, "status": fetch.status,
            "fetched_at": fetch.fetched_at, "content_hash": fetch.content_hash, "etag": fetch.etag,
            "last_modified": fetch.last_modified, "is_offering": fetch.is_offering, "run_id": fetch.run_id,
            "reason": fetch.reason,
            "outlinks": None if fetch.outlinks is None else json.dumps([list(link) for link in fetch.outlinks])}


class CrawlRecords(SqlConnection):
    """Crawl runs (with the providers each covered) and one fetch record per page URL."""

    def start_run(self, providers: list[str]) -> CrawlRun:
        """Record a new run (status "running") covering ``providers``; returns it with its id."""
        run = CrawlRun(id=None, started_at=now(), providers=list(dict.fromkeys(providers)))
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
        finished = now()
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
        row = fetch_row(fetch)
        with self._tx(write=True) as conn:
            self._upsert(conn, t.page_fetches, ["url"], [row])

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
