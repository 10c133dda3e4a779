"""``build_sampleweb``: write the offline sample web (static files + truth) for a seed.

Layout under ``out``: ``sites.json``, ``sites/<slug>/...`` (files named by :func:`paths.file_for`),
``truth.jsonl`` (every offering), ``pages.jsonl`` (every page), ``MANIFEST.json`` (seed and counts).
The same seed gives byte-identical files. ``robots.txt`` and ``sitemap.xml`` contain the placeholder
``__BASE_URL__`` that the server replaces with the site's own origin (absolute URLs need the port).
"""

from __future__ import annotations

import json
import logging
import random
import shutil
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

from skills.errors import LloError

from . import noise
from .files import SiteFiles, truth_offerings
from .pool import QualPool, plan_pages
from .sites import plan_providers
from .source import load_source
from .specs import PageSpec, slugify
from .styles import catalogue, jsonld_cms, kort, listing, prose, tables
from .styles.base import SiteContext, esc, shell
from .truth import SampleWebInfo, SiteInfo, TruthOffering, TruthPage, write_jsonl

log = logging.getLogger(__name__)

BASE_PLACEHOLDER = "__BASE_URL__"
RENDERERS = {"jsonld_cms": jsonld_cms.offering_page, "kort": kort.offering_page, "prose": prose.offering_page,
             "tables": tables.offering_page, "listing": listing.offering_page}
DETAIL_BASE = {"jsonld_cms": "/opleidingen", "kort": "/opleidingen", "prose": "/aanbod", "tables": "/studeren",
               "listing": "/opleiding", "catalogue": "/catalogus"}
COLORS = ["#00529b", "#e4007d", "#007a5e", "#f39200", "#5b2c83", "#c4161c", "#0096d6"]
# (diploma, two-level, adult, certificate, praktijkverklaring, course, archived) pages per site
MIX_FULL_ROC = (22, 2, 5, 4, 2, 2, 2)
MIX_FULL_PRIVATE = (4, 0, 14, 8, 0, 6, 1)
MIX_SMALL = (5, 1, 2, 1, 1, 1, 1)


def _assign_paths(style: str, pages: list[PageSpec]) -> None:
    for page in pages:
        if page.section == "archief":
            page.path = f"/archief/{page.slug}"
        elif style in ("listing", "catalogue"):
            page.path = f"{DETAIL_BASE[style]}/{page.slug}"
        elif page.section == "volwassenen":
            page.path = f"/volwassenen/{page.slug}"
        elif style == "jsonld_cms" and page.offerings[0].qual is not None:
            page.path = f"/opleidingen/{slugify(page.offerings[0].qual.opleidingsdomein)}/{page.slug}"
        else:
            page.path = f"{DETAIL_BASE[style]}/{page.slug}"


def _overview(ctx: SiteContext, title: str, pages: list[PageSpec], intro: str) -> str:
    items = "".join(f'<li><a href="{esc(p.path)}">{esc(p.heading)}</a></li>' for p in pages)
    return shell(ctx, title, f"<h1>{esc(title)}</h1>\n<p>{esc(intro)}</p>\n<ul class=\"aanbod\">{items}</ul>")


def _home(ctx: SiteContext, featured: list[PageSpec], catalogue_site: bool) -> str:
    links = ([("Ons opleidingsaanbod", "/catalogus")] if catalogue_site else
             [("Alle opleidingen", "/opleidingen"), ("Voor volwassenen en werkenden", "/volwassenen")])
    links += [("Open dagen", "/open-dagen"), ("Kosten en studiefinanciering", "/kosten-en-studiefinanciering"),
              ("Nieuws", "/nieuws"), ("Werken bij", "/vacatures"), ("Over ons", "/over-ons"),
              ("Archief", "/archief")]
    items = "".join(f'<li><a href="{p}">{esc(label)}</a></li>' for label, p in links)
    feat = "".join(f'<li><a href="{esc(p.path)}">{esc(p.heading)}</a></li>' for p in featured)
    body = (f"<h1>Welkom bij {esc(ctx.info.name)}</h1>\n<p>Mbo-opleidingen, certificaten en cursussen in "
            f"{esc(' en '.join([', '.join(ctx.places[:-1]), ctx.places[-1]]) if len(ctx.places) > 1 else ctx.places[0])}.</p>\n"
            f"<ul class=\"snel\">{items}</ul>\n<h2>Uitgelicht</h2><ul>{feat}</ul>")
    return shell(ctx, "Home", body, body_class="home")


