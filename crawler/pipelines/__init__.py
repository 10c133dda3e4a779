"""Item pipelines, one job each, in order: clean, validate, dedupe, store.

Offering pipelines pass :class:`crawler.items.PageItem` through untouched; each counts what it did in
``crawler.stats`` under ``llo/<job>/...`` and drops bad items with ``DropItem(reason)``.
"""
