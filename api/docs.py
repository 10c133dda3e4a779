"""Offline OpenAPI docs at /docs: Swagger UI 5 served from the `swagger-ui-py` package, not a CDN.

FastAPI's default /docs page loads Swagger UI from jsdelivr, which neither works without a network nor
passes the page's CSP. Here the dist files come from the installed package and the one inline start-up
script FastAPI writes is allowed by its sha256 hash, so /docs keeps ``script-src 'self'`` plus exactly
that script. Swagger UI sets inline styles (React style attributes), so /docs alone allows inline style;
it shows no crawled text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
ASSETS_URL = "/docs-assets"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def swagger_dist_dir() -> Path:
    """Directory holding swagger-ui-bundle.js and swagger-ui.css (from the `swagger-ui-py` package)."""
    import swagger_ui

    return Path(swagger_ui.__file__).resolve().parent / "static"


def docs_csp(html: str) -> str:
    """The Content-Security-Policy for a Swagger UI page: its inline scripts allowed by hash only."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            f"script-src 'self' {hashes}; connect-src 'self'; frame-ancestors 'none'")


def install_docs(app: FastAPI) -> None:
    """Serve Swagger UI at /docs from local files. Create the app with ``docs_url=None`` first, and call
    this before mounting anything at "/" (a root mount would shadow these routes)."""
    dist = swagger_dist_dir()
    app.mount(ASSETS_URL, StaticFiles(directory=dist), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} – API-documentatie",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon-32x32.png",
        )
        body = bytes(page.body).decode("utf-8")
        return HTMLResponse(body, headers={"Content-Security-Policy": docs_csp(body)})
