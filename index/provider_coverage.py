"""Coverage per institution and per arbeidsmarktregio: what the crawl found where.

Per institution of the provider registry (and per provider the offerings name that the registry lacks): its
offerings, the distinct qualifications and certificates they are about, how many have a resolved place and how
many a building-level one (:mod:`skills.locations`), and whether the institution is in the crawl frontier (it has
a website). Per arbeidsmarktregio (all 35, so empty regions show as empty): the offerings with a resolved place in
one of its gemeenten, their qualifications, certificates and providers, and the registry institutions with a
building there (the region's denominator of who could offer something).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from skills.geo import Place
from skills.model import Provider
from skills.registry import ProviderDirectory

CertificateKey = Callable[[dict[str, Any]], str | None]


@dataclass
class _Found:
    offerings: int = 0
    located: int = 0
    at_location: int = 0
    crebos: set[str] = field(default_factory=set)
    certificates: set[str] = field(default_factory=set)
    providers: set[str] = field(default_factory=set)

    def add(self, payload: dict[str, Any], crebo: str | None, certificate: str | None) -> None:
        self.offerings += 1
        places = payload.get("places") or []
        self.located += bool(places or payload.get("geo"))
        self.at_location += any(p.get("level") == "locatie" for p in places)
        if crebo:
            self.crebos.add(crebo)
        if certificate:
            self.certificates.add(certificate)
        self.providers.add(str(payload.get("provider") or ""))

    def as_dict(self) -> dict[str, Any]:
        return {"offerings": self.offerings, "qualifications": len(self.crebos),
                "certificates": len(self.certificates), "offerings_with_place": self.located,
                "offerings_at_location": self.at_location}


def _crebo(payload: dict[str, Any]) -> str | None:
    crebo = (payload.get("qualification") or {}).get("crebo") or payload.get("crebo")
    return str(crebo) if crebo else None


def provider_regions(provider: Provider, region_of: Callable[[str, str], str]) -> list[str]:
    """The arbeidsmarktregio's of a provider's buildings (``region_of(postcode, city)``), sorted."""
    return sorted({r for loc in provider.locations if (r := region_of(loc.postcode, loc.city))})


def institution_coverage(providers: Sequence[Provider], payloads: Iterable[dict[str, Any]],
                         certificate_of: CertificateKey,
                         region_of: Callable[[str, str], str]) -> list[dict[str, Any]]:
    """One row per registry institution (name order), then one per provider outside the registry."""
    directory = ProviderDirectory(providers)
    found: dict[int, _Found] = defaultdict(_Found)
    outside: dict[str, _Found] = defaultdict(_Found)
    for payload in payloads:
        provider = directory.find(str(payload.get("provider") or ""), str(payload.get("url") or ""))
        target = found[id(provider)] if provider is not None else outside[str(payload.get("provider") or "")]
        target.add(payload, _crebo(payload), certificate_of(payload))
    rows: list[dict[str, Any]] = []
    for provider in sorted(providers, key=lambda p: p.name.casefold()):
        rows.append({"name": provider.name, "brin": provider.brin, "alt_name": provider.alt_name,
                     "website": provider.website, "in_registry": True, "in_crawl_frontier": bool(provider.start_urls),
                     "locations": len(provider.locations),
                     "arbeidsmarktregios": provider_regions(provider, region_of),
                     **found.get(id(provider), _Found()).as_dict()})
    for name, f in sorted(outside.items()):
        rows.append({"name": name, "brin": None, "alt_name": "", "website": None, "in_registry": False,
                     "in_crawl_frontier": False, "locations": 0, "arbeidsmarktregios": [], **f.as_dict()})
    return rows


def region_coverage(regions: Sequence[Place], providers: Sequence[Provider], payloads: Iterable[dict[str, Any]],
                    certificate_of: CertificateKey, region_of: Callable[[str, str], str]) -> dict[str, Any]:
    """Rows for every arbeidsmarktregio in ``regions`` and the count of offerings no region could be given."""
    found: dict[str, _Found] = defaultdict(_Found)
    without = 0
    for payload in payloads:
        names = {str(p.get("arbeidsmarktregio")) for p in payload.get("places") or [] if p.get("arbeidsmarktregio")}
        if not names:
            without += 1
        for name in names:
            found[name].add(payload, _crebo(payload), certificate_of(payload))
    institutions: dict[str, set[str]] = defaultdict(set)
    for provider in providers:
        for region in provider_regions(provider, region_of):
            institutions[region].add(provider.name)
    rows = []
    for area in regions:
        f = found.get(area.name, _Found())
        rows.append({"name": area.name, "provincie": area.provincie, "gemeenten": len(area.gemeenten),
                     "institutions_with_location": len(institutions.get(area.name, ())),
                     "providers": len(f.providers), **f.as_dict()})
    return {"regions": rows, "offerings_without_region": without}