def _robots(with_sitemap: bool) -> str:
    lines = ["User-agent: *", "Disallow: /archief", "Disallow: /zoeken", ""]
    if with_sitemap:
        lines.append(f"Sitemap: {BASE_PLACEHOLDER}/sitemap.xml")
    return "\n".join(lines) + "\n"


def _sitemap(entries: list[tuple[str, date]]) -> str:
    urls = "".join(f"<url><loc>{BASE_PLACEHOLDER}{esc(p)}</loc><lastmod>{d.isoformat()}</lastmod></url>\n"
                   for p, d in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')


def _build_site(site: SiteInfo, ctx: SiteContext, pages: list[PageSpec], rng: random.Random,
                with_sitemap: bool) -> tuple[SiteFiles, list[TruthOffering]]:
    files = SiteFiles(site.slug)
    truth: list[TruthOffering] = []
    live = [p for p in pages if p.section != "archief"]
    archived = [p for p in pages if p.section == "archief"]
    if site.port_index % 3 == 0 or site.kind == "private":
        noise.inject(rng.choice(live), rng)
    files.add("/", _home(ctx, live[:3], site.style == "catalogue"), "home", lastmod=date(2026, 9, 30))

    if site.style == "catalogue":
        files.add("/catalogus", catalogue.shell_page(ctx, "Opleidingen en cursussen"), "catalogue",
                  lastmod=date(2026, 9, 30))
        for p in live:
            files.add(p.path, catalogue.shell_page(ctx, p.heading), "catalogue", lastmod=p.lastmod)
            truth += truth_offerings(site, p, catalogue.FEED_PATH, False)
        files.add(catalogue.FEED_PATH, catalogue.feed(ctx, live), "catalogue-feed", lastmod=date(2026, 9, 30),
                  is_offering=True, injection=any(p.injection for p in live),
                  n_offerings=sum(len(p.offerings) for p in live))
        files.add("/static/catalogus.js", catalogue.SCRIPT, "script", lastmod=date(2026, 1, 1), record=False)
        render = kort.offering_page  # archived pages predate the catalogue
    else:
        render = RENDERERS[site.style]
        for p in live:
            files.add(p.path, render(ctx, p), "offering", lastmod=p.lastmod, is_offering=True,
                      injection=p.injection is not None, n_offerings=len(p.offerings))
            truth += truth_offerings(site, p, p.path, False)
        youth = [p for p in live if p.section == "opleidingen"]
        adults = [p for p in live if p.section == "volwassenen"]
        if site.style == "listing":
            query_style = site.port_index % 2 == 0
            per_page = listing.PER_PAGE if len(youth) > 2 * listing.PER_PAGE else 4  # small webs still paginate
            for path, html in listing.listing_pages(ctx, "Opleidingen", youth, "/opleidingen", query_style, per_page):
                files.add(path, html, "listing", lastmod=date(2026, 9, 30))
            for path, html in listing.listing_pages(ctx, "Volwassenen en werkenden", adults, "/volwassenen",
                                                    query_style, per_page):
                files.add(path, html, "listing", lastmod=date(2026, 9, 30))
        else:
            files.add("/opleidingen", _overview(ctx, "Alle opleidingen", youth, "Kies een opleiding die bij je past."),
                      "listing", lastmod=date(2026, 9, 30))
            files.add("/volwassenen", _overview(ctx, "Volwassenen en werkenden", adults,
                                                "Opleidingen, certificaten en cursussen naast je werk."),
                      "listing", lastmod=date(2026, 9, 30))
    for p in archived:
        files.add(p.path, render(ctx, p), "offering", lastmod=p.lastmod, is_offering=True, disallowed=True,
                  n_offerings=len(p.offerings))
        truth += truth_offerings(site, p, p.path, True)
    files.add("/archief", _overview(ctx, "Archief", archived, "Opleidingen uit eerdere jaren."), "listing",
              lastmod=date(2025, 9, 1), disallowed=True)

    for n in [*noise.news(ctx, rng, live), noise.contact(ctx, rng), *noise.vacancies(ctx, rng), noise.costs(ctx),
              noise.open_days(ctx, rng), *noise.info_pages(ctx)]:
        files.add(n.path, n.html, n.page_type, lastmod=n.lastmod)
    files.add("/robots.txt", _robots(with_sitemap), "robots", lastmod=date(2026, 1, 1), record=False)
    if with_sitemap:
        files.add("/sitemap.xml", _sitemap(files.sitemap), "sitemap", lastmod=date(2026, 1, 1), record=False)
    return files, truth


def build_sampleweb(out: Path, reference_dir: Path, *, small: bool = False, seed: int = 7) -> SampleWebInfo:
    """Write the sample web to ``out`` (replacing an earlier build there) and describe it.

    Deterministic for a seed. ``small`` gives 4 providers and ~45 offering pages for fast tests; the
    full web has 29 providers and over 800 offering pages. Raises LloError when ``out`` holds
    something that is not a sample web, ReferenceDataError when reference data is missing.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "MANIFEST.json").exists():
        raise LloError(f"{out} is not empty and is not a sample web; refusing to overwrite it")
    source = load_source(reference_dir)
    rng = random.Random(seed)
    pool = QualPool(source, rng)
    plans = plan_providers(source, small)

    if (out / "sites").exists():
        shutil.rmtree(out / "sites")
    out.mkdir(parents=True, exist_ok=True)
    sites: list[SiteInfo] = []
    all_pages: list[TruthPage] = []
    all_truth: list[TruthOffering] = []
    for index, plan in enumerate(plans):
        slug = slugify(plan.name)
        site = SiteInfo(slug=slug, name=plan.name, kind=plan.kind, brin=plan.brin, style=plan.style, port_index=index)
        mix = MIX_SMALL if small else (MIX_FULL_PRIVATE if plan.kind == "private" else MIX_FULL_ROC)
        pages = plan_pages(plan, pool, rng, source, mix)
        _assign_paths(plan.style, pages)
        ctx = SiteContext(info=site, places=plan.places, color=COLORS[index % len(COLORS)],
                          phone=f"0{rng.randrange(10, 60)}-{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
                          domain=f"{slug}.example.nl",
                          nav=[("Opleidingen", "/catalogus" if plan.style == "catalogue" else "/opleidingen"),
                               ("Volwassenen", "/catalogus" if plan.style == "catalogue" else "/volwassenen"),
                               ("Open dagen", "/open-dagen"), ("Kosten", "/kosten-en-studiefinanciering"),
                               ("Contact", "/contact")])
        files, truth = _build_site(site, ctx, pages, rng, with_sitemap=index % 2 == 0)
        for rel, data in sorted(files.files.items()):
            target = out / "sites" / slug / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        sites.append(site)
        all_pages += files.pages
        all_truth += truth
        log.info("sample site %s (%s): %d pages, %d offerings", slug, plan.style, len(files.pages), len(truth))

    (out / "sites.json").write_text(json.dumps([asdict(s) for s in sites], ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    write_jsonl(out / "truth.jsonl", all_truth)
    write_jsonl(out / "pages.jsonl", all_pages)
    counts = {
        "seed": seed, "small": small, "n_providers": len(sites),
        "n_offerings": len(all_truth),
        "n_offerings_allowed": sum(not t.robots_disallowed for t in all_truth),
        "n_offering_pages": sum(p.is_offering for p in all_pages),
        "n_offering_pages_allowed": sum(p.is_offering and not p.robots_disallowed for p in all_pages),
        "n_pages": len(all_pages),
        "styles": dict(sorted(Counter(s.style for s in sites).items())),
        "offering_types": dict(sorted(Counter(t.offering_type for t in all_truth).items())),
    }
    (out / "MANIFEST.json").write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return SampleWebInfo(out=out, providers=sites, n_offerings=len(all_truth), n_pages=len(all_pages))
