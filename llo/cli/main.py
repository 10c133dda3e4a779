"""Entry function of `llo` and `python -m llo`.

Each module in COMMAND_MODULES exposes ``register(subparsers)`` which adds its sub-commands with
``set_defaults(func=handler)``; a handler takes ``(args, settings)`` and returns an exit code.
Library errors (:class:`skills.errors.LloError`) are translated here, once, into a message and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from llo.settings import Settings, get_settings
from skills.errors import LloError

COMMAND_MODULES: list[str] = [
    # one line per command group; each module owns its sub-commands
    "llo.cli.config",
    "llo.cli.serve",
    "llo.cli.demo",
    "llo.cli.crawl",
    "llo.cli.data",
    "llo.cli.db",
    "llo.cli.extract",
    "llo.cli.index",
    "llo.cli.chat",
    "llo.cli.map",
    "llo.cli.match",
    "llo.cli.model",
    "llo.cli.sampleweb",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llo", description="llo-zoeker: find lifelong-learning offerings in Dutch mbo."
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    if not logging.root.handlers:  # a host (tests, an embedding program) keeps its own handlers
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        # The level goes on the handler too: Scrapy resets its own loggers to DEBUG while a crawl
        # starts, and records propagate to the root handler whatever the root logger's level is.
        handler.setLevel(level)
        logging.root.addHandler(handler)
        logging.root.setLevel(level)
    try:
        settings = settings or get_settings()
    except ValidationError as exc:
        for err in exc.errors():
            name = "LLO_" + "_".join(str(p) for p in err["loc"]).upper()
            print(f"llo: error: invalid setting {name}: {err['msg']}", file=sys.stderr)
        return 2
    try:
        return int(args.func(args, settings) or 0)
    except LloError as exc:
        print(f"llo: error: {exc}", file=sys.stderr)
        for file, line, problem in getattr(exc, "problems", [])[:50]:
            where = f"{file}:{line}" if line else file
            print(f"  {where}: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("llo: interrupted", file=sys.stderr)
        return 130
