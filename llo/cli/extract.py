"""`llo extract PATH --url URL [--json]`: run the crawler's extraction on one saved page."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from llo.settings import Settings
from skills.errors import NotFoundError


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from crawler.extract import extract_page

    path = Path(args.path)
    if not path.is_file():
        raise NotFoundError(f"page file not found: {path}")
    name = path.name.lower()
    if name.endswith(".txt"):
        content_type = "text/plain"
    elif name.endswith((".json", ".jsonld")):
        content_type = "application/json"
    else:
        content_type = "text/html"
    url = args.url or ""  # a saved .txt page names its URL in its header
    result = extract_page(path.read_bytes(), url, provider=args.provider, content_type=content_type)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    print(f"{path}: {result.page_type}, {'offering page' if result.is_offering else 'not an offering page'}, "
          f"{len(result.offerings)} offering(s)")
    for o in result.offerings:
        ways = "/".join(lw.value for lw in o.leerwegen) or "-"
        print(f"- {o.title} ({o.provider}) · {o.offering_type.value} · crebo {o.crebo_stated or '-'} · "
              f"niveau {o.niveau or '-'} · {ways}")
        details = [
            f"locaties: {', '.join(o.locations)}" if o.locations else "",
            f"duur: {o.duration}" if o.duration else "",
            f"prijs: € {o.price_eur:.2f}" if o.price_eur is not None else "",
            f"start: {', '.join(d.isoformat() for d in o.start_dates)}" if o.start_dates else "",
            f"doelgroep: {', '.join(t.value for t in o.target_group)}" if o.target_group else "",
        ]
        if any(details):
            print("  " + " · ".join(d for d in details if d))
    for hint in result.links_hint:
        print(f"  data source to fetch: {hint}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract offerings from one saved page (HTML, JSON feed, or .txt text)")
    p.add_argument("path", help="saved page: HTML, a JSON(-LD) feed, or plain text when it ends in .txt")
    p.add_argument("--url", help="the page's URL (for the canonical URL, provider and URL cues)")
    p.add_argument("--provider", help="provider name to use instead of the one found on the page")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=_extract)
