"""What one generated site consists of: its files, its page records and its offerings' truth."""

from __future__ import annotations

from datetime import date

from skills.errors import LloError

from .paths import file_for
from .specs import PageSpec
from .truth import SiteInfo, TruthOffering, TruthPage


class SiteFiles:
    """The files and page records of one site as they are produced."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.files: dict[str, bytes] = {}
        self.pages: list[TruthPage] = []
        self.sitemap: list[tuple[str, date]] = []

    def add(self, path: str, body: str, page_type: str, *, lastmod: date, is_offering: bool = False,
            disallowed: bool = False, injection: bool = False, n_offerings: int = 0, record: bool = True) -> None:
        rel = file_for(path)
        if rel is None or rel in self.files:
            raise LloError(f"sample web generator: bad or duplicate path {path!r} on {self.slug}")
        self.files[rel] = body.encode("utf-8")
        if record:
            self.pages.append(TruthPage(self.slug, path, is_offering, page_type, disallowed, injection, n_offerings))
            if not disallowed and not path.endswith(".json"):
                self.sitemap.append((path, lastmod))


def truth_offerings(site: SiteInfo, page: PageSpec, page_path: str, disallowed: bool) -> list[TruthOffering]:
    out = []
    for off in page.offerings:
        out.append(TruthOffering(
            site=site.slug, page_path=page_path, offering_url_path=page.path, provider=site.name, title=off.title,
            crebo=off.qual.crebo if off.qual else None, crebo_stated=off.crebo_stated, certificate=off.certificate,
            offering_type=off.offering_type.value, leerwegen=[off.leerweg.value] if off.leerweg else [],
            niveau=off.niveau, locations=list(off.locations), duration=off.duration,
            price_eur=off.price.amount if off.price else None, start_dates=[s.day.isoformat() for s in off.starts],
            target_group=[t.value for t in off.target_group], robots_disallowed=disallowed,
            injection=page.injection is not None, crebo_legacy=off.crebo_legacy,
            kerntaken=[kt.code for kt in off.kerntaken if kt.code],
            werkprocessen=[wp.code for kt in off.kerntaken for wp in kt.werkprocessen if wp.code],
        ))
    return out
