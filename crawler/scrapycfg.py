"""The settings module `scrapy crawl` loads (named in scrapy.cfg): the edge for that command.

It is :mod:`crawler.settings` plus llo's configuration read from the environment, once, here. Nothing else
imports this module, so importing the crawler never reads the environment; `llo crawl` builds its settings
from the Settings object it was given (:func:`crawler.run.crawl_settings`).
"""

from __future__ import annotations

from crawler.settings import *  # noqa: F403  (Scrapy reads every upper-case name of this module)
from crawler.settings import llo_settings
from llo.settings import get_settings

globals().update(llo_settings(get_settings()))
