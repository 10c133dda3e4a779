"""Crawl throughput: the full llo pipeline vs a bare Scrapy spider fetching the same pages, same run.

    python -m bench.crawl_throughput [--sampleweb DIR] [--rounds 2] [--extract-workers 2]

Both crawls run against the same sample web, served from this process on fixed ports, each crawl in its
own child process (Twisted's reactor runs once per process) with the same local-speed settings
(``crawler.run.FAST_LOCAL``, plus crawler.settings' ``CONCURRENT_ITEMS``, a Scrapy engine setting that
would otherwise make the comparison measure Scrapy's task churn). The full crawl is
``crawler.run.run_crawl`` with every middleware, extension, extraction and pipeline, into a fresh SQLite
store, with ``--extract-workers`` extraction processes (``LLO_CRAWL_EXTRACT_WORKERS``; 0 = extraction
on the reactor thread). The bare spider then downloads exactly
the URLs the full crawl downloaded (robots.txt, sitemaps and pages), parsing nothing and storing
nothing. Rounds alternate full/bare to spread machine noise. Pages/s = responses / (finish - start) as
Scrapy's stats report them. Target: full/bare >= 0.8. Writes bench/results/crawl_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "crawl_throughput.json"


def _rate(stats: dict[str, Any]) -> tuple[int, float]:
    pages = int(stats.get("response_received_count", 0))
    seconds = (stats["finish_time"] - stats["start_time"]).total_seconds()
    return pages, seconds


PROFILES: dict[str, dict[str, Any]] = {
    # What `make demo` uses on the local sample web: CPU-bound, so parsing/extraction cost shows fully.
    "fast-local": {},
    # Real-site conditions: one request in flight per site and a per-site delay, as politeness demands.
    "polite": {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.25, "DOWNLOAD_DELAY_JITTER": 0},
}


def full_worker(sampleweb: Path, bases: list[str], data_dir: Path, out: Path, profile: str,
                extract_workers: int = 0) -> None:
    """Child process: the full pipeline crawl; writes its pages, seconds and fetched URLs."""
    from crawler.run import run_crawl
    from crawler.spiders.sampleweb import SampleWebSpider, sampleweb_sites
    from llo.settings import Settings
    from sampleweb import load_sites
    from store import open_store

    settings = Settings(data_dir=data_dir, crawl_extract_workers=extract_workers)
    sites = sampleweb_sites(list(zip(load_sites(sampleweb), bases, strict=True)))
    stats = run_crawl(sites, settings, spider_cls=SampleWebSpider, fast=True,
                      extra={"LOG_LEVEL": "WARNING", **PROFILES[profile]})
    pages, seconds = _rate(stats)
    store = open_store(settings.store_url)
    offerings = store.count_offerings()
    store.close()
    out.write_text(json.dumps({"pages": pages, "seconds": seconds, "offerings": offerings}))


def bare_worker(urls_file: Path, out: Path, profile: str) -> None:
    """Child process: a bare Scrapy spider downloading the given URLs with the same speed settings."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.run import FAST_LOCAL
    from crawler.settings import CONCURRENT_ITEMS, DOWNLOAD_MAXSIZE, DOWNLOAD_TIMEOUT

    urls = urls_file.read_text().split()

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, callback=self.parse, dont_filter=True,
                                     meta={"download_slot": url.split("/")[2]})

        def parse(self, response: scrapy.http.Response) -> None:
            return None

    process = CrawlerProcess({**FAST_LOCAL, "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False,
                              "DOWNLOAD_MAXSIZE": DOWNLOAD_MAXSIZE, "DOWNLOAD_TIMEOUT": DOWNLOAD_TIMEOUT,
                              # Scrapy engine tuning the full crawl has, so the ratio measures our work only.
                              "CONCURRENT_ITEMS": CONCURRENT_ITEMS,
                              "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False,
                              "HTTPERROR_ALLOW_ALL": True, "COOKIES_ENABLED": False, **PROFILES[profile]})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    assert crawler.stats is not None
    pages, seconds = _rate(crawler.stats.get_stats())
    out.write_text(json.dumps({"pages": pages, "seconds": seconds}))


