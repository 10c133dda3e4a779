"""``distributed``: the providers spider on a frontier shared through Redis (scrapy-redis).

Start the same command on several machines or processes; they pull requests from one Redis queue and
share one duplicate filter, so each page is fetched once across all workers:
``scrapy crawl distributed -a providers_file=PATH -s REDIS_URL=redis://host:6379/0``
(``llo crawl --providers PATH --distributed`` does the same with LLO_REDIS_URL).
"""

from __future__ import annotations

from typing import Any

from crawler.run import DISTRIBUTED
from crawler.spiders.providers import ProvidersSpider


class DistributedSpider(ProvidersSpider):
    name = "distributed"
    custom_settings: dict[str, Any] | None = dict(DISTRIBUTED)
