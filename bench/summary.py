"""The performance figures of one `make bench` run side by side: llo next to its PostgreSQL full-text peer
(bench.pg_fts, the same offerings and queries, measured interleaved), the 100k in-process and HTTP figures
against the issue-15 targets, each with the load average it was measured at.

    .venv/bin/python -m bench.summary    (reads bench/results/*.json; writes bench/results/summary.md)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def _read(name: str) -> dict[str, Any]:
    path = RESULTS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def peer_table(pg: dict[str, Any]) -> list[str]:
    if not pg:
        return ["(no bench/results/pg_fts.json)"]
    ours, peer = pg["llo_hybrid"], pg["postgres_fts_dutch"]
    lines = [f"Same {pg['offerings']} offerings and {pg['queries']} queries, interleaved per query, "
             f"{pg.get('rounds', 1)} rounds; load average per round {pg.get('load_avg_per_round', pg.get('load_avg'))}.",
             "", _row(["", "nDCG@10", "p50 ms", "p95 ms", "round 1 (cold) p50 / p95", "later rounds p50 / p95"]),
             _row(["---"] * 6)]
    for name, fig in (("PostgreSQL FTS `dutch`", peer), ("llo hybrid (100 results, explained)", ours)):
        first, later = fig.get("first_round", {}), fig.get("later_rounds", {})
        lines.append(_row([name, fig["ndcg@10"], fig["p50_ms"], fig["p95_ms"],
                           f"{first.get('p50_ms', '–')} / {first.get('p95_ms', '–')}",
                           f"{later.get('p50_ms', '–')} / {later.get('p95_ms', '–')}"]))
    cpu = ours.get("cpu_ms")
    if cpu:
        lines.append(_row(["llo CPU time per query", "", cpu["p50_ms"], cpu["p95_ms"],
                           f"{cpu['first_round']['p50_ms']} / {cpu['first_round']['p95_ms']}",
                           f"{cpu.get('later_rounds', {}).get('p50_ms', '–')} / "
                           f"{cpu.get('later_rounds', {}).get('p95_ms', '–')}"]))
    return lines


def index_table(ib: dict[str, Any]) -> list[str]:
    lines = [_row(["offerings", "build s (CPU s)", "hybrid p50 / p95 ms", "cold p50 / p95", "warm p50 / p95",
                   "CPU ms/query cold / warm", "RSS / PSS MB after queries", "load avg"]), _row(["---"] * 8)]
    for run in ib.get("runs", []):
        mem = run.get("memory_after_queries", {})
        lines.append(_row([
            run["offerings"], f"{run['build_s']} ({run.get('build_cpu_s', '–')})",
            f"{run['hybrid_p50_ms']} / {run['hybrid_p95_ms']}",
            f"{run.get('hybrid_cold_p50_ms', '–')} / {run.get('hybrid_cold_p95_ms', '–')}",
            f"{run.get('hybrid_warm_p50_ms', '–')} / {run.get('hybrid_warm_p95_ms', '–')}",
            f"{run.get('hybrid_cold_cpu_mean_ms', '–')} / {run.get('hybrid_warm_cpu_mean_ms', '–')}",
            f"{mem.get('rss_mb', '–')} / {mem.get('pss_mb', '–')}", run.get("hybrid_load_avg", run.get("load_avg_end"))]))
    return lines


def http_table(*docs: dict[str, Any]) -> list[str]:
    lines = [_row(["endpoint", "index", "workers", "think s", "req/s", "p50 ms", "p95 ms", "errors",
                   "max worker RSS MB", "workers' PSS MB", "load avg"]), _row(["---"] * 11)]
    for doc in docs:
        for run in doc.get("runs", []):
            mem = run.get("memory_after", {})
            lines.append(_row([run["endpoint"], run["size"], run.get("workers", 2), run["think_s"], run["rps"],
                               run["p50_ms"], run["p95_ms"], f"{run['errors']} / {run['requests']}",
                               mem.get("rss_max_mb", "–"), mem.get("pss_total_mb", "–"),
                               f"{run['load_avg_start']}–{run['load_avg_end']}"]))
    return lines


def main() -> None:
    pg = _read("pg_fts.json")
    text = "\n".join(["# Performance, one bench run", "", "## llo vs PostgreSQL FTS (bench.pg_fts)", "",
                      *peer_table(pg), "", "## In-process (bench.index_bench)", "", *index_table(_read("index_bench.json")),
                      "", "## HTTP (bench.http_load)", "",
                      *http_table(_read("http_load.json"), _read("http_load_workers.json")), ""])
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
