"""Request limits that hold, and security headers on every response (plain ASGI middleware).

- Body: at most ``MAX_BODY_BYTES``. A ``Content-Length`` over it is refused before reading; any body
  (chunked included) is counted while it is read, and the request is answered 413 the moment the count
  passes the cap, so a 200 MB chunked upload costs at most one chunk past 64 KB.
- URL: at most ``MAX_URL_CHARS`` (414).
- Headers: at most ``MAX_HEADERS`` fields and ``MAX_HEADER_BYTES`` in total (431). The server bounds the
  raw request head before it reaches the app (``SERVER_OPTIONS``: uvicorn's h11 parser with
  ``h11_max_incomplete_event_size``; httptools has no such limit), so a 100 MB header is cut off at 64 KB.

Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware sets up a task group
and memory streams per request, which took ~10 % of a worker's CPU under the 50-client load test.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi.responses import JSONResponse
from starlette.datastructures import URL, Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
# A pasted text for POST /api/match may be a whole document (skills.matching.MAX_TEXT_CHARS characters,
# JSON-escaped); every other body stays under the general cap.
BODY_LIMITS = {"/api/match": 512 * 1024}
MAX_URL_CHARS = 4096
MAX_HEADERS = 100
MAX_HEADER_BYTES = 32 * 1024
# What `llo serve` and `llo demo` pass to uvicorn.run: a parser that bounds the request head.
SERVER_OPTIONS: dict[str, Any] = {"http": "h11", "h11_max_incomplete_event_size": 64 * 1024}

# Crawled text is untrusted: the page escapes it, and the CSP keeps injected markup inert.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def too_large(limit: int) -> str:
    return f"Verzoek te groot (maximaal {limit // 1024} KB)."


TOO_LARGE = too_large(MAX_BODY_BYTES)


class _BodyTooLarge(Exception):
    """Raised into the app when its body passes the cap (the 413 has been sent already)."""


class RequestGuards:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = refused = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if refused:  # our 413 went out; the app's late answer (FastAPI turns the error into a 400) is dropped
                return
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        raw_headers = scope.get("headers", [])
        length = Headers(scope=scope).get("content-length")
        if len(raw_headers) > MAX_HEADERS or sum(len(k) + len(v) for k, v in raw_headers) > MAX_HEADER_BYTES:
            await JSONResponse({"error": "Te veel of te grote headers."}, 431)(scope, receive, send_with_headers)
            return
        limit = BODY_LIMITS.get(scope.get("path", ""), MAX_BODY_BYTES)
        if length and length.isdigit() and int(length) > limit:
            await JSONResponse({"error": too_large(limit)}, 413)(scope, receive, send_with_headers)
            return
        if len(str(URL(scope=scope))) > MAX_URL_CHARS:
            await JSONResponse({"error": "URL te lang."}, 414)(scope, receive, send_with_headers)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not started and not refused:
                        await JSONResponse({"error": too_large(limit)}, 413)(scope, receive, send_with_headers)
                    refused = True
                    raise _BodyTooLarge
            return message

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counted_receive, send_with_headers)
