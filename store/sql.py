"""SqlStore: the Store protocol on SQLAlchemy Core; the same code serves SQLite and PostgreSQL.

Writes go through one transaction per call. The class is assembled from one module per kind of record:
the engine and schema (:mod:`store.connection`), crawl runs and fetches (:mod:`store.crawl_records`),
offerings (:mod:`store.offering_records`); providers, a page stored whole, mappings and statistics are
here. Upserts other than offerings' use the dialect's ON CONFLICT.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa

from skills.model import Mapping, Offering, PageFetch, Provider, ProviderKind
from store import schema as t
from store.base import UpsertResult
from store.connection import BATCH_SIZE, batches
from store.crawl_records import CrawlRecords, fetch_row
from store.offering_records import OfferingRecords


class SqlStore(OfferingRecords, CrawlRecords):
    """The store on one SQLAlchemy engine. Open it with :func:`store.open_store`; call :meth:`init` once
    to create or migrate the schema. Every other method refuses a database that is not at the current
    schema version with a StoreError saying what to do."""

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

    def record_page(self, fetch: PageFetch, offerings: list[Offering], run_id: int | None) -> UpsertResult:
        """:meth:`upsert_offerings` for ``fetch.url`` and :meth:`record_fetch`, in ONE transaction: a
        crawler stores a page's offerings and its fetch record together (both or neither), at the cost
        of one commit instead of one per item."""
        row = fetch_row(fetch)
        with self._tx(write=True) as conn:
            result = self._upsert_offerings(conn, ((o, fetch.url) for o in offerings), run_id)
            self._upsert(conn, t.page_fetches, ["url"], [row])
        return result

    # --- mappings ----------------------------------------------------------------------------

    def save_mappings(self, mappings: Iterable[Mapping]) -> None:
        """Insert or replace the mapping of each offering, all in one transaction."""
        with self._tx(write=True) as conn:
            for batch in batches(mappings, BATCH_SIZE):
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
