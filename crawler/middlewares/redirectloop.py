"""Stop a redirect loop where it closes, so it ends in the request's errback (and a fetch record).

Scrapy's redirect middleware hands every hop back to the scheduler; when a hop returns to a URL of the
chain, the duplicate filter drops it without a word, and the page got neither a log line nor a
``page_fetches`` row. Here a 3xx whose ``Location`` is already in the chain raises ``IgnoreRequest``
("redirect loop"), which the spider records with reason ``redirect-loop``.

Sits after the redirect middleware in the response chain (a number above its 600). Reads no settings.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response


class RedirectLoopMiddleware:
    def process_response(self, request: Request, response: Response) -> Request | Response:
        raw = response.headers.get(b"Location")
        if not 300 <= response.status < 400 or not raw:
            return response
        location = raw.decode("latin-1")
        target = urldefrag(urljoin(request.url, location))[0]
        chain = {urldefrag(u)[0] for u in [*request.meta.get("redirect_urls", []), request.url]}
        if target in chain:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response
