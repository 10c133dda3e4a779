"""A local HTTP server that misbehaves the way real school sites do, for the crawler's robustness tests.

Every path is declared in ROUTES; the server counts hits per path so tests can assert what the crawler
did (and did not) fetch. Run it with ``with MisbehavingServer() as srv: srv.url("/")``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

TIMEOUT_S = 1.0  # the DOWNLOAD_TIMEOUT the tests give the crawler; slow routes exceed it
MAXSIZE = 64 * 1024  # the DOWNLOAD_MAXSIZE the tests give the crawler

ROBOTS = b"User-agent: *\nDisallow: /geheim\n"


def offering_page(title: str, crebo: str, niveau: int, leerweg: str, charset: str = "utf-8",
                  extra: str = "") -> bytes:
    html = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="{charset}"><title>{title} | ROC Test</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Course", "name": "{title}",
"courseCode": "{crebo}", "provider": {{"@type": "EducationalOrganization", "name": "ROC Test"}},
"educationalLevel": "mbo niveau {niveau}"}}</script></head>
<body><h1>{title}</h1>
<dl><dt>Crebo</dt><dd>{crebo}</dd><dt>Niveau</dt><dd>{niveau}</dd><dt>Leerweg</dt><dd>{leerweg}</dd>
<dt>Duur</dt><dd>3 jaar</dd><dt>Locatie</dt><dd>Utrecht</dd></dl>
<p>Je leert in deze opleiding alles over het vak {title}. {extra}</p></body></html>"""
    return html.encode(charset)


GOOD = offering_page("Verzorgende IG", "25491", 3, "BBL")
FLAKY = offering_page("Kok", "25180", 2, "BOL")
WRONG_CHARSET = offering_page("Medewerker creëren en ontwerpen", "25391", 2, "BBL", charset="cp1252")
NO_CHARSET = offering_page("Onderwijsassistent", "25487", 4, "BOL").replace(b'<meta charset="utf-8">', b"")
MALFORMED = (b"<html><head><title>Logistiek medewerker</title><script type='application/ld+json'>"
             b"{\"@type\": \"Course\", \"name\": \"Logistiek medewerker\", broken</script>"
             b"<body><h1>Logistiek medewerker<div><p>Niveau 2 <b>Crebo 25360<table><tr><td>Leerweg<td>BBL")
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40
BINARY_AS_HTML = bytes(range(256)) * 40

LINKS = ["/opleidingen/goed", "/opleidingen/flaky", "/opleidingen/niet-gevonden", "/opleidingen/kapot-server",
         "/opleidingen/traag", "/opleidingen/druppel", "/opleidingen/groot", "/opleidingen/lus",
         "/opleidingen/verkeerde-charset", "/opleidingen/geen-charset", "/opleidingen/misvormd",
         "/opleidingen/brochure", "/opleidingen/binair", "/geheim/opleiding-verborgen",
         "/opleidingen/even-wachten", "/opleidingen/morgen-terug"]
RETRY_AFTER_S = 2  # /opleidingen/even-wachten asks for this pause once
WAIT = offering_page("Timmerman", "25110", 2, "BBL")
HOME = ("<html><head><meta charset='utf-8'><title>ROC Test</title></head><body><h1>Opleidingen</h1><ul>"
        + "".join(f'<li><a href="{p}">Opleiding {p.rsplit("/", 1)[1]}</a></li>' for p in LINKS)
        + "</ul></body></html>").encode()

# Paths whose offerings a correct crawler stores.
EXPECTED_TITLES = {"/opleidingen/goed": "Verzorgende IG", "/opleidingen/flaky": "Kok",
                   "/opleidingen/verkeerde-charset": "Medewerker creëren en ontwerpen",
                   "/opleidingen/geen-charset": "Onderwijsassistent", "/opleidingen/even-wachten": "Timmerman"}


class _Handler(BaseHTTPRequestHandler):
    server: MisbehavingServer._Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return

    def _send(self, status: int, body: bytes, ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.times.setdefault(path, []).append(time.monotonic())
            hits = self.server.hits[path]
        if path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain")
        elif path == "/":
            self._send(200, HOME)
        elif path == "/opleidingen/goed":
            self._send(200, GOOD)
        elif path == "/opleidingen/flaky":  # fails once, then works: a retry must get it
            if hits == 1:
                self._send(503, b"<h1>Even geduld</h1>")
            else:
                self._send(200, FLAKY)
        elif path == "/opleidingen/even-wachten":  # 503 with a short Retry-After once: wait, then retry
            if hits == 1:
                self._send(503, b"<h1>Even geduld</h1>", headers={"Retry-After": str(RETRY_AFTER_S)})
            else:
                self._send(200, WAIT)
        elif path == "/opleidingen/morgen-terug":  # asks for an hour: not retried within the crawl
            self._send(503, b"<h1>Onderhoud</h1>", headers={"Retry-After": "3600"})
        elif path == "/opleidingen/niet-gevonden":
            self._send(404, b"<h1>Pagina niet gevonden</h1>")
        elif path == "/opleidingen/kapot-server":
            self._send(500, b"<h1>Interne fout</h1>")
        elif path == "/opleidingen/traag":
            time.sleep(TIMEOUT_S * 3)
            self._send(200, GOOD)
        elif path == "/opleidingen/druppel":  # headers at once, then a byte every 0.3 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/opleidingen/groot":
            self._send(200, b"<html><body>" + b"<p>opleiding</p>" * (MAXSIZE // 8) + b"</body></html>")
        elif path == "/opleidingen/lus":
            self._send(302, b"", headers={"Location": "/opleidingen/lus-2"})
        elif path == "/opleidingen/lus-2":
            self._send(302, b"", headers={"Location": "/opleidingen/lus"})
        elif path == "/opleidingen/verkeerde-charset":  # cp1252 body, header says utf-8
            self._send(200, WRONG_CHARSET, "text/html; charset=utf-8")
        elif path == "/opleidingen/geen-charset":
            self._send(200, NO_CHARSET, "text/html")
        elif path == "/opleidingen/misvormd":
            self._send(200, MALFORMED)
        elif path == "/opleidingen/brochure":
            self._send(200, PDF, "application/pdf")
        elif path == "/opleidingen/binair":  # binary under a page URL, claiming to be HTML
            self._send(200, BINARY_AS_HTML, "text/html")
        elif path.startswith("/geheim"):
            self._send(200, GOOD)
        else:
            self._send(404, b"<h1>Niet gevonden</h1>")


class MisbehavingServer:
    """Threaded server on a free 127.0.0.1 port; ``hits`` counts requests per path."""

    class _Server(ThreadingHTTPServer):
        daemon_threads = True

        def __init__(self) -> None:
            super().__init__(("127.0.0.1", 0), _Handler)
            self.hits: Counter[str] = Counter()
            self.times: dict[str, list[float]] = {}
            self.lock = threading.Lock()

        def handle_error(self, request: object, client_address: object) -> None:
            # The crawler hangs up on slow and oversized responses on purpose; that is not an error here.
            return

    def __init__(self) -> None:
        self._server = self._Server()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True)

    @property
    def hits(self) -> Counter[str]:
        return self._server.hits

    @property
    def times(self) -> dict[str, list[float]]:
        """Monotonic arrival time of every request, per path."""
        return self._server.times

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def __enter__(self) -> MisbehavingServer:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
