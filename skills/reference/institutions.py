"""The provider registry: the 45 ROCs of institutions/institutions.csv merged by BRIN with the 179 mbo institutions
known to KiesMBO (institutions/kiesmbo/organizations.csv and locations.csv, optional).

A ROC keeps its name from institutions.csv (the 2012 name when known, else the 2002 name; the sample web and
stored offerings use it) and gains KiesMBO's website when it had none, its current name as ``alt_name`` and its
locations. Institutions only KiesMBO knows (AOCs, vakinstellingen, private providers) are added with KiesMBO's
name, website and locations; their kind is not in the source (``ProviderKind.UNKNOWN``).
"""

from __future__ import annotations

from dataclasses import replace

from skills.model import Provider, ProviderKind, ProviderLocation
from skills.reference.table import ReferenceFiles, read_keyed
from skills.reference.validation import BRIN_RE, ProblemLog

INSTITUTIONS_FILE = "institutions/institutions.csv"
COLUMNS = ("brin", "naam_2012", "naam_2002", "website_evidenced")
KIESMBO_ORGANIZATIONS = "institutions/kiesmbo/organizations.csv"
KIESMBO_LOCATIONS = "institutions/kiesmbo/locations.csv"


def _host(url: str) -> str:
    return url.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").split("/")[0]


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def merge_kiesmbo(files: ReferenceFiles, log: ProblemLog, rocs: list[Provider]) -> list[Provider]:
    """``rocs`` merged by BRIN with the KiesMBO institutions and their locations (see the module doc)."""
    orgs = read_keyed(files, KIESMBO_ORGANIZATIONS, lambda r: r.get("brin"), log, "BRIN",
                      required=("brin", "title", "website"), optional=True) or {}
    locs = read_keyed(files, KIESMBO_LOCATIONS, lambda r: r.get("brinvest"), log, "brinvest",
                      required=("brinvest", "name", "city", "lon", "lat"), optional=True) or {}
    by_brin: dict[str, list[ProviderLocation]] = {}
    for code, row in sorted(locs.items()):
        by_brin.setdefault(code[:4], []).append(ProviderLocation(
            name=row.get("name"), city=row.get("city"), street=row.get("street"), postcode=row.get("zip"),
            lat=_float(row.get("lat")), lon=_float(row.get("lon"))))
    out: list[Provider] = []
    known = {p.brin for p in rocs}
    for roc in rocs:
        org = orgs.get(roc.brin or "")
        if org is None:
            out.append(roc)
            continue
        host = _host(org.get("website"))
        merged = replace(roc, alt_name=org.get("title"), locations=tuple(by_brin.get(roc.brin or "", ())))
        if roc.website is None and host:
            merged = replace(merged, website=f"https://www.{host}/", start_urls=(f"https://www.{host}/",),
                             allowed_domains=(host, f"www.{host}"))
        out.append(merged)
    for brin, org in sorted(orgs.items()):
        if brin in known:
            continue
        if not BRIN_RE.fullmatch(brin):
            log.add(org.file, org.line, f"malformed BRIN {brin!r} (expected 2 digits + 2 letters, e.g. 25LX)")
            continue
        host = _host(org.get("website"))
        out.append(Provider(name=org.get("title"), brin=brin, website=f"https://www.{host}/" if host else None,
                            kind=ProviderKind.UNKNOWN, start_urls=(f"https://www.{host}/",) if host else (),
                            allowed_domains=(host, f"www.{host}") if host else (),
                            locations=tuple(by_brin.get(brin, ()))))
    return out


def load_providers(files: ReferenceFiles, log: ProblemLog) -> list[Provider]:
    rows = read_keyed(files, INSTITUTIONS_FILE, lambda r: r.get("brin"), log, "BRIN",
                      required=COLUMNS, overlay_required=("brin",))
    providers = []
    for brin, row in (rows or {}).items():
        if not BRIN_RE.fullmatch(brin):
            log.add(row.file, row.line, f"malformed BRIN {brin!r} (expected 2 digits + 2 letters, e.g. 25LX)")
            continue
        name = row.get("naam_2012") or row.get("naam_2002")
        if not name:
            log.add(row.file, row.line, f"BRIN {brin}: no name (naam_2012 and naam_2002 both empty)")
            continue
        domain = row.get("website_evidenced").lower().removeprefix("https://").removeprefix("http://")
        domain = domain.removeprefix("www.").strip("/")
        providers.append(Provider(
            name=name,
            brin=brin,
            website=f"https://www.{domain}/" if domain else None,
            kind=ProviderKind.ROC,
            start_urls=(f"https://www.{domain}/",) if domain else (),
            allowed_domains=(domain,) if domain else (),
        ))
    return merge_kiesmbo(files, log, providers)
