"""The official ESCO CSV download (any language) → ``esco_<lang>/`` in the overlay.

ESCO ships ``occupations_<lang>.csv``, ``skillGroups_<lang>.csv``, ``skillsHierarchy_<lang>.csv``,
``ISCOGroups_<lang>.csv``, ``skills_<lang>.csv`` and ``occupationSkillRelations_<lang>.csv`` (v1.2 column
layout, see :mod:`skills.reference.esco`). The tables present in the download directory are checked
(required columns, field counts, duplicate and malformed URIs) and rewritten unchanged in content as
UTF-8 CSV; other tables in the download (collections, broader relations) are not used and skipped.
"""

from __future__ import annotations

from pathlib import Path

from skills.errors import ReferenceDataError
from skills.importers.writer import write_table
from skills.reference.esco import TABLES, table_path
from skills.reference.table import Row, merge_keyed, read_rows
from skills.reference.validation import ProblemLog


def _source_file(directory: Path, table: str, language: str) -> Path | None:
    for candidate in (directory / f"{table}_{language}.csv", directory / f"{table}.csv"):
        if candidate.is_file():
            return candidate
    return None


def _checked(path: Path, table: str, log: ProblemLog) -> tuple[list[str], list[Row]] | None:
    rows = read_rows(path, log, TABLES[table], allow_short=True)
    if rows is None:
        return None
    header = list(rows[0].values) if rows else list(TABLES[table])
    if table in ("skillsHierarchy", "occupationSkillRelations"):
        return header, rows
    unique = merge_keyed([rows], lambda r: r.get("conceptUri"), log, "conceptUri")
    for uri, row in unique.items():
        if not uri.startswith("http"):
            log.add(row.file, row.line, f"malformed conceptUri {uri!r}")
        elif not row.get("preferredLabel"):
            log.add(row.file, row.line, f"{uri}: empty preferredLabel")
    return header, list(unique.values())


def import_esco(source: Path, target: Path, language: str = "nl") -> dict[str, int]:
    """Check and copy the ESCO tables found in ``source`` into ``target/esco_<language>/``.

    Raises ReferenceDataError (nothing written) when no known table is found or any table has problems.
    Returns rows written per table.
    """
    if not language.isalpha() or not 2 <= len(language) <= 3:
        raise ReferenceDataError(f"invalid ESCO language code {language!r} (expected e.g. 'nl', 'en')")
    found = {table: path for table in TABLES if (path := _source_file(Path(source), table, language))}
    if not found:
        expected = ", ".join(f"{t}_{language}.csv" for t in TABLES)
        raise ReferenceDataError(f"no ESCO tables in {source} (expected some of: {expected})")
    log = ProblemLog()
    checked = {table: result for table, path in found.items() if (result := _checked(path, table, log))}
    if log.problems:
        raise ReferenceDataError(f"{len(log)} problem(s) in the ESCO files; nothing imported", log.problems)
    return {table: write_table(target / table_path(table, language), header, (r.values for r in rows))
            for table, (header, rows) in checked.items()}
