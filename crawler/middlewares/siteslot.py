"""Give every request the download slot of its site (``host:port``).

Scrapy's default slot is the hostname, so local test webs that serve each site on its own port of
127.0.0.1 would share one slot and one politeness budget. With ``host:port`` every site gets its own
concurrency and delay, which equals the default for real sites on the standard ports.
Reads no settings.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response


class SiteSlotMiddleware:
    def process_request(self, request: Request) -> Request | Response | None:
        request.meta.setdefault("download_slot", urlsplit(request.url).netloc)
        return None
