"""A fetched body turned into what the extractors read: decoded text, lines with their tag, tables, meta.

HTML and plain text become the same :class:`Document` so the heuristics run unchanged on both. HTML is
parsed with BeautifulSoup over lxml, which repairs malformed markup instead of failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from w3lib.encoding import html_to_unicode

from skills.errors import ExtractionError

# Tags whose text is never page content.
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "button",
         "select", "head", "object", "embed", "canvas")
_BLOCK = {
    "p", "div", "section", "article", "main", "aside", "header", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "blockquote",
    "pre", "figure", "figcaption", "address", "details", "summary", "body", "html", "caption",
}
_CELL = {"td", "th"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0",
                 b"Rar!", b"7z\xbc\xaf", b"OggS", b"ID3", b"\x00\x00\x01\x00", b"RIFF", b"wOFF", b"wOF2")
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
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    return bad / len(sample) > 0.1


def _clean(text: str) -> str:
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
    lines = [Line(_clean(raw)) for raw in body.splitlines()]
    lines = [line for line in lines if line.text]
    return Document(url=canonical_url(url or header_url or ""), lines=lines, is_text=True)


def from_html(html: str, url: str) -> Document:
    """A Document from HTML; never raises on malformed markup."""
    soup = BeautifulSoup(html, "lxml")
    doc = Document(url=canonical_url(url), lines=[], html=html)
    head_title = soup.find("title")
    doc.head_title = _clean(head_title.get_text(" ")) if head_title else ""
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or "")
        if isinstance(key, str) and key.lower() in {"og:site_name", "og:title", "description", "og:description",
                                                   "application-name", "author"}:
            content = meta.get("content")
            if isinstance(content, str):
                doc.meta[key.lower()] = _clean(content)
    canonical = soup.find("link", rel="canonical")
    href = canonical.get("href") if isinstance(canonical, Tag) else None
    if isinstance(href, str) and href.strip():
        doc.url = canonical_url(urljoin(url, href))
    doc.pagination = _has_pagination(soup)
    for el in soup.find_all(True, attrs={"data-catalogue-src": True}):
        doc.data_sources.append(urljoin(doc.url, str(el["data-catalogue-src"])))
    for el in soup.find_all(True, attrs={"data-src": re.compile(r"\.json(\?|$)")}):
        doc.data_sources.append(urljoin(doc.url, str(el["data-src"])))
    for el in soup.find_all(_DROP):
        el.decompose()
    for el in soup.find_all(True, attrs={"class": re.compile(r"cookie|breadcrumb|skip-?link|sr-only|visually-hidden",
                                                       re.I)}):
        el.decompose()
    for el in soup.find_all(True, attrs={"hidden": True}):
        el.decompose()
    main = soup.find("main") or soup.find(True, attrs={"role": "main"})
    if main is None:
        articles = soup.find_all("article")
        main = articles[0] if len(articles) == 1 else None
    h1 = (main.find("h1") if isinstance(main, Tag) else None) or soup.find("h1")
    doc.title = _clean(h1.get_text(" ")) if isinstance(h1, Tag) else ""
    root = soup.body or soup
    _walk(root, doc, main if isinstance(main, Tag) else None, in_main=main is None)
    for table in root.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [_clean(c.get_text(" ")) for c in tr.find_all(["th", "td"])]
            if any(cells):
                rows.append(cells)
        if rows:
            doc.tables.append(rows)
    scope = main if isinstance(main, Tag) else root
    for a in scope.find_all("a", href=True):
        href = str(a["href"]).strip()
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
            doc.links.append((canonical_url(urljoin(doc.url, href)), _clean(a.get_text(" "))))
    return doc


def _walk(node: Tag, doc: Document, main: Tag | None, in_main: bool) -> None:
    """Append the visible text of ``node`` to doc.lines, one Line per block element."""
    buf: list[str] = []
    tag_of_buf = [node.name or ""]

    def flush() -> None:
        text = _clean(" ".join(buf))
        if text:
            doc.lines.append(Line(text, tag_of_buf[0], in_main))
        buf.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, CDATA, doctype
                buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name or ""
        if name == "tr":
            flush()
            cells = [_clean(c.get_text(" ")) for c in child.find_all(_CELL)]
            text = " | ".join(c for c in cells if c)
            if text:
                doc.lines.append(Line(text, "tr", in_main or child is main))
            continue
        if name in _BLOCK:
            flush()
            _walk(child, doc, main, in_main or child is main)
            if name == "br":
                continue
        elif name in _CELL:
            flush()
            _walk(child, doc, main, in_main or child is main)
        else:
            buf.append(child.get_text(" "))
    flush()


def _has_pagination(soup: BeautifulSoup) -> bool:
    if soup.find("link", rel="next") or soup.find("a", rel="next"):
        return True
    if soup.find(True, attrs={"class": re.compile(r"\bpagination\b|\bpager\b|page-numbers", re.I)}):
        return True
    return any(
        re.search(r"[?&]page=\d|/page/\d|/pagina/\d", str(a.get("href")))
        and re.fullmatch(r"\s*(volgende|next|»|›|>|\d+)\s*", a.get_text(), re.I)
        for a in soup.find_all("a", href=True)
    )


def host_name(url: str) -> str:
    """The registrable-looking part of the host: "www.rocfriesepoort.nl" → "rocfriesepoort"."""
    host = urlsplit(url).hostname or ""
    labels = [lab for lab in host.split(".") if lab and lab not in {"www", "m"}]
    if len(labels) >= 2:
        return labels[-2]
    return labels[0] if labels else ""
