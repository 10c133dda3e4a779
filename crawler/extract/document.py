"""A fetched body turned into what the extractors read: decoded text, lines with their tag, tables, meta.

HTML (read by :mod:`crawler.extract.markup`) and plain text become the same :class:`Document` so the
heuristics run unchanged on both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from w3lib.encoding import html_to_unicode

from skills.errors import ExtractionError

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0",
                 b"Rar!", b"7z\xbc\xaf", b"OggS", b"ID3", b"\x00\x00\x01\x00", b"RIFF", b"wOFF", b"wOF2")
# Replacement characters and control characters other than \t \n \f \r: signs of a binary body.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_BINARY_TYPES = re.compile(r"^(image|audio|video|font)/|application/(pdf|zip|octet-stream|x-|vnd\.|msword|gzip)")


@dataclass(slots=True)
class Line:
    """One block of visible text; ``tag`` is the block element it came from ("" for plain text)."""

    text: str
    tag: str = ""
    in_main: bool = True


@dataclass(slots=True)
class Document:
    url: str  # canonical URL (rel=canonical when the page gives one, without fragment)
    lines: list[Line]
    title: str = ""  # h1 (HTML) or the best title line (text)
    head_title: str = ""  # <title>
    meta: dict[str, str] = field(default_factory=dict)  # og:site_name, og:title, description
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cell texts per <table>
    links: list[tuple[str, str]] = field(default_factory=list)  # (absolute href, anchor text) in main
    pagination: bool = False
    data_sources: list[str] = field(default_factory=list)  # absolute URLs of JSON catalogue endpoints
    html: str = ""  # the decoded HTML ("" for plain text), for the structured-data reader
    is_text: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def main_text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.in_main)


def decode(body: str | bytes, content_type: str, encoding: str | None) -> str:
    """The body as text. Raises ExtractionError for binary bodies (images, PDF, archives, NUL-filled)."""
    if isinstance(body, str):
        text = body
    else:
        head = body[:16]
        if any(head.startswith(magic) for magic in _BINARY_MAGIC) or b"\x00" in body[:2048]:
            raise ExtractionError(f"body is binary ({len(body)} bytes, content type {content_type!r})")
        header = f"text/html; charset={encoding}" if encoding else content_type
        try:
            _, text = html_to_unicode(header, body)
        except (LookupError, UnicodeError) as exc:
            raise ExtractionError(f"body cannot be decoded: {exc}") from exc
    if _BINARY_TYPES.match(content_type.lower()) and _looks_binary(text):
        raise ExtractionError(f"body is not text (content type {content_type!r})")
    if _looks_binary(text):
        raise ExtractionError("body is not text: too many control or replacement characters")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) > 0.1


def clean_text(text: str) -> str:
    """Non-breaking spaces and whitespace runs as one space, stripped."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def canonical_url(url: str) -> str:
    """The URL without fragment; scheme and host lower-cased."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _text_header(text: str) -> tuple[str | None, str]:
    """Split a saved-page header ("URL: ...", "SOURCE: ...", then a "----" line) from the page text."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:12]):
        if re.fullmatch(r"\s*-{3,}\s*", line):
            header = lines[:i]
            if header and all(re.match(r"^[A-Za-z_ -]{2,20}:", h) or not h.strip() for h in header):
                url = next((h.split(":", 1)[1].strip() for h in header if h.lower().startswith("url:")), None)
                return url, "\n".join(lines[i + 1:])
            break
    return None, text


def from_text(text: str, url: str) -> Document:
    """A Document from plain page text (a saved-page header block is skipped)."""
    header_url, body = _text_header(text)
    lines = [Line(clean_text(raw)) for raw in body.splitlines()]
    lines = [line for line in lines if line.text]
    return Document(url=canonical_url(url or header_url or ""), lines=lines, is_text=True)


def host_name(url: str) -> str:
    """The registrable-looking part of the host: "www.rocfriesepoort.nl" → "rocfriesepoort"."""
    host = urlsplit(url).hostname or ""
    labels = [lab for lab in host.split(".") if lab and lab not in {"www", "m"}]
    if len(labels) >= 2:
        return labels[-2]
    return labels[0] if labels else ""
