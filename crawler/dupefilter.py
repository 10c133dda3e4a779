"""A duplicate filter whose JOBDIR state survives a SIGKILL.

Scrapy's ``RFPDupeFilter`` remembers every request *scheduled*. After a clean pause that is right (the
pending ones are in the disk queue), but after a crash the disk queue is lost while the seen-set says
those requests were handled, so their pages would never be fetched: lost offerings. This filter also
keeps ``requests.done``, an append-only log (flushed per line) of offering pages whose items went
through every pipeline. When the scheduler reports a crash (:class:`crawler.scheduler.ResumableScheduler`)
the filter forgets everything, so the resumed crawl re-walks the site and rediscovers what was pending;
the done pages are then answered from the store without a download
(``crawler.middlewares.conditional``), their stored links followed again. Skipping them here instead
lost what only they linked to: a listing that also holds offerings hid its page 2.

Settings: ``JOBDIR`` (without it this is the plain in-memory filter), ``DUPEFILTER_DEBUG``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Response
from scrapy.utils.job import job_dir
from scrapy.utils.request import RequestFingerprinter, RequestFingerprinterProtocol

from crawler.items import PageItem

log = logging.getLogger(__name__)
DONE_FILE = "requests.done"
SEEN_FILE = "requests.seen"


class ResumableDupeFilter(RFPDupeFilter):
    def __init__(self, path: str | None = None, debug: bool = False, *,
                 fingerprinter: RequestFingerprinterProtocol | None = None) -> None:
        super().__init__(path, debug, fingerprinter=fingerprinter)
        self.path = Path(path) if path else None
        self.done: set[bytes] = set()
        self._done_file = None
        if self.path is not None:
            done_path = self.path / DONE_FILE
            if done_path.exists():
                self.done = {bytes.fromhex(line) for line in done_path.read_text().split() if line}
            self._done_file = done_path.open("a", encoding="ascii")  # noqa: SIM115 - closed in close()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumableDupeFilter:
        df = cls(job_dir(crawler.settings), crawler.settings.getbool("DUPEFILTER_DEBUG"),
                 fingerprinter=crawler.request_fingerprinter or RequestFingerprinter())
        crawler.signals.connect(df.item_scraped, signal=signals.item_scraped)
        return df

    def forget_unfinished(self) -> None:
        """After a crash: only pages in the done log count as seen from now on."""
        log.warning("resuming after an unclean stop: re-walking the sites, %d stored pages answered from the store",
                    len(self.done))
        self._fingerprints = set()
        if self.file is not None and self.path is not None:
            self.file.close()
            self.file = (self.path / SEEN_FILE).open("w+b")  # starts again empty

    def mark_done(self, fingerprint: bytes) -> None:
        if fingerprint in self.done:
            return
        self.done.add(fingerprint)
        if self._done_file is not None:
            self._done_file.write(fingerprint.hex() + "\n")
            self._done_file.flush()  # reaches the kernel: survives the process being killed

    def item_scraped(self, item: Any, response: Response) -> None:
        if isinstance(item, PageItem) and item.fetch.is_offering:
            self.mark_done(self.fingerprinter.fingerprint(response.request))  # type: ignore[arg-type]

    def close(self, reason: str) -> None:
        super().close(reason)
        if self._done_file is not None:
            self._done_file.close()
            self._done_file = None
