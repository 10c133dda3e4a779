"""The store: providers, offerings, mappings, crawl runs and page fetch records.

One interface (:class:`store.base.Store`); SQLite by default, PostgreSQL when the URL says so.
"""

from store.open import open_store

__all__ = ["open_store"]
