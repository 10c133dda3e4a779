"""`llo demo`: the main job on the embedded default.

offline sample web → crawl → map → train the encoder if missing → index → serve page and API.
Each stage runs as its own `llo` sub-process (the same commands a user runs by hand, and a fresh Twisted
reactor for the crawl); the sample web keeps being served next to the API so source links work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from llo.pipeline import settings_env
from llo.settings import Settings
from skills.errors import LloError

SAMPLEWEB_BASE_PORT = 8101


def _stage(n: int, total: int, title: str, argv: list[str], env: dict[str, str]) -> None:
    print(f"\n[{n}/{total}] {title}\n    $ llo {' '.join(argv)}", flush=True)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "llo", *argv], env=env, check=False)
    if proc.returncode != 0:
        raise LloError(f"stage '{title}' failed (exit {proc.returncode}); see the messages above")
    print(f"    done in {time.monotonic() - started:.1f} s", flush=True)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from sampleweb import SampleWebServer

    # Sub-processes must see the same settings this process resolved.
    env = settings_env(settings)
    web = settings.sampleweb_dir
    total = 7
    started = time.monotonic()
    print(f"llo-zoeker demo — data in {settings.data_dir.resolve()}", flush=True)
    if not (web / "MANIFEST.json").exists():
        _stage(1, total, "build the offline sample web", ["sampleweb", "build", "--out", str(web)], env)
    else:
        print(f"\n[1/{total}] sample web already built in {web}", flush=True)
    # `llo crawl --sampleweb` serves the sample web itself for the crawl, on the same fixed ports (fixed so
    # offering ids stay stable across demo runs).
    _stage(2, total, "prepare the store", ["db", "init"], env)
    _stage(3, total, "crawl the sample web", ["crawl", "--sampleweb", str(web), "--base-port",
                                               str(args.sampleweb_port), "--fast"], env)
    _stage(4, total, "map offerings onto qualifications", ["map"], env)
    if settings.encoder == "static":
        _stage(5, total, "train the Dutch static encoder (skipped when up to date)", ["model", "train"], env)
    else:
        print(f"\n[5/{total}] encoder {settings.encoder!r}: nothing to train", flush=True)
    _stage(6, total, "build the search index", ["index", "build"], env)
    print(f"\n[7/{total}] serve — pipeline ready in {time.monotonic() - started:.0f} s", flush=True)
    if args.no_serve:
        return 0
    # Keep the school sites up next to the API so the offerings' source links open.
    with SampleWebServer(web, base_port=args.sampleweb_port) as server:
        print(f"    sample web: {len(server.sites)} school sites on 127.0.0.1:{args.sampleweb_port}"
              f"-{args.sampleweb_port + len(server.sites) - 1}", flush=True)
        import uvicorn

        from api.guards import SERVER_OPTIONS
        from api.main import create_app

        print(f"\n    Open http://{settings.host}:{settings.port}  (stop with Ctrl-C)\n", flush=True)
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning", **SERVER_OPTIONS)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="sample web → crawl → map → index → serve on 127.0.0.1:8000")
    p.add_argument("--no-serve", action="store_true", help="stop after building the index")
    p.add_argument("--sampleweb-port", type=int, default=SAMPLEWEB_BASE_PORT,
                   help="first port of the sample web's sites")
    p.set_defaults(func=_demo)
