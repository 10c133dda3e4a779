"""The peer: PostgreSQL full-text search (``dutch`` configuration) on the same offerings and dev queries.

    .venv/bin/python -m bench.pg_fts [--pg postgresql://postgres@127.0.0.1:5432/test] [--encoder static]
                                     [--rounds 3]

Loads the sample-web offerings (bench.dataset) into a scratch table with a GIN-indexed tsvector
(title weight A, page text weight B), ranks with ts_rank_cd over ``websearch_to_tsquery`` turned into an
OR query (plain AND would return nothing for most sentence-like queries), and judges offerings at crebo level
exactly like `llo eval`. In the same run it builds our index on the same offerings and measures it too.

The two are measured *interleaved*: for every query of every round, PostgreSQL then llo (the order flips
each round), so both see the same machine load; the load average is recorded per round. Round 1 is cold
for llo (it has never seen the query text; later rounds reuse its cached query analysis, see
index/query.py) and for PostgreSQL (its buffers are warm from loading the table). llo's figures are
for 100 results with explanations a query, PostgreSQL's for 100 ids. Writes bench/results/pg_fts.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from threadpoolctl import threadpool_limits

from bench.dataset import sample_offerings
from index.build import build_index
from index.encoders import load_encoder
from index.evaluate import dedupe, load_queries, score_rankings
from index.search import SearchEngine
from llo.settings import Settings
from skills.reference import load_reference
from skills.vocabulary import build_vocabulary

RESULTS = Path(__file__).parent / "results"


def _pct(lat: list[float], p: float) -> float:
    lat = sorted(lat)
    return round(lat[int(p * (len(lat) - 1))], 2)


def _stats(lat: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(lat), 2), "p95_ms": _pct(lat, 0.95)}


class PgPeer:
    """The scratch table and the OR-of-lexemes query."""

    def __init__(self, conn: psycopg.Connection[Any], offerings: list[Any]) -> None:
        self.conn = conn
        self.table = f"bench_fts_{uuid.uuid4().hex[:8]}"
        conn.execute(f"CREATE TABLE {self.table} (id text primary key, doc tsvector)")
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {self.table} VALUES (%s, setweight(to_tsvector('dutch', %s), 'A') || "
                "setweight(to_tsvector('dutch', %s), 'B'))",
                [(o.id, o.title, o.description) for o in offerings])
        conn.execute(f"CREATE INDEX ON {self.table} USING gin (doc)")
        conn.execute(f"ANALYZE {self.table}")
        self.sql = (f"SELECT id FROM {self.table}, to_tsquery('dutch', %s) q WHERE doc @@ q "
                    "ORDER BY ts_rank_cd(doc, q) DESC, id LIMIT 100")

    def search(self, text: str) -> list[str]:
        # OR over the dutch-analysed lexemes of the query
        lexemes = self.conn.execute("SELECT unnest(tsvector_to_array(to_tsvector('dutch', %s)))",
                                    (text,)).fetchall()
        if not lexemes:
            return []
        tsq = " | ".join("'" + str(lx[0]).replace("'", "''") + "'" for lx in lexemes)
        return [str(r[0]) for r in self.conn.execute(self.sql, (tsq,)).fetchall()]

    def drop(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {self.table}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    threadpool_limits(limits=1)  # as the API runs the engine (api/state.py)
    settings = Settings()
    queries = load_queries(settings.reference_dir.parent / "eval" / "dev_queries.jsonl")
    offerings, mappings = sample_offerings(settings.reference_dir)
    crebo_of = {o.id: mappings[o.id].crebo for o in offerings}

    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    encoder = load_encoder(args.encoder or settings.encoder, settings.model_dir)
    tmp = Path(tempfile.mkdtemp(prefix="llo-pgbench-"))
    lat: dict[str, list[list[float]]] = {"postgres": [], "llo": [], "llo_cpu": []}
    loads: list[float] = []
    pg_rankings: list[list[str]] = []
    ours: list[list[str]] = []
    try:
        build_index(tmp / "index", offerings, mappings, ref, build_vocabulary(ref), encoder)
        engine = SearchEngine.load(tmp / "index", encoder, ref)
        with psycopg.connect(args.pg, autocommit=True) as conn:
            peer = PgPeer(conn, offerings)
            try:
                for rnd in range(args.rounds):
                    loads.append(round(os.getloadavg()[0], 2))
                    for key in lat:
                        lat[key].append([])
                    for q in queries:
                        pg_first = rnd % 2 == 0
                        for system in (("postgres", "llo") if pg_first else ("llo", "postgres")):
                            t0, c0 = time.perf_counter(), time.thread_time()
                            if system == "postgres":
                                ids = peer.search(q.query)
                            else:
                                hits = engine.search(q.query, limit=100).hits
                            elapsed = (time.perf_counter() - t0) * 1000
                            lat[system][-1].append(elapsed)
                            if system == "llo":
                                lat["llo_cpu"][-1].append((time.thread_time() - c0) * 1000)
                            if rnd == 0 and system == "postgres":
                                pg_rankings.append(dedupe(crebo_of.get(i) for i in ids))
                            elif rnd == 0:
                                ours.append(dedupe(h.crebo for h in hits))
                loads.append(round(os.getloadavg()[0], 2))
            finally:
                peer.drop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def summary(key: str) -> dict[str, Any]:
        flat = [x for r in lat[key] for x in r]
        warm = [x for r in lat[key][1:] for x in r]
        return {**_stats(flat), "first_round": _stats(lat[key][0]),
                **({"later_rounds": _stats(warm)} if warm else {}),
                "per_round_p50_ms": [round(statistics.median(r), 2) for r in lat[key]]}

    result = {
        "offerings": len(offerings), "queries": len(queries), "rounds": args.rounds, "encoder": encoder.name,
        "method": "interleaved per query (order flips each round); llo: 100 results with explanations",
        "load_avg_per_round": loads,
        "postgres_fts_dutch": {**score_rankings(queries, pg_rankings), **summary("postgres")},
        "llo_hybrid": {**score_rankings(queries, ours), **summary("llo"),
                       "cpu_ms": summary("llo_cpu")},
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pg_fts.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
