"""Pick the character encoding a page body really uses (pure function).

Servers of school sites lie about charsets: ``ISO-8859-1`` headers on UTF-8 bodies (mojibake such as
"CreÃ«ren"), UTF-8 headers on Windows-1252 bodies, or no charset at all. Rule: a body that is valid UTF-8
with non-ASCII bytes is UTF-8 whatever is declared (random Windows-1252 text is almost never valid UTF-8);
otherwise the declared charset (header, then BOM/meta) if the body decodes with it; otherwise
Windows-1252, which decodes any byte string.
"""

from __future__ import annotations

import codecs

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

FALLBACK = "cp1252"


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _normalise(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def choose_encoding(body: bytes, content_type: str | None = None) -> str:
    """The Python codec name to decode ``body`` with (see the module doc for the rule)."""
    bom_encoding, _ = read_bom(body)
    if bom_encoding:
        return _normalise(bom_encoding) or "utf-8"
    if not body.isascii() and _decodes(body, "utf-8"):
        return "utf-8"
    for declared in (
        http_content_type_encoding(content_type) if content_type else None,
        html_body_declared_encoding(body),
    ):
        name = _normalise(declared)
        if name and name != "utf-8" and _decodes(body, name):
            return name
    if body.isascii():
        return "utf-8"
    return FALLBACK
