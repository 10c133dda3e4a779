"""Coverage per mbo-certificaat: "n certificates seen, m with an offering", with the denominator's source named.

The denominator is the certificate catalogue (:mod:`skills.reference.certificate_catalogue`): the official list
when imported, else the certificates the sources name. An offering counts for a catalogue certificate when
:meth:`CertificateCatalogue.find` links it (a code on the page, or the certificate's name in its title or in the
mapping's certificate). Certificate offerings no catalogue entry matches are listed too ("alleen op een
schoolsite"), outside the denominator, so nothing found is hidden and nothing unofficial inflates the count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from skills.geo import normalize_name
from skills.model import Qualification
from skills.reference.certificate_catalogue import CertificateCatalogue

PAGE_ONLY = "alleen op een schoolsite"
PAGE_KEY_PREFIX = "pagina:"


def is_certificate_payload(payload: dict[str, Any]) -> bool:
    """An offering that is a certificate: typed so, or its mapping names a certificate."""
    return payload.get("offering_type") == "mbo-certificaat" or bool((payload.get("mapping") or {}).get("certificate"))


def certificate_key(catalogue: CertificateCatalogue, payload: dict[str, Any]) -> str | None:
    """The catalogue key of the certificate an offering is about; ``pagina:<name>`` for a certificate offering
    no entry matches; None for other offerings."""
    mapping = payload.get("mapping") or {}
    if not is_certificate_payload(payload):
        return None
    found = catalogue.find(str(payload.get("title") or ""), str(payload.get("description") or ""),
                           str(mapping.get("certificate") or ""))
    if found is not None:
        return found.key
    name = str(mapping.get("certificate") or payload.get("title") or "").strip()
    return f"{PAGE_KEY_PREFIX}{normalize_name(name)}" if name else None


def certificate_coverage(catalogue: CertificateCatalogue, payloads: Iterable[dict[str, Any]],
                         qualifications: dict[str, Qualification],
                         legacy: dict[str, Qualification] | None = None,
                         standalone: dict[str, Qualification] | None = None) -> dict[str, Any]:
    """Rows per certificate (catalogue first, then page-only ones) and the summary with its denominator."""
    offerings: dict[str, int] = defaultdict(int)
    providers: dict[str, set[str]] = defaultdict(set)
    page_names: dict[str, str] = {}
    for payload in payloads:
        key = certificate_key(catalogue, payload)
        if key is None:
            continue
        offerings[key] += 1
        providers[key].add(str(payload.get("provider") or ""))
        if key.startswith(PAGE_KEY_PREFIX):
            page_names.setdefault(key, str((payload.get("mapping") or {}).get("certificate") or payload.get("title")))
    known = {**(legacy or {}), **(standalone or {}), **qualifications}
    rows: list[dict[str, Any]] = []
    for cert in catalogue.certificates:
        parents = [{"crebo": p, "name": known[p].display_name if p in known else None,
                    "kerntaken": sorted({k for parent, k in cert.kerntaken if parent == p})} for p in cert.parents]
        first = known.get(cert.parents[0]) if cert.parents else None
        rows.append({"key": cert.key, "code": cert.code, "name": cert.label, "known": True,
                     "origins": list(cert.origins), "parents": parents,
                     "parent_crebo": cert.parents[0] if cert.parents else None,
                     "opleidingsdomein": first.opleidingsdomein if first and first.opleidingsdomein else None,
                     "werkprocessen": list(cert.werkprocessen), "sources": list(cert.sources),
                     "status": cert.status or ", ".join(cert.origins), "offerings": offerings.get(cert.key, 0),
                     "providers": len(providers.get(cert.key, ())), "with_offering": cert.key in offerings})
    for key, name in sorted(page_names.items()):
        rows.append({"key": key, "code": None, "name": name, "known": False, "origins": [PAGE_ONLY], "parents": [],
                     "parent_crebo": None, "opleidingsdomein": None, "werkprocessen": [], "sources": [],
                     "status": PAGE_ONLY, "offerings": offerings[key], "providers": len(providers[key]),
                     "with_offering": True})
    seen = len(catalogue.certificates)
    with_offering = sum(1 for r in rows if r["known"] and r["with_offering"])
    return {
        "summary": {
            "certificates_seen": seen,
            "certificates_with_offering": with_offering,
            "certificates_only_on_school_sites": len(page_names),
            "official_list": catalogue.has_official_list,
            "denominator": catalogue.denominator,
            "statement": f"{seen} certificaten gezien, {with_offering} met een aanbod",
        },
        "certificates": rows,
    }
