"""Sites to crawl: a provider plus its crawl limits, read from a provider list.

Accepted inputs:

* a CSV with columns ``name, start_urls, allowed_domains`` (URLs/domains separated by spaces or ``;``)
  and optional ``brin, kind, max_pages, max_depth``;
* the reference ``institutions/institutions.csv`` (``brin, naam_2012, naam_2002, website_evidenced``);
  rows without a known website are skipped;
* KiesMBO's ``institutions/kiesmbo/organizations.csv`` (``brin, title, website``); rows without a website
  are skipped;
* a JSON list of objects with the same keys as the CSV (lists allowed for URLs and domains).

:func:`registry_sites` turns the reference provider registry (skills.reference.institutions) into sites: the
default crawl frontier.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skills.errors import LloError
from skills.model import Provider, ProviderKind


class ProviderListError(LloError):
    """A provider list that cannot be used; the message names the file and row."""


@dataclass(frozen=True, slots=True)
class Site:
    """One provider's site and how far to crawl it. ``None`` limits mean the crawl-wide setting."""

    provider: Provider
    max_pages: int | None = None
    max_depth: int | None = None

    @property
    def name(self) -> str:
        return self.provider.name


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part for part in str(value).replace(";", " ").split() if part)


def _int_or_none(value: Any, where: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ProviderListError(f"{where}: {value!r} is not a whole number") from None


def site_from_row(row: dict[str, Any], where: str) -> Site | None:
    """A :class:`Site` from one row of a provider list; ``None`` for an institution without website."""
    if "website_evidenced" in row:  # the reference institutions.csv
        website = (row.get("website_evidenced") or "").strip()
        name = (row.get("naam_2012") or row.get("naam_2002") or "").strip()
        if not website or not name:
            return None
        host = website.removeprefix("www.")
        provider = Provider(
            name=name, brin=row.get("brin") or None, website=f"https://www.{host}/",
            start_urls=(f"https://www.{host}/",), allowed_domains=(host, f"www.{host}"),
        )
        return Site(provider)
    if "title" in row and "website" in row and "name" not in row:  # KiesMBO organizations.csv
        host = urlsplit((row.get("website") or "").strip()).hostname or ""
        title = (row.get("title") or "").strip()
        if not host or not title:
            return None
        host = host.removeprefix("www.")
        return Site(Provider(name=title, brin=row.get("brin") or None, website=f"https://www.{host}/",
                             kind=ProviderKind.UNKNOWN, start_urls=(f"https://www.{host}/",),
                             allowed_domains=(host, f"www.{host}")))
    name = (row.get("name") or "").strip()
    start_urls = _split(row.get("start_urls") or row.get("start_url"))
    if not name:
        raise ProviderListError(f"{where}: missing 'name'")
    if not start_urls:
        raise ProviderListError(f"{where}: provider {name!r} has no start_urls")
    for url in start_urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ProviderListError(f"{where}: start URL {url!r} is not http(s)")
    domains = _split(row.get("allowed_domains")) or tuple(
        dict.fromkeys(urlsplit(u).hostname or "" for u in start_urls)
    )
    kind_text = (row.get("kind") or "roc").strip().lower()
    try:
        kind = ProviderKind(kind_text)
    except ValueError:
        raise ProviderListError(f"{where}: unknown provider kind {kind_text!r}") from None
    provider = Provider(
        name=name, brin=(row.get("brin") or None), website=start_urls[0], kind=kind,
        start_urls=start_urls, allowed_domains=domains,
    )
    return Site(provider, _int_or_none(row.get("max_pages"), where), _int_or_none(row.get("max_depth"), where))


def registry_sites(providers: Iterable[Provider]) -> list[Site]:
    """A site for every registry provider with a website (start URLs and allowed domains set)."""
    return [Site(p) for p in providers if p.website and p.start_urls]


def load_sites(path: Path) -> list[Site]:
    """Read a provider list (CSV or JSON, see module doc). Raises :class:`ProviderListError`."""
    if not path.is_file():
        raise ProviderListError(f"provider list {path} does not exist")
    sites: list[Site] = []
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ProviderListError(f"{path}: invalid JSON ({exc})") from None
        if not isinstance(rows, list):
            raise ProviderListError(f"{path}: expected a JSON list of providers")
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise ProviderListError(f"{path}[{i}]: expected an object")
            site = site_from_row(row, f"{path}[{i}]")
            if site:
                sites.append(site)
    else:
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                site = site_from_row(row, f"{path}:{line}")
                if site:
                    sites.append(site)
    names = [s.name for s in sites]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ProviderListError(f"{path}: provider names must be unique; repeated: {', '.join(dupes)}")
    if not sites:
        raise ProviderListError(f"{path}: no provider with a start URL")
    return sites


def sites_to_json(sites: list[Site]) -> str:
    """Serialise sites to the JSON provider-list format (for spider arguments and worker processes)."""
    return json.dumps([
        {
            "name": s.provider.name, "brin": s.provider.brin, "kind": s.provider.kind.value,
            "start_urls": list(s.provider.start_urls), "allowed_domains": list(s.provider.allowed_domains),
            "max_pages": s.max_pages, "max_depth": s.max_depth,
        }
        for s in sites
    ])


def sites_from_json(text: str) -> list[Site]:
    """Inverse of :func:`sites_to_json`."""
    rows = json.loads(text)
    return [s for i, row in enumerate(rows) if (s := site_from_row(row, f"sites[{i}]"))]
