"""The project's few named exceptions. Edges (CLI, API, Scrapy) translate them once."""

from __future__ import annotations


class LloError(Exception):
    """Base class: a problem the user can act on; the message says what and where."""


class ReferenceDataError(LloError):
    """Reference data is missing or invalid. ``problems`` lists every (file, line, problem) found."""

    def __init__(self, message: str, problems: list[tuple[str, int | None, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NotFoundError(LloError):
    """An id, crebo or file that was asked for does not exist."""


class InvalidQueryError(LloError):
    """A search or chat request that cannot be answered as asked (bad filter value, too long, ...)."""


class StoreError(LloError):
    """The store cannot be reached or its schema is from an unknown version."""


class IndexUnavailableError(LloError):
    """The index is missing, incomplete or built for another encoder."""


class ExtractionError(LloError):
    """A page could not be read at all (not HTML/text, undecodable)."""
