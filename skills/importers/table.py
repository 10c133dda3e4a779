"""Spreadsheet exports as the official lists come: the text, the delimiter, the header and its columns.

Shared by the importers of official lists (crebo list, certificate list): a file is read the same way
whatever it lists, and only the columns and rows differ.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skills.errors import ReferenceDataError
from skills.reference.validation import Problem

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

if TYPE_CHECKING:
    pass

_NORMALIZE = re.compile(r"[\s_\-.]+")


def decode_table(path: Path) -> str:
    """A spreadsheet export's text: UTF-8 (BOM or not), else Windows-1252."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def header_columns(header: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Column → index for each column of ``aliases`` whose header cell is one of its names (case, spaces,
    underscores, hyphens and dots ignored); the first matching name wins."""
    normal = [_NORMALIZE.sub("", h.casefold()) for h in header]
    found: dict[str, int] = {}
    for column, names in aliases.items():
        for name in names:
            key = _NORMALIZE.sub("", name.casefold())
            if key in normal:
                found[column] = normal.index(key)
                break
    return found


@dataclass
class Table:
    """An opened table: the csv reader past the header (its ``line_num`` numbers the rows) and where each
    known column is."""

    reader: CsvReader
    columns: dict[str, int]

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number where the row starts, its known columns stripped) for every non-blank row; a short
        row gives "" for the columns it lacks."""
        start = self.reader.line_num + 1
        for fields in self.reader:
            line, start = start, self.reader.line_num + 1
            if any(f.strip() for f in fields):
                yield line, {c: (fields[i].strip() if i < len(fields) else "") for c, i in self.columns.items()}


def open_table(path: Path, aliases: Mapping[str, Sequence[str]],
               required: Sequence[str]) -> tuple[Table | None, list[Problem]]:
    """The table in ``path`` (delimiter sniffed from the header line: ; , or tab), or None with the problem:
    an empty file, or a header without a column for each of ``required``."""
    name = str(path)
    text = decode_table(path)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return None, [(name, 1, "empty file")]
    columns = header_columns(header, aliases)
    missing = [c for c in required if c not in columns]
    if missing:
        return None, [(name, 1, f"no column for {', '.join(missing)} in header {header!r}")]
    return Table(reader, columns), []


def read_or_refuse(path: Path, what: str,
                   read: Callable[[Path], tuple[list[dict[str, str]], list[Problem]]]) -> list[dict[str, str]]:
    """``read(path)``'s rows; ReferenceDataError (naming file and line of every problem) when the file is
    missing or any row has a problem, so that an import writes all or nothing."""
    if not path.is_file():
        raise ReferenceDataError(f"{what} {path} not found")
    rows, problems = read(path)
    if problems:
        raise ReferenceDataError(f"{len(problems)} problem(s) in the {what}; nothing imported", problems)
    return rows
