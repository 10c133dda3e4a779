"""``sampleweb``: crawl the offline sample web (see :mod:`sampleweb`).

Sites come from the sample web's ``sites.json``; their base URLs (one port per site) are given as
``base_urls`` (comma-separated, in ``sites.json`` order) or computed from ``base_port``:
``scrapy crawl sampleweb -a sampleweb_dir=data/sampleweb -a base_port=8100``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.sites import Site
from crawler.spiders.base import OfferingSpider
from sampleweb import SiteInfo, load_sites
from skills.model import Provider, ProviderKind


def sampleweb_sites(pairs: list[tuple[SiteInfo, str]]) -> list[Site]:
    """Sites for (SiteInfo, base URL) pairs, as ``SampleWebServer.sites`` lists them."""
    sites = []
    for info, base in pairs:
        base = base.rstrip("/")
        host = base.split("://", 1)[1].split(":", 1)[0]
        provider = Provider(name=info.name, brin=info.brin, website=base + "/", kind=ProviderKind(info.kind),
                            start_urls=(base + "/",), allowed_domains=(host,))
        sites.append(Site(provider))
    return sites


class SampleWebSpider(OfferingSpider):
    name = "sampleweb"

    def __init__(self, sampleweb_dir: str | None = None, base_urls: str | None = None,
                 base_port: str | int | None = None, host: str = "127.0.0.1",
                 sites: list[Site] | None = None, **kwargs: Any) -> None:
        if sites is None:
            if not sampleweb_dir:
                raise ValueError("the sampleweb spider needs -a sampleweb_dir=DIR")
            infos = load_sites(Path(sampleweb_dir))
            if base_urls:
                bases = [b.strip() for b in base_urls.split(",") if b.strip()]
                if len(bases) != len(infos):
                    raise ValueError(f"{len(bases)} base URLs for {len(infos)} sample sites")
            elif base_port:
                bases = [f"http://{host}:{int(base_port) + info.port_index}" for info in infos]
            else:
                raise ValueError("the sampleweb spider needs -a base_urls=... or -a base_port=N")
            sites = sampleweb_sites(list(zip(infos, bases, strict=True)))
        super().__init__(sites=sites, **kwargs)
