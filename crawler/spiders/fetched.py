"""A fetched page on its way to extraction: its fetch record, how to read its body, and the worker
processes that may extract it (``LLO_EXTRACT_WORKERS``)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from scrapy.http import Response

from crawler.extract import extract_page
from crawler.extract.result import PageResult
from crawler.sites import Site
from skills.model import PageFetch


@dataclass(slots=True)
class Fetched:
    """A fetched page about to be extracted: its site, fetch record and the extraction inputs."""

    site: Site
    fetch: PageFetch
    body: bytes
    url: str
    ctype: str
    encoding: str | None

    def extract_args(self) -> tuple[bytes, str, str, str, str | None]:
        """The arguments of :func:`extract_fetched` (picklable, for a worker process)."""
        return self.body, self.url, self.site.name, self.ctype or "text/html", self.encoding


def extract_fetched(body: bytes, url: str, provider: str, content_type: str, encoding: str | None) -> PageResult:
    """:func:`crawler.extract.extract_page` with positional arguments, as a worker process calls it."""
    return extract_page(body, url, provider=provider, content_type=content_type, encoding=encoding)


def content_type_of(response: Response) -> str:
    """The media type of ``response`` without parameters, lower-case ('' when absent)."""
    raw = response.headers.get(b"Content-Type") or b""
    return raw.decode("latin-1").split(";", 1)[0].strip().lower()


class ExtractionPool:
    """Worker processes extracting pages, started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fetched: Fetched) -> Future[PageResult]:
        if self._pool is None:
            # fork: workers start in milliseconds with the extraction modules already imported.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        return self._pool.submit(extract_fetched, *fetched.extract_args())

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
