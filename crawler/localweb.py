"""Serve the sample web from a child process while this process crawls it.

The sample web server is threaded Python; in the crawler's own process it would share one GIL with the
Scrapy reactor and halve the crawl rate on a small machine. :class:`LocalWeb` runs
:class:`sampleweb.SampleWebServer` in a separate process and hands back the sites' base URLs.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from sampleweb import SampleWebServer, SiteInfo
from skills.errors import LloError


def _serve(root: str, base_port: int, conn: Connection) -> None:
    try:
        server = SampleWebServer(Path(root), base_port=base_port)
        server.start()
    except Exception as exc:  # reported to the parent, which raises it there
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ok", server.sites))
    conn.recv()  # any message (or the parent closing the pipe) means stop
    server.stop()


class LocalWeb:
    """Context manager: ``with LocalWeb(root) as web: web.sites -> [(SiteInfo, base_url)]``."""

    def __init__(self, root: Path, base_port: int = 8101, start_timeout: float = 60.0) -> None:
        """Site ``i`` listens on ``base_port + i`` (0: free ports). Fixed ports keep URLs, and with them
        offering ids, the same from one crawl to the next."""
        self.root = Path(root)
        self.base_port = base_port
        self.start_timeout = start_timeout
        self.sites: list[tuple[SiteInfo, str]] = []
        self._proc: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> LocalWeb:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(str(self.root), self.base_port, child), daemon=True, name="llo-sampleweb")
        self._proc.start()
        self._conn = parent
        if not parent.poll(self.start_timeout):
            self.__exit__(None, None, None)
            raise LloError(f"the sample web at {self.root} did not start within {self.start_timeout:.0f}s")
        status, payload = parent.recv()
        if status != "ok":
            self.__exit__(None, None, None)
            raise LloError(f"cannot serve the sample web at {self.root}: {payload}")
        self.sites = payload
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._conn is not None:
            with contextlib.suppress(BrokenPipeError, OSError):
                self._conn.send("stop")
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join(timeout=10)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(timeout=5)
            self._proc = None
