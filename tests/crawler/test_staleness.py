"""When an offering may go stale (issue 11): only when the page that held it is gone (404/410) or no longer
linked from a page that was fetched and parsed, on a complete crawl of its site; never because a page
was not re-parsed: its fetch failed, its body could not be read, or the page (or the page linking to it)
was not fetched because of a crawl limit."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.crawler.conftest import open_test_store, providers_file, run_crawl_cli
from tests.crawler.misbehaving_server import BINARY_AS_HTML, offering_page

pytestmark = pytest.mark.slow
FILLERS = 24  # offering pages linked from home, so a few failures stay under 10% of the site's fetches


def _links(*paths: str) -> bytes:
    items = "".join(f'<li><a href="{p}">Opleiding {p.rsplit("/", 1)[1]}</a></li>' for p in paths)
    return (f"<html><head><meta charset='utf-8'><title>Opleidingen | ROC Klein</title></head><body>"
            f"<h1>Opleidingen</h1><ul>{items}</ul></body></html>").encode()


class SmallSite:
    """One school site whose pages a test changes between crawls (``routes``: path -> (status, body))."""

    def __init__(self) -> None:
        fillers = [f"/opleidingen/vak-{i}" for i in range(FILLERS)]
        self.routes: dict[str, tuple[int, bytes]] = {
            "/robots.txt": (200, b"User-agent: *\nAllow: /\n"),
            "/": (200, _links("/opleidingen", "/opleidingen/los", "/opleidingen/weg", "/opleidingen/kapot",
                              "/opleidingen/diep", *fillers)),
            # the listing that holds the only links to two offering pages
            "/opleidingen": (200, _links("/opleidingen/achter-lijst-1", "/opleidingen/achter-lijst-2")),
            "/opleidingen/achter-lijst-1": (200, offering_page("Kok", "25180", 2, "BOL")),
            "/opleidingen/achter-lijst-2": (200, offering_page("Timmerman", "25110", 2, "BBL")),
            "/opleidingen/los": (200, offering_page("Onderwijsassistent", "25487", 4, "BOL")),
            "/opleidingen/weg": (200, offering_page("Logistiek medewerker", "25360", 2, "BBL")),
            "/opleidingen/kapot": (200, offering_page("Verzorgende IG", "25491", 3, "BBL")),
            # depth 1 -> 2 -> 3: the offering page sits three links from home
            "/opleidingen/diep": (200, _links("/opleidingen/diep/verder")),
            "/opleidingen/diep/verder": (200, _links("/opleidingen/diep/verder/schilder")),
            "/opleidingen/diep/verder/schilder": (200, offering_page("Schilder", "25145", 2, "BBL")),
        } | {p: (200, offering_page(f"Vakopleiding {i}", "25491", 3, "BOL")) for i, p in enumerate(fillers)}
        self.hits: Counter[str] = Counter()
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                path = self.path.split("?", 1)[0].rstrip("/") or "/"
                hits[path] += 1
                status, body = routes.get(path, (404, b"niet gevonden"))
                self.send_response(status)
                self.send_header("Content-Type", "text/plain" if path == "/robots.txt" else "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> SmallSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[SmallSite]:
    with SmallSite() as s:
        yield s


def _stale_by_path(data: Path, base: str) -> dict[str, bool]:
    store = open_test_store(data)
    try:
        return {o.url.removeprefix(base): o.stale for o in store.offerings(include_stale=True)}
    finally:
        store.close()


def test_only_a_gone_or_unlinked_page_lets_its_offerings_go_stale(
        tmp_path: Path, data_dir: Path, reference_dir: Path, site: SmallSite) -> None:
    plist = providers_file(tmp_path / "providers.json", [
        {"name": "ROC Klein", "start_urls": [site.base + "/"], "kind": "roc"}])

    def crawl(max_depth: int, *extra: str) -> str:
        return run_crawl_cli(data_dir, reference_dir, "--providers", str(plist), "--fast", "--set", "RETRY_TIMES=0",
                             "--set", f"LLO_MAX_DEPTH={max_depth}", "--set", f"DEPTH_LIMIT={max_depth}", *extra,
                             LLO_STALE_AFTER_RUNS="2")

    crawl(max_depth=3)
    first = _stale_by_path(data_dir, site.base)
    assert len(first) == FILLERS + 6 and not any(first.values()), first

    # The web changes: the listing fails (5xx), one page is no longer linked from home, one is gone, one
    # answers unreadable bytes, and the crawl's depth cap is lowered below the deep page.
    routes = site.routes
    routes["/opleidingen"] = (500, b"storing")
    home_links = ["/opleidingen", "/opleidingen/weg", "/opleidingen/kapot", "/opleidingen/diep"]
    routes["/"] = (200, _links(*home_links, *(f"/opleidingen/vak-{i}" for i in range(FILLERS))))
    del routes["/opleidingen/weg"]
    routes["/opleidingen/kapot"] = (200, BINARY_AS_HTML)
    out = "\n".join(crawl(max_depth=2) for _ in range(2))

    store = open_test_store(data_dir)
    try:
        run = store.recent_runs(1)[0]
        assert run.status == "finished", run.stats  # a complete crawl: staleness may be judged
        # the run says what it did not reach: the gone page (and the site's missing /sitemap.xml), the
        # failed listing, the page beyond the depth cap
        assert (run.stats["llo/fetch_outcome/gone"], run.stats["llo/fetch_outcome/http-error"]) == (2, 1)
        assert run.stats["llo/pages/beyond_limits"] == 1 and "1 beyond the page or depth cap" in out
        listing = store.get_fetch(site.base + "/opleidingen")
        assert listing is not None and listing.reason == "http-error"
        assert listing.outlinks, "a failed fetch keeps the links the page had"
    finally:
        store.close()
    stale = {path for path, is_stale in _stale_by_path(data_dir, site.base).items() if is_stale}
    # gone (404) and no longer linked from any parsed page: stale; everything else stays live
    assert stale == {"/opleidingen/weg", "/opleidingen/los"}
    # the pages behind the failed listing were still fetched through its stored links
    assert site.hits["/opleidingen/achter-lijst-1"] == 3 and site.hits["/opleidingen/achter-lijst-2"] == 3

    # Two crawls that hit the page cap (6 pages) reach few of the site's pages: they are incomplete, so
    # the pages they did not reach keep their offerings, however many such runs there are.
    for _ in range(2):
        out = crawl(2, "--max-pages", "6")
        assert "1 of 1 sites incomplete" in out
    store = open_test_store(data_dir)
    try:
        assert store.recent_runs(1)[0].status == "partial"
    finally:
        store.close()
    after_capped = {path for path, is_stale in _stale_by_path(data_dir, site.base).items() if is_stale}
    assert after_capped == {"/opleidingen/weg", "/opleidingen/los"}
