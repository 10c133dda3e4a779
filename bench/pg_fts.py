"""The peer: PostgreSQL full-text search (``dutch`` configuration) on the same offerings and dev queries.

    .venv/bin/python -m bench.pg_fts [--pg postgresql://postgres@127.0.0.1:5432/test] [--encoder static]

Loads the sample-web offerings (bench.dataset) into a scratch table with a GIN-indexed tsvector
(title weight A, page text weight B), ranks with ts_rank_cd over ``websearch_to_tsquery`` turned into an
OR query (plain AND would return nothing for most sentence-like queries), and judges offerings at crebo level
exactly like `llo eval`. In the same run it builds our index on the same offerings and measures it too.
Writes bench/results/pg_fts.json.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--encoder", default=None)
    args = parser.parse_args()
    threadpool_limits(limits=1)  # as the API runs the engine (api/state.py)
    settings = Settings()
    queries = load_queries(settings.reference_dir.parent / "eval" / "dev_queries.jsonl")
    offerings, mappings = sample_offerings(settings.reference_dir)
    crebo_of = {o.id: mappings[o.id].crebo for o in offerings}
    table = f"bench_fts_{uuid.uuid4().hex[:8]}"

    pg_rankings: list[list[str]] = []
    pg_lat: list[float] = []
    with psycopg.connect(args.pg, autocommit=True) as conn:
        try:
            conn.execute(f"CREATE TABLE {table} (id text primary key, doc tsvector)")
            with conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {table} VALUES (%s, setweight(to_tsvector('dutch', %s), 'A') || "
                    "setweight(to_tsvector('dutch', %s), 'B'))",
                    [(o.id, o.title, o.description) for o in offerings])
            conn.execute(f"CREATE INDEX ON {table} USING gin (doc)")
            conn.execute(f"ANALYZE {table}")
            sql = (f"SELECT id FROM {table}, to_tsquery('dutch', %s) q WHERE doc @@ q "
                   "ORDER BY ts_rank_cd(doc, q) DESC, id LIMIT 100")
            for q in queries:
                t0 = time.perf_counter()
                # OR over the dutch-analysed lexemes of the query
                lexemes = conn.execute("SELECT unnest(tsvector_to_array(to_tsvector('dutch', %s)))",
                                       (q.query,)).fetchall()
                rows = []
                if lexemes:
                    tsq = " | ".join("'" + str(lx[0]).replace("'", "''") + "'" for lx in lexemes)
                    rows = conn.execute(sql, (tsq,)).fetchall()
                pg_lat.append((time.perf_counter() - t0) * 1000)
                pg_rankings.append(dedupe(crebo_of.get(r[0]) for r in rows))
        finally:
            conn.execute(f"DROP TABLE IF EXISTS {table}")

    ref = load_reference(settings.reference_dir, lexicon=settings.lexicon_path)
    encoder = load_encoder(args.encoder or settings.encoder, settings.model_dir)
    tmp = Path(tempfile.mkdtemp(prefix="llo-pgbench-"))
    try:
        build_index(tmp / "index", offerings, mappings, ref, build_vocabulary(ref), encoder)
        engine = SearchEngine.load(tmp / "index", encoder, ref)
        ours: list[list[str]] = []
        our_lat: list[float] = []
        for q in queries:
            t0 = time.perf_counter()
            res = engine.search(q.query, limit=100)
            our_lat.append((time.perf_counter() - t0) * 1000)
            ours.append(dedupe(h.crebo for h in res.hits))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    result = {
        "offerings": len(offerings), "queries": len(queries), "encoder": encoder.name,
        "load_avg": round(os.getloadavg()[0], 2),
        "postgres_fts_dutch": {**score_rankings(queries, pg_rankings),
                               "p50_ms": round(statistics.median(pg_lat), 2), "p95_ms": _pct(pg_lat, 0.95)},
        "llo_hybrid": {**score_rankings(queries, ours),
                       "p50_ms": round(statistics.median(our_lat), 2), "p95_ms": _pct(our_lat, 0.95)},
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pg_fts.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
