"""`llo crawl`: crawl school sites (a provider list, or the sample web) into the store.

    llo crawl --providers [FILE]          CSV/JSON provider list, institutions.csv or KiesMBO's organizations.csv;
                                          without FILE the provider registry (ROCs + KiesMBO institutions)
    llo crawl --sampleweb DIR             the offline sample web, served from a child process
    llo crawl --sampleweb DIR --base-url URL [--base-url URL ...]   ... already served elsewhere
    llo crawl ... --jobdir DIR            resumable: run again with the same DIR to continue (a finished
                                          job says so and exits 0)
    llo crawl ... --distributed           share the frontier with other workers through Redis
    llo crawl ... --fast                  local sites only: no politeness delays (demo, tests)
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from llo.settings import Settings
from skills.errors import LloError

if TYPE_CHECKING:
    from crawler.sites import Site


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("crawl", help="crawl school sites into the store")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--providers", type=Path, metavar="FILE", nargs="?", const=True,
                        help="provider list: CSV/JSON (name, start_urls, allowed_domains), institutions.csv or "
                             "KiesMBO organizations.csv; without FILE the provider registry (every institution "
                             "with a website)")
    source.add_argument("--sampleweb", type=Path, metavar="DIR", nargs="?", const=True,
                        help="crawl the sample web (default DIR: DATA_DIR/sampleweb)")
    parser.add_argument("--base-url", action="append", default=[], metavar="URL",
                        help="base URL of each sample site, in sites.json order (default: serve them here)")
    parser.add_argument("--base-port", type=int, default=8101, metavar="PORT",
                        help="when serving the sample web here: site i listens on PORT + i (default 8101)")
    parser.add_argument("--jobdir", type=Path, metavar="DIR", help="keep crawl state here to pause/resume")
    parser.add_argument("--distributed", action="store_true",
                        help="share the frontier with other `llo crawl --distributed` workers via LLO_REDIS_URL")
    parser.add_argument("--crawl-tag", metavar="TAG",
                        help="with --distributed: workers with the same tag share one frontier "
                             "(default: today's UTC date); a new tag starts afresh")
    parser.add_argument("--max-pages", type=int, metavar="N", help="page cap per site (default LLO_CRAWL_MAX_PAGES)")
    parser.add_argument("--fast", action="store_true",
                        help="no politeness delays, 8 requests per site: ONLY for local sites you run yourself")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting (repeatable), e.g. --set LOG_LEVEL=DEBUG")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=_crawl)


def _overrides(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise LloError(f"--set expects NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


@contextlib.contextmanager
def _sites(args: argparse.Namespace, settings: Settings) -> Iterator[tuple[list[Site], type]]:
    from crawler.sites import load_sites
    from crawler.spiders.providers import ProvidersSpider
    from crawler.spiders.sampleweb import SampleWebSpider, sampleweb_sites

    if args.providers is True:
        from crawler.sites import registry_sites
        from llo.pipeline import load_reference_data

        yield registry_sites(load_reference_data(settings).providers), ProvidersSpider
        return
    if args.providers is not None:
        yield load_sites(args.providers), ProvidersSpider
        return
    from crawler.localweb import LocalWeb
    from sampleweb import load_sites as load_sample_sites

    root = settings.sampleweb_dir if args.sampleweb is True else args.sampleweb
    if args.base_url:
        infos = load_sample_sites(root)
        if len(args.base_url) != len(infos):
            raise LloError(f"{len(args.base_url)} --base-url values for {len(infos)} sample sites in {root}")
        yield sampleweb_sites(list(zip(infos, args.base_url, strict=True))), SampleWebSpider
        return
    with LocalWeb(root, base_port=args.base_port) as web:
        yield sampleweb_sites(web.sites), SampleWebSpider


def _crawl(args: argparse.Namespace, settings: Settings) -> int:
    from crawler.pipelines.store import finished_job
    from crawler.run import run_crawl

    done = finished_job(args.jobdir) if args.jobdir is not None else None
    if done is not None:
        print(f"crawl job {args.jobdir} already finished (run {done.get('run_id')}, {done.get('status')}); "
              "nothing to resume. Use a new --jobdir for a new crawl.")
        return 0
    extra = {"LOG_LEVEL": "WARNING" if not args.verbose else "INFO"} | _overrides(args.set)
    started = time.perf_counter()
    with _sites(args, settings) as (sites, spider_cls):
        bar = tqdm(total=None, unit=" pages", disable=args.quiet, desc="crawl")
        counts = {"page": 0, "offering": 0}

        def progress(kind: str, _item: Any) -> None:
            counts[kind] += 1
            if kind == "page":
                bar.update(1)
                bar.set_postfix(offerings=counts["offering"], refresh=False)

        try:
            stats = run_crawl(sites, settings, spider_cls=spider_cls, jobdir=args.jobdir, fast=args.fast,
                              distributed=args.distributed, max_pages=args.max_pages, extra=extra,
                              crawl_tag=args.crawl_tag,
                              progress=progress)
        finally:
            bar.close()
    elapsed = time.perf_counter() - started
    status = stats.get("llo/run_status", stats.get("finish_reason", "?"))
    get = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731 - local shorthand for the summary
    print(f"crawl run {stats.get('llo/run_id')} {status} in {elapsed:.1f} s over {len(sites)} sites: "
          f"{get('downloader/response_count')} responses "
          f"({get('llo/pages/not_modified')} not modified, {get('llo/pages/unchanged_hash')} same hash), "
          f"{get('llo/store/fetches')} pages recorded")
    print(f"offerings: {get('llo/store/inserted')} new, {get('llo/store/updated')} changed, "
          f"{get('llo/store/unchanged')} unchanged, {get('llo/store/touched')} kept from unchanged pages, "
          f"{get('llo/store/became_stale')} became stale; dropped "
          f"{sum(v for k, v in stats.items() if k.startswith('llo/validate/dropped/'))} invalid, "
          f"{get('llo/dedupe/dropped')} duplicate")
    missed = {k.rsplit("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("llo/fetch_outcome/")}
    if get("llo/pages/beyond_limits"):
        missed["beyond the page or depth cap"] = get("llo/pages/beyond_limits")
    if missed or get("llo/sites_incomplete"):
        print(f"not reached: {sum(missed.values())} pages ("
              + ", ".join(f"{n} {reason}" for reason, n in sorted(missed.items())) + "); "
              f"{get('llo/sites_incomplete')} of {len(sites)} sites incomplete (nothing of theirs marked stale)")
    if stats.get("finish_reason") not in (None, "finished"):
        print(f"stopped: {stats.get('finish_reason')}; run again with the same --jobdir to resume")
        return 1
    return 0 if status in ("finished", "partial") else 1
