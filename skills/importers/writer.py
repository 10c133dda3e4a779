"""Writing normalized reference tables into the overlay directory, atomically."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path


def write_table(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> int:
    """Write ``rows`` as UTF-8 CSV with ``columns`` to ``path`` (replaced atomically). Returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in columns})
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def read_existing(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a table this package wrote earlier; empty when absent."""
    if not path.is_file():
        return [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), [dict(r) for r in reader]


def merge_into(
    path: Path,
    columns: Sequence[str],
    new_rows: Sequence[dict[str, str]],
    key: Callable[[dict[str, str]], str],
    replaced: Callable[[dict[str, str]], bool] = lambda row: False,
) -> int:
    """Merge ``new_rows`` into the table at ``path``: earlier rows for which ``replaced`` is true or whose
    key reappears are dropped, the rest kept, so importing again updates instead of duplicating."""
    old_columns, old_rows = read_existing(path)
    new_keys = {key(r) for r in new_rows}
    kept = [r for r in old_rows if not replaced(r) and key(r) not in new_keys]
    all_columns = list(columns) + [c for c in old_columns if c not in columns]
    return write_table(path, all_columns, [*kept, *new_rows])
