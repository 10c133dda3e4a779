"""Which pages a site's crawl may request: the site's own URLs, once each, within its page and depth caps;
and what the crawl did per site (:class:`SiteReport`, which decides whether staleness may be judged)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.sites import Site

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SiteReport:
    """What the crawl did for one site; ``complete`` decides whether staleness may be judged."""

    pages: int = 0
    errors: int = 0
    capped: bool = False
    start_ok: bool = False

    @property
    def complete(self) -> bool:
        """The start page answered, the page cap was not hit and at most 10% of fetches failed."""
        return self.start_ok and not self.capped and self.errors <= 0.1 * max(self.pages, 1)


def site_hosts(site: Site) -> set[str]:
    """The host names ``site`` is crawled on: its allowed domains and the hosts of its start URLs."""
    hosts = {h for h in site.provider.allowed_domains if h}
    hosts |= {urlsplit(u).hostname or "" for u in site.provider.start_urls}
    return {h for h in hosts if h}


def _netlocs_with_port(site: Site) -> set[str]:
    return {urlsplit(u).netloc for u in site.provider.start_urls if urlsplit(u).port is not None}


def site_owns(site: Site, url: str) -> bool:
    """Whether ``url`` belongs to ``site``. Sites given with an explicit port (local test webs that
    share one host) own exactly their host:port; others own their domains and subdomains."""
    split = urlsplit(url)
    if split.scheme not in ("http", "https"):
        return False
    with_port = _netlocs_with_port(site)
    if with_port:
        return split.netloc in with_port
    host = split.hostname or ""
    return any(host == d or host.endswith("." + d) for d in site_hosts(site))


class CrawlScope:
    """The page budget of one crawl: per site a page cap and a depth cap (the site's own limits in the
    provider list win over the crawl's), every page URL admitted once."""

    def __init__(self, sites: Iterable[Site], max_pages: int, max_depth: int,
                 count: Callable[[str], None] = lambda key: None) -> None:
        self.sites: dict[str, Site] = {s.name: s for s in sites}
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.count = count  # increments a crawl statistic
        self.reports: dict[str, SiteReport] = {name: SiteReport() for name in self.sites}
        self._scheduled: Counter[str] = Counter()
        self._seen_urls: set[str] = set()
        self._refused: dict[str, set[str]] = {name: set() for name in self.sites}

    def page_cap(self, site: Site) -> int:
        return site.max_pages if site.max_pages is not None else self.max_pages

    def depth_cap(self, site: Site) -> int:
        return site.max_depth if site.max_depth is not None else self.max_depth

    def admit_page(self, site: Site, url: str, *, again: bool = False) -> bool:
        """Whether page ``url`` of ``site`` may be requested now (counted against the page cap when it
        may). ``again``: a URL already admitted may be requested once more. Hitting the cap makes the
        site's report ``capped``."""
        if url in self._seen_urls and not again:
            return False
        if self._scheduled[site.name] >= self.page_cap(site):
            if not self.reports[site.name].capped:
                log.info("page cap %d reached for %s", self.page_cap(site), site.name)
                self.count("llo/sites_capped")
            self.reports[site.name].capped = True
            self._refused[site.name].add(url)
            return False
        self._seen_urls.add(url)
        self._scheduled[site.name] += 1
        return True

    def refuse(self, site: Site, url: str) -> None:
        """Note that page ``url``, linked from a parsed page of ``site``, was not requested because of a
        crawl limit (the depth cap)."""
        self._refused[site.name].add(url)

    def linked_not_fetched(self, site_name: str) -> set[str]:
        """Pages of the site that parsed pages link to but this crawl did not request because of its
        page or depth cap: they were not re-parsed, so what the store holds for them still stands."""
        return self._refused.get(site_name, set()) - self._seen_urls
