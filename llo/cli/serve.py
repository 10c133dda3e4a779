"""`llo serve`: serve the page and API over an existing index."""

from __future__ import annotations

import argparse

from llo.settings import Settings


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.guards import SERVER_OPTIONS

    host = args.host or settings.host
    port = args.port or settings.port
    print(f"llo-zoeker: serving on http://{host}:{port}  (API docs: http://{host}:{port}/docs)", flush=True)
    if args.workers > 1:
        # Several worker processes need an import string; each reads the same LLO_ environment.
        uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=args.workers,
                    log_level="warning", **SERVER_OPTIONS)
    else:
        from api.main import create_app

        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", **SERVER_OPTIONS)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web page and API on an existing index")
    p.add_argument("--host", default=None, help="bind address (default: LLO_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (default: LLO_PORT)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.set_defaults(func=_serve)
