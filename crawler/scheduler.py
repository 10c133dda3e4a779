"""Scrapy's scheduler, made safe to resume after a crash (SIGKILL, power loss).

A ``llo.running`` marker in JOBDIR is written when the crawl opens and removed when it closes cleanly.
Finding it on open means the last process died: the disk queue's bookkeeping (``active.json``,
``info.json``) is only written on a clean close, so the queue is discarded and the duplicate filter is
told to forget unfinished work (see :mod:`crawler.dupefilter`). A clean pause/resume (Ctrl-C once)
behaves exactly like Scrapy's. Settings: ``JOBDIR`` plus Scrapy's scheduler settings.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.core.scheduler import Scheduler

log = logging.getLogger(__name__)
MARKER = "llo.running"


class ResumableScheduler(Scheduler):
    def open(self, spider: Spider) -> Any:
        if self.dqdir is not None:
            jobdir = Path(self.dqdir).parent
            marker = jobdir / MARKER
            if marker.exists():
                log.warning("JOBDIR %s was left by a crawl that did not stop cleanly; recovering", jobdir)
                shutil.rmtree(self.dqdir, ignore_errors=True)
                Path(self.dqdir).mkdir(parents=True, exist_ok=True)
                forget = getattr(self.df, "forget_unfinished", None)
                if forget is not None:
                    forget()
                if self.stats is not None:
                    self.stats.set_value("llo/resumed_after_crash", 1)
            marker.write_text("a crawl is running or died; see crawler/scheduler.py\n")
        return super().open(spider)

    def close(self, reason: str) -> Any:
        result = super().close(reason)
        if self.dqdir is not None:
            (Path(self.dqdir).parent / MARKER).unlink(missing_ok=True)
        return result
