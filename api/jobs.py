"""Admin jobs shared by every API worker: one record and one lock per kind in ``DATA_DIR/admin/``.

``llo serve --workers N`` runs N processes; a job started in one must be visible in all, and a second
start must be refused whichever worker it reaches. A worker claims a kind by taking an exclusive,
non-blocking ``flock`` on ``<kind>.lock`` and keeps it while the job runs; the job's state is written to
``<kind>.json`` (atomically, by rename) at the start and at the end. The kernel drops the lock when the
holder dies, so a record that says "running" while nobody holds the lock was interrupted and is reported
as failed.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from skills.errors import LloError

KINDS = ("reindex", "crawl")


class JobRunningError(LloError):
    """A job of this kind is already running (in this worker or another)."""


@dataclass
class Job:
    kind: str
    started: float = field(default_factory=time.time)
    finished: float | None = None
    status: str = "running"  # running | finished | failed
    detail: str = ""
    pid: int = field(default_factory=os.getpid)

    def public(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "started": self.started, "finished": self.finished,
                "detail": self.detail}


class JobBoard:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _record(self, kind: str) -> Path:
        return self.directory / f"{kind}.json"

    def _write(self, job: Job) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.directory / f".{job.kind}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(asdict(job)), encoding="utf-8")
        tmp.replace(self._record(job.kind))

    def _lock(self, kind: str) -> IO[bytes] | None:
        """The open lock file of ``kind`` with the lock held, or None when another holder has it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fh = open(self.directory / f"{kind}.lock", "a+b")  # noqa: SIM115 - held for the job's lifetime
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            return None
        return fh

    def start(self, kind: str, work: Callable[[Job], None],
              runner: Callable[[Callable[[], None]], None]) -> Job:
        """Claim ``kind`` and hand ``work(job)`` to ``runner`` (e.g. a thread starter); the lock is held
        until ``work`` returns. Raises JobRunningError when any worker runs such a job."""
        fh = self._lock(kind)
        if fh is None:
            current = self.get(kind)
            since = time.ctime(current.started) if current else "?"
            raise JobRunningError(f"Er loopt al een {kind}-taak (gestart {since}).")
        job = Job(kind)
        self._write(job)

        def run() -> None:
            try:
                work(job)
            except Exception as exc:  # reported in the record; the server keeps running
                job.status, job.detail = "failed", str(exc)
            finally:
                if job.status == "running":
                    job.status = "failed"
                job.finished = job.finished or time.time()
                self._write(job)
                fh.close()  # releases the lock

        try:
            runner(run)
        except BaseException:
            fh.close()
            raise
        return job

    def get(self, kind: str) -> Job | None:
        """The last job of ``kind`` as every worker sees it (None if there never was one)."""
        try:
            job = Job(**json.loads(self._record(kind).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if job.status == "running":
            fh = self._lock(kind)
            if fh is not None:  # nobody holds the lock: the job ended, or the worker running it died
                try:
                    # Read again under the lock: the job may have written its end between our two steps.
                    job = Job(**json.loads(self._record(kind).read_text(encoding="utf-8")))
                except (OSError, ValueError, TypeError):
                    return None
                finally:
                    fh.close()
                if job.status == "running":
                    job.status, job.detail = "failed", job.detail or "onderbroken: de server stopte tijdens de taak"
        return job

    def all(self) -> dict[str, Job]:
        return {kind: job for kind in KINDS if (job := self.get(kind)) is not None}
