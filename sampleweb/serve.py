"""Serve a built sample web: one ThreadingHTTPServer per provider on 127.0.0.1, in background threads.

Behaves like a plain static web server: ETag (content hash) and Last-Modified (file mtime) with 304 on
If-None-Match / If-Modified-Since, Content-Type by extension, 404 for unknown paths, HEAD supported,
``?page=N`` selects a listing page (see :mod:`sampleweb.paths`). ``robots.txt`` and
``sitemap.xml`` get the site's own origin put in for ``__BASE_URL__``. Logs go to ``logging`` at debug.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from .build import BASE_PLACEHOLDER
from .paths import file_for
from .truth import SiteInfo, load_sites

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".js": "application/javascript",
}


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path) -> None:
        super().__init__(address, _Handler)
        self.root = root
        self._cache: dict[str, tuple[tuple[int, int], bytes, str]] = {}
        self._lock = threading.Lock()

    def load(self, rel: str, origin: str) -> tuple[bytes, str, float] | None:
        """(body, etag, mtime) of a site file, cached by mtime and size, or None when there is none."""
        path = self.root / rel
        try:
            st = path.stat()
        except OSError:
            return None
        if not path.is_file():
            return None
        key = f"{rel}\n{origin}"
        stamp = (st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._cache.get(key)
        if hit is None or hit[0] != stamp:
            body = path.read_bytes()
            if rel in ("robots.txt", "sitemap.xml"):
                body = body.replace(BASE_PLACEHOLDER.encode(), origin.encode())
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            hit = (stamp, body, etag)
            with self._lock:
                self._cache[key] = hit
        return hit[1], hit[2], st.st_mtime


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    server_version = "SampleWeb/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s %s", self.address_string(), format % args)

    def _not_found(self, head: bool) -> None:
        body = b"<!DOCTYPE html><html lang=\"nl\"><title>Niet gevonden</title><h1>Pagina niet gevonden</h1></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        rel = file_for(self.path)
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        found = self.server.load(rel, f"http://{host}") if rel else None
        if found is None:
            self._not_found(head)
            return
        body, etag, mtime = found
        last_modified = formatdate(int(mtime), usegmt=True)
        if self._not_modified(etag, int(mtime)):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return
        assert rel is not None
        suffix = "." + rel.rsplit(".", 1)[-1]
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= int(parsedate_to_datetime(ims).timestamp())
            except (TypeError, ValueError):
                return False
        return False

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._serve(head=True)


class SampleWebServer:
    """Serves every site of the sample web at ``root``; use as a context manager or start()/stop().

    ``base_port`` 0 picks free ports; otherwise site ``i`` listens on ``base_port + port_index``.
    After start, ``sites`` lists (SiteInfo, base URL like "http://127.0.0.1:8101").
    """

    def __init__(self, root: Path, host: str = "127.0.0.1", base_port: int = 0) -> None:
        self.root = Path(root)
        self.host = host
        self.base_port = base_port
        self.sites: list[tuple[SiteInfo, str]] = []
        self._servers: list[_SiteServer] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        if self._servers:
            return
        try:
            for site in load_sites(self.root):
                port = self.base_port + site.port_index if self.base_port else 0
                server = _SiteServer((self.host, port), self.root / "sites" / site.slug)
                self._servers.append(server)
                self.sites.append((site, f"http://{self.host}:{server.server_address[1]}"))
        except BaseException:
            self.stop()
            raise
        for server, (site, _) in zip(self._servers, self.sites, strict=True):
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                      name=f"sampleweb-{site.slug}", daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("serving %d sample sites from %s", len(self._servers), self.root)

    def stop(self) -> None:
        for i, server in enumerate(self._servers):
            if i < len(self._threads):  # shutdown() of a server that never ran would block forever
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads, self.sites = [], [], []

    def __enter__(self) -> SampleWebServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
