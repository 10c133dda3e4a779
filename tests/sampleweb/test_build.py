"""The sample web generator: shape, truth consistency, determinism and the full-size guarantees."""

from __future__ import annotations

import html
import json
import time
from collections import Counter
from pathlib import Path

import pytest

from llo.cli.main import main
from llo.settings import Settings
from sampleweb import build_sampleweb, load_pages, load_sites, load_truth
from sampleweb.paths import file_for


@pytest.fixture(scope="module")
def small_web(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("sampleweb")
    build_sampleweb(out, reference_dir, small=True, seed=7)
    return out


def _read(root: Path, site: str, path: str) -> str:
    rel = file_for(path)
    assert rel is not None, path
    return (root / "sites" / site / rel).read_text(encoding="utf-8")


def test_small_web_has_the_promised_shape(small_web: Path) -> None:
    sites = load_sites(small_web)
    assert {s.style for s in sites} == {"jsonld_cms", "kort", "listing", "catalogue"}
    assert [s.port_index for s in sites] == list(range(len(sites)))
    pages = load_pages(small_web)
    offering_pages = [p for p in pages if p.is_offering and p.page_type == "offering"]
    assert 30 <= len(offering_pages) <= 60
    types = Counter(p.page_type for p in pages)
    for kind in ("home", "listing", "news", "contact", "vacancy", "cost-policy", "open-day", "catalogue-feed"):
        assert types[kind] >= 1, kind
    manifest = json.loads((small_web / "MANIFEST.json").read_text())
    assert manifest["seed"] == 7 and manifest["n_pages"] == len(pages)


def test_every_page_and_truth_record_has_a_file(small_web: Path) -> None:
    pages = load_pages(small_web)
    by_key = {(p.site, p.path): p for p in pages}
    for p in pages:
        assert _read(small_web, p.site, p.path)
    truth = load_truth(small_web)
    assert truth
    for t in truth:
        page = by_key[(t.site, t.page_path)]
        assert page.is_offering
        assert page.robots_disallowed == t.robots_disallowed


def test_html_pages_show_the_truth(small_web: Path) -> None:
    for t in load_truth(small_web):
        if t.page_path.endswith(".json"):
            continue
        text = html.unescape(_read(small_web, t.site, t.page_path))
        assert t.title in text
        for loc in t.locations:
            assert loc in text
        if t.crebo_stated:
            assert t.crebo_stated in text
        if t.duration:
            assert t.duration in text


def test_catalogue_feed_is_jsonld_with_item_urls(small_web: Path) -> None:
    feed_truth = [t for t in load_truth(small_web) if t.page_path.endswith(".json")]
    assert feed_truth
    site = feed_truth[0].site
    data = json.loads(_read(small_web, site, feed_truth[0].page_path))
    assert data["@context"] == "https://schema.org"
    assert all(c["@type"] == "Course" for c in data["@graph"])
    urls = {c["url"] for c in data["@graph"]}
    assert {t.offering_url_path for t in feed_truth} == urls
    assert all(t.offering_url_path != t.page_path for t in feed_truth)
    shell = _read(small_web, site, "/catalogus")
    assert 'id="catalogus" data-src="/api/opleidingen.json"' in shell


def test_jsonld_pages_carry_course_and_crebo(small_web: Path) -> None:
    site = next(s for s in load_sites(small_web) if s.style == "jsonld_cms")
    stated = [t for t in load_truth(small_web) if t.site == site.slug and t.crebo_stated and t.niveau]
    assert stated
    page = _read(small_web, site.slug, stated[0].page_path)
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    courses = data.get("@graph", [data])
    assert any(c.get("identifier", {}).get("value") == stated[0].crebo_stated for c in courses)
    assert any(c.get("educationalLevel") == f"MBO niveau {stated[0].niveau}" for c in courses)


def test_noise_injection_and_robots(small_web: Path) -> None:
    truth = load_truth(small_web)
    injected = [t for t in truth if t.injection]
    assert injected
    html_injected = [t for t in injected if not t.page_path.endswith(".json")]
    for t in html_injected:
        text = _read(small_web, t.site, t.page_path)
        assert "<script>" in text.split('<div class="omschrijving">', 1)[1]
    disallowed = [t for t in truth if t.robots_disallowed]
    assert disallowed and all(t.page_path.startswith("/archief/") for t in disallowed)
    for site in load_sites(small_web):
        assert "Disallow: /archief" in (small_web / "sites" / site.slug / "robots.txt").read_text()
        costs = _read(small_web, site.slug, "/kosten-en-studiefinanciering")
        assert "€" in costs


def test_same_seed_gives_identical_bytes(tmp_path: Path, reference_dir: Path, small_web: Path) -> None:
    again = tmp_path / "again"
    build_sampleweb(again, reference_dir, small=True, seed=7)
    first = {p.relative_to(small_web): p.read_bytes() for p in sorted(small_web.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first == second
    other = tmp_path / "other"
    build_sampleweb(other, reference_dir, small=True, seed=8)
    assert (other / "truth.jsonl").read_bytes() != (small_web / "truth.jsonl").read_bytes()


def test_refuses_to_overwrite_a_foreign_directory(tmp_path: Path, reference_dir: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    from skills.errors import LloError

    with pytest.raises(LloError, match="not a sample web"):
        build_sampleweb(tmp_path, reference_dir, small=True)
    assert (tmp_path / "precious.txt").exists()


def test_cli_build(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sampleweb", "build", "--small"], settings) == 0
    assert (settings.sampleweb_dir / "truth.jsonl").exists()
    assert "providers" in capsys.readouterr().out


@pytest.mark.slow
def test_full_web_meets_the_issue(tmp_path: Path, reference_dir: Path) -> None:
    started = time.perf_counter()
    info = build_sampleweb(tmp_path / "full", reference_dir)
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"full build took {elapsed:.1f} s"
    assert len(info.providers) >= 20
    assert sum(s.kind == "private" for s in info.providers) >= 2
    assert len({s.style for s in info.providers}) >= 6
    pages = load_pages(info.out)
    assert sum(p.is_offering and p.page_type == "offering" and not p.robots_disallowed for p in pages) >= 800
    truth = [t for t in load_truth(info.out) if not t.robots_disallowed]
    assert len(truth) >= 800
    assert {t.offering_type for t in truth} == {"mbo-diploma", "mbo-certificaat", "praktijkverklaring",
                                                 "non-mbo course"}
    assert {lw for t in truth for lw in t.leerwegen} == {"BOL", "BBL", "DERDE_LEERWEG", "DEELTIJD"}
    assert {t.niveau for t in truth} >= {1, 2, 3, 4}
    from sampleweb.source import load_source

    domains = {q.opleidingsdomein for q in load_source(reference_dir).qualifications}
    crebo_domain = {q.crebo: q.opleidingsdomein for q in load_source(reference_dir).qualifications}
    assert {crebo_domain[t.crebo] for t in truth if t.crebo} == domains
    assert any(t.crebo_legacy for t in truth) and any(t.crebo_stated is None and t.crebo for t in truth)
    assert any(t.title != t.certificate and t.certificate for t in truth)
    assert any(len(t.start_dates) > 1 for t in truth)