def _child(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "bench.crawl_throughput", *args], cwd=REPO, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sampleweb", type=Path, help="a built sample web (default: build the full one)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profiles", default="fast-local,polite", help="comma-separated: fast-local, polite")
    parser.add_argument("--extract-workers", type=int, default=2,
                        help="extraction worker processes of the full crawl (0: extract on the reactor thread)")
    parser.add_argument("--full-worker", nargs=6, help=argparse.SUPPRESS)
    parser.add_argument("--bare-worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.full_worker:
        web, bases, data, out, profile, workers = args.full_worker
        full_worker(Path(web), bases.split(","), Path(data), Path(out), profile, int(workers))
        return
    if args.bare_worker:
        bare_worker(Path(args.bare_worker[0]), Path(args.bare_worker[1]), args.bare_worker[2])
        return

    import sqlite3

    from llo.settings import Settings
    from sampleweb import SampleWebServer, build_sampleweb

    with tempfile.TemporaryDirectory(prefix="llo-crawl-bench-") as tmp_name:
        tmp = Path(tmp_name)
        web = args.sampleweb
        if web is None:
            web = tmp / "sampleweb"
            build_sampleweb(web, Settings().reference_dir, small=False, seed=7)
        result: dict[str, Any] = {
            "what": "full llo crawl pipeline vs a bare Scrapy spider downloading the same URLs "
                    "(robots.txt, sitemaps, pages) of the full sample web, same settings, same run",
            "rounds": args.rounds, "target_ratio": 0.8, "cpus": os.cpu_count(),
            "extract_workers": args.extract_workers, "load_average_1m_at_start": round(os.getloadavg()[0], 2),
            "profiles": {},
        }
        with SampleWebServer(web, base_port=18501) as server:
            bases = [url for _, url in server.sites]
            for profile in args.profiles.split(","):
                full_runs: list[dict[str, Any]] = []
                bare_runs: list[dict[str, Any]] = []
                for i in range(args.rounds):
                    data, out = tmp / f"{profile}-full-{i}", tmp / f"{profile}-full-{i}.json"
                    started = time.perf_counter()
                    _child("--full-worker", str(web), ",".join(bases), str(data), str(out), profile,
                           str(args.extract_workers))
                    full = json.loads(out.read_text()) | {"wall_seconds": round(time.perf_counter() - started, 1)}
                    full_runs.append(full)
                    with sqlite3.connect(data / "llo.sqlite3") as conn:
                        pages = [r[0] for r in conn.execute("SELECT url FROM page_fetches")]
                    extra = [f"{b}/{p}" for b in bases for p in ("robots.txt", "sitemap.xml")]
                    urls_file = tmp / "urls.txt"
                    urls_file.write_text("\n".join(extra + pages))
                    out = tmp / f"{profile}-bare-{i}.json"
                    _child("--bare-worker", str(urls_file), str(out), profile)
                    bare_runs.append(json.loads(out.read_text()))
                    print(f"{profile} round {i + 1}: full {full['pages']} pages in {full['seconds']:.1f}s, "
                          f"bare {bare_runs[-1]['pages']} pages in {bare_runs[-1]['seconds']:.1f}s", flush=True)
                full_pps = statistics.median(r["pages"] / r["seconds"] for r in full_runs)
                bare_pps = statistics.median(r["pages"] / r["seconds"] for r in bare_runs)
                result["profiles"][profile] = {
                    "settings": PROFILES[profile] or "crawler.run.FAST_LOCAL",
                    "full_pages_per_s": round(full_pps, 1), "bare_pages_per_s": round(bare_pps, 1),
                    "ratio": round(full_pps / bare_pps, 3), "full_runs": full_runs, "bare_runs": bare_runs,
                    "offerings_stored": full_runs[-1]["offerings"],
                }
        result["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({p: {k: v[k] for k in ("full_pages_per_s", "bare_pages_per_s", "ratio")}
                      for p, v in result["profiles"].items()}))


if __name__ == "__main__":
    main()
