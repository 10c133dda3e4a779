"""`llo db`: create/migrate the store, show its statistics, export and import offerings as JSON Lines.

JSON Lines (one offering per line, the :mod:`skills.codec` dict) is the format between pipeline stages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tqdm import tqdm

from llo.settings import Settings
from skills.model import Offering

if TYPE_CHECKING:
    from store.sql import SqlStore

MAX_PROBLEMS_SHOWN = 50


@contextmanager
def _store(settings: Settings, init: bool = False) -> Iterator[SqlStore]:
    from store import open_store

    with closing(open_store(settings.store_url)) as store:
        if init:
            store.init()
        yield store


def _init(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        applied = store.migrate()
        version = store.schema_version()
        done = f"applied migration(s) {', '.join(map(str, applied))}" if applied else "already current"
        print(f"store ready at {store.url} (schema version {version}; {done})")
    return 0


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        counts = store.stats()
        runs = store.recent_runs(args.runs)
        url = store.url
    if args.json:
        print(json.dumps({"store": url, "counts": counts, "recent_runs": [
            {"id": r.id, "status": r.status, "started_at": r.started_at.isoformat(),
             "finished_at": r.finished_at.isoformat() if r.finished_at else None,
             "providers": r.providers, "stats": r.stats} for r in runs]}, indent=2, ensure_ascii=False))
        return 0
    print(f"store: {url}")
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        print(f"  {key:<{width}}  {value:>9,}")
    print(f"last {args.runs} crawl runs:" if runs else "no crawl runs yet")
    for r in runs:
        finished = r.finished_at.strftime("%Y-%m-%d %H:%M") if r.finished_at else "-"
        names = ", ".join(r.providers[:3]) + (f" (+{len(r.providers) - 3})" if len(r.providers) > 3 else "")
        print(f"  #{r.id:<5} {r.status:<9} {r.started_at:%Y-%m-%d %H:%M} → {finished}  {names}")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    with _store(settings) as store:
        total = store.count_offerings(include_stale=args.include_stale)
        if args.jsonl == "-":
            n = _write_jsonl(store, sys.stdout, args.include_stale, total)
        else:
            # Write beside the target and rename: an interrupted export never leaves a truncated file.
            target = Path(args.jsonl)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            try:
                with tmp.open("w", encoding="utf-8") as out:
                    n = _write_jsonl(store, out, args.include_stale, total)
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
    if args.jsonl != "-":
        print(f"exported {n:,} offerings to {args.jsonl}")
    return 0


def _write_jsonl(store: SqlStore, out: IO[str], include_stale: bool, total: int) -> int:
    from skills.codec import offering_to_dict

    n = 0
    for offering in tqdm(store.offerings(include_stale=include_stale), total=total, unit="offering",
                         desc="export", disable=None, file=sys.stderr):
        out.write(json.dumps(offering_to_dict(offering), ensure_ascii=False) + "\n")
        n += 1
    return n


def read_offerings_jsonl(path: Path) -> tuple[list[Offering], list[tuple[int, str]]]:
    """Every offering in the JSON Lines file ``path`` and every (line number, problem) found.

    Blank lines are skipped. The whole file is read so all problems are reported at once.
    """
    from skills.codec import offering_from_dict

    offerings: list[Offering] = []
    problems: list[tuple[int, str]] = []
    with path.open("rb") as f:
        for number, raw in enumerate(tqdm(f, unit="line", desc="validate", disable=None, file=sys.stderr),
                                     start=1):
            try:
                line = raw.decode("utf-8").strip()
                if line:
                    offerings.append(offering_from_dict(json.loads(line)))
            except UnicodeDecodeError as exc:
                problems.append((number, f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            except json.JSONDecodeError as exc:
                problems.append((number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            except ValueError as exc:
                problems.append((number, str(exc)))
    return offerings, problems


def _import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.jsonl)
    if not path.is_file():
        print(f"llo: error: {path}: no such file", file=sys.stderr)
        return 2
    offerings, problems = read_offerings_jsonl(path)
    if problems:
        print(f"llo: error: {path}: {len(problems)} bad line(s); nothing was imported", file=sys.stderr)
        for number, problem in problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {path}:{number}: {problem}", file=sys.stderr)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)
        return 2
    with _store(settings, init=True) as store, tqdm(total=len(offerings), unit="offering", desc="import",
                                                    disable=None, file=sys.stderr) as bar:
        result = store.import_offerings(offerings, progress=bar.update)
    print(f"imported {len(offerings):,} offerings from {path}: {result.inserted:,} new, "
          f"{result.updated:,} changed, {result.unchanged:,} unchanged")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="the store: init, stats, export/import offerings as JSON Lines")
    cmds = db.add_subparsers(dest="db_command", metavar="SUBCOMMAND", required=True)

    p = cmds.add_parser("init", help="create the store or migrate it to the current schema")
    p.set_defaults(func=_init)

    p = cmds.add_parser("stats", help="row counts, active/stale offerings and the last crawl runs")
    p.add_argument("--runs", type=int, default=5, help="how many recent crawl runs to list (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_stats)

    p = cmds.add_parser("export", help="write offerings as JSON Lines")
    p.add_argument("--jsonl", required=True, metavar="FILE", help="output file ('-' for stdout)")
    p.add_argument("--include-stale", action="store_true", help="also export stale offerings")
    p.set_defaults(func=_export)

    p = cmds.add_parser("import", help="upsert offerings from JSON Lines (all lines or none)")
    p.add_argument("--jsonl", required=True, metavar="FILE", help="input file, one offering per line")
    p.set_defaults(func=_import)
