"""HTML → :class:`~crawler.extract.document.Document`: lines with their tag, tables, meta, links.

Parsed with BeautifulSoup over lxml, which repairs malformed markup instead of failing. Navigation,
footers, scripts and cookie banners are dropped; the main content region is marked so extractors can
prefer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from crawler.extract.document import Document, Line, canonical_url, clean_text

# Tags whose text is never page content.
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "button",
         "select", "head", "object", "embed", "canvas")
_BLOCK = {
    "p", "div", "section", "article", "main", "aside", "header", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "blockquote",
    "pre", "figure", "figcaption", "address", "details", "summary", "body", "html", "caption",
}
_CELL = {"td", "th"}

_META_KEYS = frozenset({"og:site_name", "og:title", "description", "og:description", "application-name", "author"})
_HIDDEN_CLASS = re.compile(r"cookie|breadcrumb|skip-?link|sr-only|visually-hidden", re.I)
_PAGER_CLASS = re.compile(r"\bpagination\b|\bpager\b|page-numbers", re.I)
_PAGER_HREF = re.compile(r"[?&]page=\d|/page/\d|/pagina/\d")
_PAGER_TEXT = re.compile(r"\s*(volgende|next|»|›|>|\d+)\s*", re.I)
_JSON_SRC = re.compile(r"\.json(\?|$)")


def _values(value: object) -> list[str]:
    """A (possibly multi-valued, like class and rel) attribute as a list of strings."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _tags(node: Tag, names: frozenset[str] | set[str]) -> list[Tag]:
    """Descendant tags of ``node`` named one of ``names``, in document order (``find_all`` without
    BeautifulSoup's generic matching machinery, which dominated extraction time)."""
    return [el for el in node.descendants if isinstance(el, Tag) and el.name in names]


@dataclass(slots=True)
class _Scan:
    """What one pass over the whole parsed tree finds, before anything is removed from it."""

    head_title: Tag | None = None
    canonical: Tag | None = None
    pagination: bool = False
    pager_links: list[Tag] = field(default_factory=list)  # <a href> to check for "page 2" links
    catalogue_srcs: list[str] = field(default_factory=list)
    json_srcs: list[str] = field(default_factory=list)
    drop: list[Tag] = field(default_factory=list)  # outermost subtrees that are never page content
    # Among the tags that survive the drop:
    main: Tag | None = None
    role_main: Tag | None = None
    articles: list[Tag] = field(default_factory=list)
    h1: Tag | None = None
    body: Tag | None = None


def _scan(soup: BeautifulSoup, doc: Document) -> _Scan:
    """One pre-order walk over every tag: head facts, pagination, data sources, the subtrees to drop
    (``_DROP`` tags, cookie/breadcrumb/screen-reader classes, ``hidden``) and the main-content candidates
    that are not inside a dropped subtree. Equivalent to the sequence of ``find``/``find_all`` calls it
    replaces (same document order, same attribute matching)."""
    scan = _Scan()
    stack: list[tuple[Tag, bool]] = [(child, False) for child in reversed(soup.contents) if isinstance(child, Tag)]
    while stack:
        el, dropped = stack.pop()
        name = el.name
        attrs = el.attrs
        if name == "title" and scan.head_title is None:
            scan.head_title = el
        elif name == "meta":
            key = attrs.get("property") or attrs.get("name") or ""
            if isinstance(key, str) and key.lower() in _META_KEYS:
                content = attrs.get("content")
                if isinstance(content, str):
                    doc.meta[key.lower()] = clean_text(content)
        elif name == "link":
            rel = _values(attrs.get("rel"))
            if scan.canonical is None and ("canonical" in rel or " ".join(rel) == "canonical"):
                scan.canonical = el
            if "next" in rel or " ".join(rel) == "next":
                scan.pagination = True
        elif name == "a":
            rel = _values(attrs.get("rel"))
            if "next" in rel or " ".join(rel) == "next":
                scan.pagination = True
            if attrs.get("href") is not None:
                scan.pager_links.append(el)
        classes = _values(attrs.get("class")) if "class" in attrs else []
        if classes and not scan.pagination and any(_PAGER_CLASS.search(c) for c in [*classes, " ".join(classes)]):
            scan.pagination = True
        if "data-catalogue-src" in attrs and attrs["data-catalogue-src"] is not None:
            scan.catalogue_srcs.append(str(attrs["data-catalogue-src"]))
        data_src = attrs.get("data-src")
        if data_src is not None and any(_JSON_SRC.search(v) for v in _values(data_src)):
            scan.json_srcs.append(str(data_src))
        if not dropped and (name in _DROP or attrs.get("hidden") is not None or (
                classes and any(_HIDDEN_CLASS.search(c) for c in [*classes, " ".join(classes)]))):
            scan.drop.append(el)
            dropped = True
        if not dropped:
            if name == "main" and scan.main is None:
                scan.main = el
            elif name == "article":
                scan.articles.append(el)
            elif name == "h1" and scan.h1 is None:
                scan.h1 = el
            elif name == "body" and scan.body is None:
                scan.body = el
            if scan.role_main is None and attrs.get("role") == "main":
                scan.role_main = el
        stack.extend((child, dropped) for child in reversed(el.contents) if isinstance(child, Tag))
    return scan


def from_html(html: str, url: str) -> Document:
    """A Document from HTML; never raises on malformed markup."""
    soup = BeautifulSoup(html, "lxml")
    doc = Document(url=canonical_url(url), lines=[], html=html)
    scan = _scan(soup, doc)
    doc.head_title = clean_text(scan.head_title.get_text(" ")) if scan.head_title is not None else ""
    href = scan.canonical.get("href") if scan.canonical is not None else None
    if isinstance(href, str) and href.strip():
        doc.url = canonical_url(urljoin(url, href))
    doc.pagination = scan.pagination or any(
        _PAGER_HREF.search(str(a.get("href"))) and _PAGER_TEXT.fullmatch(a.get_text())
        for a in scan.pager_links
    )
    doc.data_sources.extend(urljoin(doc.url, src) for src in scan.catalogue_srcs)
    doc.data_sources.extend(urljoin(doc.url, src) for src in scan.json_srcs)
    for el in scan.drop:
        el.decompose()
    main = scan.main or scan.role_main
    if main is None:
        main = scan.articles[0] if len(scan.articles) == 1 else None
    h1 = (main.find("h1") if main is not None else None) or scan.h1
    doc.title = clean_text(h1.get_text(" ")) if isinstance(h1, Tag) else ""
    root: Tag = scan.body or soup
    _walk(root, doc, main, in_main=main is None)
    for table in _tags(root, {"table"}):
        rows = []
        for tr in _tags(table, {"tr"}):
            cells = [clean_text(c.get_text(" ")) for c in _tags(tr, _CELL)]
            if any(cells):
                rows.append(cells)
        if rows:
            doc.tables.append(rows)
    scope = main if main is not None else root
    for a in _tags(scope, {"a"}):
        raw = a.get("href")
        if raw is None:
            continue
        href = str(raw).strip()
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
            doc.links.append((canonical_url(urljoin(doc.url, href)), clean_text(a.get_text(" "))))
    return doc


def _walk(node: Tag, doc: Document, main: Tag | None, in_main: bool) -> None:
    """Append the visible text of ``node`` to doc.lines, one Line per block element."""
    buf: list[str] = []
    tag_of_buf = [node.name or ""]

    def flush() -> None:
        text = clean_text(" ".join(buf))
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
            cells = [clean_text(c.get_text(" ")) for c in _tags(child, _CELL)]
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
