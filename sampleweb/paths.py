"""Where a URL path of a sample site lives on disk; shared by the generator and the server.

``/`` → ``index.html``; ``/opleidingen/kok`` → ``opleidingen/kok/index.html``; a path with a file
extension (``/robots.txt``, ``/api/opleidingen.json``) is the file itself; the one query parameter that
selects a different page, ``page=N``, becomes ``.../index.page-N.html``. Other query strings are ignored,
as most web servers do.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qs, unquote, urlsplit

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9._\-]+$")


def file_for(url_path: str) -> str | None:
    """Relative file path for a URL path (with optional query), or None when it cannot exist."""
    parts = urlsplit(url_path)
    path = posixpath.normpath(unquote(parts.path or "/"))
    segments = [s for s in path.split("/") if s]
    if any(not _SAFE_SEGMENT.match(s) or s.startswith(".") for s in segments):
        return None
    page = parse_qs(parts.query).get("page", [None])[0]
    if segments and "." in segments[-1]:
        return None if page else "/".join(segments)
    base = "/".join([*segments, "index"])
    if page is not None:
        if not page.isdigit() or page == "1":
            return None if not page.isdigit() else f"{base}.html"
        return f"{base}.page-{int(page)}.html"
    return f"{base}.html"
