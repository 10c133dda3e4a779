"""CSV tables with line numbers, and the overlay of an imported data directory on the reference dir.

Every reference CSV is read the same way: UTF-8 (a BOM is tolerated), a header row, one record per row
(quoted fields may span lines). Each record keeps the file and the line it starts on so that any later
check can name where the problem is.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from skills.reference.validation import ProblemLog


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record: its values by column name and where it came from."""

    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The stripped value of ``column``; "" when the column is absent or empty."""
        return (self.values.get(column) or "").strip()


@dataclass(frozen=True)
class ReferenceFiles:
    """The read-only reference directory plus an optional overlay with the same layout.

    The overlay (``settings.data_dir / "reference"``) is where ``llo data import`` writes; its files
    supplement or override the reference directory's.
    """

    directory: Path
    overlay: Path | None = None

    def paths(self, relative: str) -> list[Path]:
        """Existing copies of ``relative``, reference directory first, overlay last."""
        roots = [self.directory] + ([self.overlay] if self.overlay is not None else [])
        return [root / relative for root in roots if (root / relative).is_file()]


def read_rows(
    path: Path, log: ProblemLog, required: Sequence[str] = (), allow_short: bool = False
) -> list[Row] | None:
    """Read ``path`` into rows. Returns None (after logging one problem) when the file cannot be read
    or its header lacks a ``required`` column; rows with the wrong number of fields are logged and
    skipped. ``allow_short`` accepts rows missing trailing empty fields (ESCO's exports trim them)."""
    name = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        log.add(name, None, f"cannot read file: {exc.strerror or exc}")
        return None
    rows: list[Row] = []
    with handle:
        reader = csv.reader(handle)
        try:
            header = [column.strip() for column in next(reader)]
        except StopIteration:
            log.add(name, 1, "empty file, expected a header row")
            return None
        except (csv.Error, UnicodeDecodeError) as exc:
            log.add(name, 1, f"unreadable header: {exc}")
            return None
        missing = [column for column in required if column not in header]
        if missing:
            log.add(name, 1, f"header lacks column(s) {', '.join(missing)}")
            return None
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                log.add(name, start, f"broken CSV row: {exc}")
                break
            line, start = start, reader.line_num + 1
            if not fields:
                continue
            if allow_short and len(fields) < len(header):
                fields = fields + [""] * (len(header) - len(fields))
            if len(fields) != len(header):
                log.add(name, line, f"broken CSV row: {len(fields)} fields, header has {len(header)}")
                continue
            rows.append(Row(name, line, dict(zip(header, fields, strict=True))))
    return rows


def merge_keyed(
    sources: Iterable[list[Row]], key: Callable[[Row], str], log: ProblemLog, what: str
) -> dict[str, Row]:
    """Merge tables record by record on ``key``.

    Within one file a repeated key is a problem (``what`` names the key, e.g. "crebo"); the first row
    is kept. A later file (the overlay) overrides an earlier one field by field: its non-empty values
    win, its empty values keep what was there, so a sparse import never erases known data.
    """
    merged: dict[str, Row] = {}
    for rows in sources:
        seen: dict[str, int] = {}
        for row in rows:
            k = key(row)
            if k in seen:
                log.add(row.file, row.line, f"duplicate {what} {k!r} (first at line {seen[k]})")
                continue
            seen[k] = row.line
            previous = merged.get(k)
            if previous is None:
                merged[k] = row
            else:
                values = dict(previous.values)
                values.update({c: v for c, v in row.values.items() if v and v.strip()})
                merged[k] = Row(row.file, row.line, values)
    return merged


def read_keyed(
    files: ReferenceFiles,
    relative: str,
    key: Callable[[Row], str],
    log: ProblemLog,
    what: str,
    required: Sequence[str] = (),
    overlay_required: Sequence[str] = (),
    optional: bool = False,
    allow_short: bool = False,
) -> dict[str, Row] | None:
    """Read ``relative`` from the reference dir and the overlay and merge the copies on ``key``.

    Returns None when no copy exists: a problem unless ``optional``. The reference copy must have the
    ``required`` columns; an overlay copy only ``overlay_required`` (typically the key), as imports may
    carry fewer columns.
    """
    paths = files.paths(relative)
    if not paths:
        if not optional:
            log.add(str(files.directory / relative), None, "missing file")
        return None
    tables = []
    for path in paths:
        is_overlay = files.overlay is not None and path.is_relative_to(files.overlay)
        rows = read_rows(path, log, overlay_required if is_overlay else required, allow_short)
        if rows is not None:
            tables.append(rows)
    return merge_keyed(tables, key, log, what)
