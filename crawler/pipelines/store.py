"""Write offerings and page fetches to the store, and record the crawl run.

On open: the crawl's providers are upserted and a run is started (or, with JOBDIR, the run an
interrupted crawl left in ``llo_run.json`` is continued, so a resumed crawl is one run; a job whose run
ended leaves ``llo_finished.json``, see :func:`finished_job`). Per page: the
spider yields a page's offerings, then its page item; offerings wait for their page item and are
upserted together with its fetch record in one transaction (counts
``llo/store/inserted|updated|unchanged``), so a page is stored whole or not at all and costs one commit.
A page item is therefore only "scraped" (the signal JOBDIR's done log listens to) once its offerings
are in the store. An offering whose page item already went by (never the case with the base spider) is
written at once; any still waiting when the spider closes are written then. When a page item is
``unchanged`` (304 or same hash) the offerings the store holds for that page are upserted again
unchanged, which marks them seen in this run (``llo/store/touched``). So are those of a page whose fetch
failed for a reason that does not say the page is gone (timeout, 5xx, redirect loop, oversize, ...; see
``crawler.outcome``), of a page that answered but could not be parsed (``NOT_PARSED``), and, at the end of a
complete run, of pages that parsed pages link to but the crawl did not request because of its page or
depth cap. An offering goes stale only when its page is gone (404/410, robots, redirected off the site),
no longer holds it, or is no longer linked from a parsed page on a complete crawl of its site; never
because a fetch failed or a page was not re-parsed. Stored offerings are looked up by the page they were
found on (a catalogue feed's offerings carry other URLs).

On close (``spider_closed``): the status is ``finished`` when the crawl ended normally and every site was
complete, ``partial`` otherwise, ``failed`` when no page could be fetched at all. Offerings of *complete*
sites that the last ``LLO_STALE_AFTER_RUNS`` complete runs did not see become stale; a partial or failed
site marks nothing stale. An interrupted crawl (``shutdown``, killed) leaves its run "running" for the
resume to finish.

A distributed worker (``LLO_WORKER_SEES_PART``) records its run as "partial" and marks nothing stale.

Settings: ``LLO_STORE_URL`` (NotConfigured without it), ``LLO_STALE_AFTER_RUNS`` (default 3), ``JOBDIR``,
``LLO_WORKER_SEES_PART``.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.job import job_dir

from crawler.items import OfferingItem, PageItem
from crawler.outcome import MAY_STILL_EXIST, NOT_PARSED
from skills.model import CrawlRun, Offering
from store import open_store
from store.base import UpsertResult
from store.sql import SqlStore

log = logging.getLogger(__name__)
RUN_FILE = "llo_run.json"
FINISHED_FILE = "llo_finished.json"  # written when the job's run ended; `llo crawl --jobdir` then stops at once


def finished_job(jobdir: Path) -> dict[str, Any] | None:
    """The run a finished crawl job in ``jobdir`` recorded (run_id, status), or None if it is not finished."""
    path = jobdir / FINISHED_FILE
    return json.loads(path.read_text()) if path.exists() else None


def numeric_stats(stats: dict[str, Any]) -> dict[str, int]:
    """The integer-valued crawl stats (Scrapy also keeps datetimes and strings)."""
    return {k: int(v) for k, v in stats.items() if isinstance(v, int | float) and not isinstance(v, bool)}


class StorePipeline:
    def __init__(self, store: SqlStore, stats: StatsCollector, stale_after_runs: int = 3,
                 jobdir: Path | None = None, store_url: str = "", sees_part: bool = False) -> None:
        self.store = store
        self.stats = stats
        self.stale_after_runs = stale_after_runs
        self.jobdir = jobdir
        self.store_url = store_url
        self.sees_part = sees_part
        self.run: CrawlRun | None = None
        self.spider: Spider | None = None
        self._stored_by_page: dict[str, list[Offering]] | None = None
        self._waiting: dict[str, list[Offering]] = {}  # page URL -> offerings awaiting their page item
        self._pages_done: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        url = crawler.settings.get("LLO_STORE_URL")
        if not url:
            raise NotConfigured("the store pipeline needs LLO_STORE_URL")
        store = open_store(url)
        store.init()
        jobdir = job_dir(crawler.settings)
        pipeline = cls(store, crawler.stats, crawler.settings.getint("LLO_STALE_AFTER_RUNS", 3),
                       Path(jobdir) if jobdir else None, url,
                       crawler.settings.getbool("LLO_WORKER_SEES_PART"))
        pipeline.spider = None
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # --- run bookkeeping -----------------------------------------------------------------------

    def _providers(self) -> list[Any]:
        sites = getattr(self.spider, "sites", {})
        return [site.provider for site in sites.values()]

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        providers = self._providers()
        for provider in providers:
            self.store.upsert_provider(provider)
        self.run = self._resumed_run() or self.store.start_run([p.name for p in providers])
        self.stats.set_value("llo/run_id", self.run.id)
        if self.jobdir is not None:
            self.jobdir.mkdir(parents=True, exist_ok=True)
            (self.jobdir / RUN_FILE).write_text(json.dumps({
                "run_id": self.run.id, "started_at": self.run.started_at.isoformat(),
                "store_url": self.store_url, "providers": self.run.providers,
            }))

    def _resumed_run(self) -> CrawlRun | None:
        if self.jobdir is None or not (self.jobdir / RUN_FILE).exists():
            return None
        saved = json.loads((self.jobdir / RUN_FILE).read_text())
        if saved.get("store_url") != self.store_url:
            return None
        log.info("continuing crawl run %s from %s", saved["run_id"], self.jobdir)
        self.stats.set_value("llo/run_resumed", 1)
        return CrawlRun(id=int(saved["run_id"]), started_at=datetime.fromisoformat(saved["started_at"]),
                        providers=list(saved.get("providers", [])))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            if self.run is None:
                return
            for page_url, offerings in self._waiting.items():
                self._count(self.store.upsert_offerings(page_url, offerings, self.run.id))
            self._waiting.clear()
            if reason != "finished":
                log.warning("crawl run %s stopped (%s); it stays open for a resume", self.run.id, reason)
                return
            reports = getattr(spider, "reports", {})
            scope = getattr(spider, "scope", None)
            if scope is not None:  # reported: linked from parsed pages, not requested (page or depth cap)
                self.stats.set_value("llo/pages/beyond_limits",
                                     sum(len(scope.linked_not_fetched(name)) for name in reports))
            complete = [name for name, r in reports.items() if r.complete]
            fetched = int(self.stats.get_value("llo/pages/extracted", 0) or 0) + int(
                self.stats.get_value("llo/pages/not_modified", 0) or 0) + int(
                self.stats.get_value("llo/pages/unchanged_hash", 0) or 0)
            status = "failed" if fetched == 0 else "finished" if len(complete) == len(reports) else "partial"
            if self.sees_part:  # a distributed worker: the other workers saw the rest
                status, complete = "partial", []
            stale = 0
            if status != "failed":
                assert self.run.id is not None
                for name in complete:  # while the run is still "running" it counts as complete
                    # Linked from a parsed page but beyond a crawl limit: not re-parsed, not gone.
                    for url in sorted(scope.linked_not_fetched(name) if scope is not None else ()):
                        self._touch(url, self.run.id)
                    stale += self.store.mark_stale(name, self.run.id, self.stale_after_runs)
            self.stats.set_value("llo/store/became_stale", stale)
            self.stats.set_value("llo/sites_complete", len(complete))
            self.stats.set_value("llo/sites_incomplete", len(reports) - len(complete))
            self.store.finish_run(self.run, status, numeric_stats(self.stats.get_stats()))
            self.stats.set_value("llo/run_status", status)
            if self.jobdir is not None:
                (self.jobdir / FINISHED_FILE).write_text(json.dumps({"run_id": self.run.id, "status": status}))
                (self.jobdir / RUN_FILE).unlink(missing_ok=True)
        finally:
            self.store.close()

    # --- items ---------------------------------------------------------------------------------

    def _stored_on_page(self, url: str) -> list[Offering]:
        """Offerings the store holds for page ``url`` (found on it, whatever their own URL); loaded once
        per crawl for its providers."""
        if self._stored_by_page is None:
            self._stored_by_page = {}
            for provider in self._providers():
                self._stored_by_page.update(self.store.offerings_by_page(provider.name))
        return self._stored_by_page.get(url, [])

    def _touch(self, url: str, run_id: int | None) -> None:
        """Mark the offerings stored for page ``url`` as seen in this run (their page was not re-parsed
        for a reason that does not say they are gone)."""
        stored = self._stored_on_page(url)
        if stored:
            for offering in stored:
                offering.last_seen = None  # "seen now", not when it was stored
            self.store.upsert_offerings(url, stored, run_id)
            self.stats.inc_value("llo/store/touched", len(stored))

    def _count(self, result: UpsertResult) -> None:
        for key in ("inserted", "updated", "unchanged"):
            if getattr(result, key):
                self.stats.inc_value(f"llo/store/{key}", getattr(result, key))

    def process_item(self, item: Any) -> Any:
        run_id = self.run.id if self.run is not None else None
        if isinstance(item, OfferingItem):
            if item.page_url in self._pages_done:
                self._count(self.store.upsert_offerings(item.page_url, [item.offering], run_id))
            else:
                self._waiting.setdefault(item.page_url, []).append(item.offering)
        elif isinstance(item, PageItem):
            item.fetch.run_id = run_id
            self._count(self.store.record_page(item.fetch, self._waiting.pop(item.fetch.url, []), run_id))
            self._pages_done.add(item.fetch.url)
            self.stats.inc_value("llo/store/fetches")
            if item.unchanged or item.fetch.reason in MAY_STILL_EXIST or item.page_type in NOT_PARSED:
                self._touch(item.fetch.url, run_id)
        return item
