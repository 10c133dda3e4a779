"""``providers``: crawl the sites of a provider list (CSV or JSON, see :mod:`crawler.sites`).

``scrapy crawl providers -a providers_file=PATH`` from the repository root, or ``llo crawl --providers``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.sites import Site, load_sites, sites_from_json
from crawler.spiders.base import OfferingSpider


class ProvidersSpider(OfferingSpider):
    """Sites from ``providers_file`` (a path) or ``sites_json`` (the JSON provider-list text)."""

    name = "providers"

    def __init__(self, providers_file: str | None = None, sites_json: str | None = None,
                 sites: list[Site] | None = None, **kwargs: Any) -> None:
        if sites is None:
            if sites_json:
                sites = sites_from_json(sites_json)
            elif providers_file:
                sites = load_sites(Path(providers_file))
            else:
                raise ValueError("the providers spider needs -a providers_file=PATH (CSV or JSON)")
        super().__init__(sites=sites, **kwargs)
