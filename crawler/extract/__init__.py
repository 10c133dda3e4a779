"""Offering extraction as pure functions: page body in, :class:`PageResult` out. No Scrapy, no network.

Entry point: :func:`extract_page`. Modules by job: ``document`` (decode, HTML/text → lines),
``structured`` (schema.org via extruct), ``heuristics`` (labelled blocks, tables), ``prose`` (prose cues),
``fields`` (Dutch value parsers), ``classify`` (page type), ``facts`` (one variant's parsed fields),
``assemble`` (facts → offerings), ``page`` (putting it together).
"""

from __future__ import annotations

from crawler.extract.page import extract_page
from crawler.extract.result import PageResult

__all__ = ["PageResult", "extract_page"]
