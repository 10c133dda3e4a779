"""`llo sampleweb build|serve`: the offline sample web that demos and tests crawl."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from llo.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sampleweb", help="build or serve the offline sample school web")
    sub = parser.add_subparsers(dest="sampleweb_command", metavar="ACTION", required=True)

    build = sub.add_parser("build", help="generate the sample web (static files + truth)")
    build.add_argument("--out", type=Path, default=None, help="output directory (default: DATA_DIR/sampleweb)")
    build.add_argument("--small", action="store_true", help="4 providers, ~45 offering pages (fast tests)")
    build.add_argument("--seed", type=int, default=7, help="random seed; the same seed gives identical files")
    build.set_defaults(func=_build)

    serve = sub.add_parser("serve", help="serve the sample web, one port per provider (blocks)")
    serve.add_argument("--dir", type=Path, default=None, help="sample web directory (default: DATA_DIR/sampleweb)")
    serve.add_argument("--base-port", type=int, default=8101, help="site i listens on BASE_PORT + i (0 = free ports)")
    serve.set_defaults(func=_serve)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from sampleweb import build_sampleweb

    out = args.out or settings.sampleweb_dir
    started = time.perf_counter()
    info = build_sampleweb(out, settings.reference_dir, small=args.small, seed=args.seed)
    print(f"sample web written to {info.out}: {len(info.providers)} providers, {info.n_offerings} offerings, "
          f"{info.n_pages} pages in {time.perf_counter() - started:.1f} s")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from sampleweb import SampleWebServer

    root = args.dir or settings.sampleweb_dir
    with SampleWebServer(root, host="127.0.0.1", base_port=args.base_port) as server:
        for site, url in server.sites:
            print(f"{url}  {site.name} ({site.style})", flush=True)
        print("serving; press Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped")
    return 0
