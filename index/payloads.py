"""Offering payloads of an index, memory-mapped: parsed when asked for, not held as Python objects.

100k payloads as dicts took ~760 MB per API worker; the search itself needs only the shown hits' payloads
(ten a page). :class:`PayloadFile` maps ``offerings.jsonl`` read-only (the page cache holds one copy for
every worker on the machine) and parses a line on access. Small indexes (the demo's ~1.4k offerings) are
simply read into a list: there the dicts cost a few MB and parsing on access would only add latency.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np

PARSED_MAX_BYTES = 32 * 1024 * 1024  # payload files up to this size are read into a list


class PayloadFile(Sequence[dict[str, Any]]):
    """The JSON Lines file of payloads (one object per line, row order) behind a read-only sequence."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if path.stat().st_size else None
        data = np.frombuffer(self._map, dtype=np.uint8) if self._map is not None else np.zeros(0, np.uint8)
        ends = np.flatnonzero(data == ord("\n"))
        if len(data) and (not len(ends) or ends[-1] != len(data) - 1):
            ends = np.append(ends, len(data))  # a last line without a newline
        starts = np.concatenate([[0], ends[:-1] + 1]).astype(np.int64) if len(ends) else np.zeros(0, np.int64)
        keep = ends - starts > 0  # blank lines are not payloads
        self._starts, self._ends = starts[keep], ends[keep].astype(np.int64)
        del data  # the exported buffer must not outlive the map

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self) or self._map is None:
            raise IndexError(index)
        payload: dict[str, Any] = json.loads(self._map[int(self._starts[index]):int(self._ends[index])])
        return payload

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(len(self)):
            yield self[i]


class PayloadRows(Sequence[dict[str, Any]]):
    """Some rows of a payload sequence, in the given order (e.g. one qualification's offerings)."""

    def __init__(self, payloads: Sequence[dict[str, Any]], rows: Sequence[int]) -> None:
        self._payloads = payloads
        self._rows = list(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._payloads[r] for r in self._rows[index]]
        return self._payloads[self._rows[index]]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for r in self._rows:
            yield self._payloads[r]


def read_payloads(path: Path, parsed_max_bytes: int = PARSED_MAX_BYTES) -> Sequence[dict[str, Any]]:
    """The payloads in ``path``: a list when the file is small, else a memory-mapped :class:`PayloadFile`."""
    if path.stat().st_size <= parsed_max_bytes:
        text = path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return PayloadFile(path)
