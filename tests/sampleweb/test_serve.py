"""The sample web server: one real HTTP server per site, static-server semantics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sampleweb import SampleWebServer, build_sampleweb, load_truth


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Iterator[tuple[Path, SampleWebServer]]:
    out = tmp_path_factory.mktemp("sampleweb")
    build_sampleweb(out, reference_dir, small=True, seed=7)
    with SampleWebServer(out) as server:
        yield out, server


def _url(server: SampleWebServer, style: str) -> str:
    return next(url for site, url in server.sites if site.style == style)


def test_each_site_has_its_own_port_and_pages(web: tuple[Path, SampleWebServer]) -> None:
    _, server = web
    urls = [url for _, url in server.sites]
    assert len(set(urls)) == len(urls) == 4
    for site, url in server.sites:
        r = httpx.get(url + "/")
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert site.name in r.text


def test_robots_and_sitemap_name_the_real_origin(web: tuple[Path, SampleWebServer]) -> None:
    _, server = web
    with_sitemap = 0
    for _, url in server.sites:
        robots = httpx.get(url + "/robots.txt")
        assert robots.headers["content-type"].startswith("text/plain")
        assert "Disallow: /archief" in robots.text
        if "Sitemap:" in robots.text:
            with_sitemap += 1
            assert f"Sitemap: {url}/sitemap.xml" in robots.text
            sitemap = httpx.get(url + "/sitemap.xml")
            assert sitemap.headers["content-type"] == "application/xml"
            assert f"<loc>{url}/" in sitemap.text and "/archief" not in sitemap.text
        else:
            assert httpx.get(url + "/sitemap.xml").status_code == 404
    assert 0 < with_sitemap < len(server.sites)


def test_json_endpoint_and_unknown_paths(web: tuple[Path, SampleWebServer]) -> None:
    _, server = web
    url = _url(server, "catalogue")
    r = httpx.get(url + "/api/opleidingen.json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert json.loads(r.text)["@graph"]
    assert httpx.get(url + "/bestaat-niet").status_code == 404
    assert httpx.get(url + "/../sites.json").status_code == 404


def test_conditional_requests_give_304(web: tuple[Path, SampleWebServer]) -> None:
    _, server = web
    url = _url(server, "kort") + "/contact"
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = httpx.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert httpx.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    head = httpx.head(url)
    assert head.status_code == 200 and head.headers["etag"] == etag and head.content == b""


def test_change_on_disk_changes_the_etag(web: tuple[Path, SampleWebServer]) -> None:
    root, server = web
    site, url = next((s, u) for s, u in server.sites if s.style == "kort")
    before = httpx.get(url + "/privacy").headers["etag"]
    page = root / "sites" / site.slug / "privacy" / "index.html"
    page.write_text(page.read_text() + "<!-- gewijzigd -->")
    r = httpx.get(url + "/privacy", headers={"If-None-Match": before})
    assert r.status_code == 200 and r.headers["etag"] != before


def test_pagination_and_detail_pages(web: tuple[Path, SampleWebServer]) -> None:
    root, server = web
    site, url = next((s, u) for s, u in server.sites if s.style == "listing")
    first = httpx.get(url + "/opleidingen")
    assert first.status_code == 200
    next_link = "/opleidingen?page=2" if "?page=2" in first.text else "/opleidingen/pagina/2"
    second = httpx.get(url + next_link)
    assert second.status_code == 200 and second.text != first.text
    assert httpx.get(url + "/opleidingen?page=99").status_code == 404
    truth = [t for t in load_truth(root) if t.site == site.slug and not t.robots_disallowed]
    detail = httpx.get(url + truth[0].page_path)
    assert detail.status_code == 200 and truth[0].title.split()[0] in detail.text


def test_fixed_base_port(tmp_path: Path, web: tuple[Path, SampleWebServer]) -> None:
    import socket

    root, _ = web
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        base = s.getsockname()[1]
    if base > 65000:
        pytest.skip("free port too close to the end of the range")
    with SampleWebServer(root, base_port=base) as server:
        assert [url for _, url in server.sites] == [f"http://127.0.0.1:{base + i}" for i in range(4)]
        assert httpx.get(server.sites[0][1] + "/").status_code == 200
