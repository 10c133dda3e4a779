"""Request limits that hold against a real uvicorn server, rate limits, strict admin tokens and safe CSV
cells (issue 11: F1, F2, F6 and the admin/export findings)."""

from __future__ import annotations

import asyncio
import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.guards import MAX_BODY_BYTES, SERVER_OPTIONS, RequestGuards
from api.main import create_app
from api.ratelimit import RateLimiter
from api.routes.admin import bearer_token
from api.spreadsheet import neutralise
from api.state import EXPORTS_PER_MINUTE, AppState


@pytest.fixture(scope="module")
def server(state: AppState) -> Iterator[tuple[str, int]]:
    """The app under uvicorn with the options `llo serve` uses, on a free 127.0.0.1 port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(state.settings, state), host="127.0.0.1", port=port,
                            log_level="error", **SERVER_OPTIONS)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield "127.0.0.1", port
    srv.should_exit = True
    thread.join(timeout=10)


def _status_of(sock: socket.socket) -> int:
    sock.settimeout(10)
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return int(head.split(b" ", 2)[1])


def test_chunked_body_is_cut_off_while_reading(server: tuple[str, int]) -> None:
    """F1: no Content-Length, 64 KB chunks: the answer is 413 long before 8 MB are sent."""
    sent = 0
    with socket.create_connection(server) as sock:
        sock.sendall(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"a" * 65536
        sock.settimeout(0.05)
        status = None
        try:
            while sent < 8 * 1024 * 1024:
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
                try:
                    if sock.recv(1, socket.MSG_PEEK):
                        break
                except TimeoutError:
                    continue
        except (BrokenPipeError, ConnectionResetError):
            pass
        status = _status_of(sock)
    assert status == 413
    assert sent < 4 * 1024 * 1024, f"the server kept reading ({sent} bytes sent)"


def test_guard_reads_no_chunk_past_the_cap() -> None:
    """The body is counted as it is read: the app never gets more than the cap plus one chunk."""
    pulled = 0

    async def receive() -> dict[str, object]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * 10_000, "more_body": pulled < 10_000}

    async def app(scope: object, rcv: object, snd: object) -> None:
        while True:
            message = await rcv()  # type: ignore[operator]
            if not message.get("more_body"):
                break

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/chat", "headers": [], "query_string": b"",
             "scheme": "http", "server": ("t", 80)}
    asyncio.run(RequestGuards(app)(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert pulled == MAX_BODY_BYTES // 10_000 + 1


def test_huge_header_is_refused_quickly(server: tuple[str, int]) -> None:
    """F2: a 1 MB header line is refused at the parser's 64 KB bound, without reading it all."""
    started = time.monotonic()
    with socket.create_connection(server) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(16):
                sock.sendall(b"a" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            status = _status_of(sock)
        except (ConnectionResetError, ValueError, IndexError):
            status = 400  # the server hung up on the request head: refused too
    assert status in (400, 431)
    assert time.monotonic() - started < 5


def test_too_many_headers_is_431(server: tuple[str, int]) -> None:
    with socket.create_connection(server) as sock:
        fields = b"".join(b"X-F%d: v\r\n" % i for i in range(150))
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + fields + b"Connection: close\r\n\r\n")
        assert _status_of(sock) == 431


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+31 6", "'+31 6"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Kok", "Kok"), (2.5, 2.5),
])
def test_csv_cells_are_neutralised(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_export_csv_writes_no_formula(client: TestClient, state: AppState) -> None:
    """F6: a crawled title that starts with '=' is text in the CSV."""
    engine = state.require_engine()
    original = list(engine.payloads)
    try:
        for i, payload in enumerate(engine.payloads):
            engine.payloads[i] = dict(payload, title="=cmd|' /C calc'!A0 " + payload["title"])
        r = client.get("/api/search/export.csv", params={"q": "zorg"})
    finally:
        engine.payloads[:] = original
    rows = list(csv.reader(io.StringIO(r.text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Opleiding"
    titles = [row[0] for row in rows[1:]]
    assert titles and all(t.startswith("'=") for t in titles)


def test_exports_are_rate_limited(state: AppState) -> None:
    own = replace(state, export_limiter=RateLimiter(EXPORTS_PER_MINUTE, 60.0))
    with TestClient(create_app(own.settings, own)) as c:
        codes = [c.get("/api/search/export.jsonld", params={"q": "kok"}).status_code
                 for _ in range(EXPORTS_PER_MINUTE + 1)]
        assert codes[:-1] == [200] * EXPORTS_PER_MINUTE
        assert codes[-1] == 429
        r = c.get("/api/search/export.csv", params={"q": "kok"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "error" in r.json()


@pytest.mark.parametrize(("header", "token"), [
    ("Bearer s3cret", "s3cret"), ("bearer s3cret", "s3cret"), ("s3cret", None), ("Basic s3cret", None),
    ("Bearer", None), ("Bearer  s3cret", None), ("Bearer s3cret extra", None), ("", None),
])
def test_bearer_scheme_is_strict(header: str, token: str | None) -> None:
    assert bearer_token(header) == token


def test_failed_admin_tokens_are_throttled(state: AppState) -> None:
    settings = state.settings.model_copy(update={"admin_token": "s3cret"})
    own = replace(state, settings=settings, admin_failures=RateLimiter(5, 300.0))
    with TestClient(create_app(settings, own)) as c:
        assert c.get("/api/admin/jobs", headers={"Authorization": "s3cret"}).status_code == 401  # no scheme
        assert c.get("/api/admin/jobs", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        for _ in range(4):
            assert c.get("/api/admin/jobs", headers={"Authorization": "Bearer guess"}).status_code == 401
        r = c.get("/api/admin/jobs", headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 429 and "retry-after" in r.headers


def test_csp_is_complete(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"):
        assert directive in csp


def test_405_says_what_is_allowed(client: TestClient) -> None:
    r = client.delete("/api/search")
    assert r.status_code == 405 and "GET" in r.headers["allow"] and "error" in r.json()
