"""CSV cells that a spreadsheet will not run: OWASP's CSV-injection advice.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets. Crawled titles are untrusted, so such a cell gets a leading
apostrophe (shown as text, not evaluated); numbers the export writes itself stay numbers. The csv module
then quotes what needs quoting.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` safe for a CSV cell: strings that could start a formula are prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
