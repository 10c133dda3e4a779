"""Coverage: which qualifications and certificates have at least one findable offering, and from how many
providers; and what was found per institution and per arbeidsmarktregio. The automated version of the manual
inventory that found offerings for 60 of 107 certificates. Certificates: :mod:`index.certificate_coverage`;
institutions and regions: :mod:`index.provider_coverage`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from index.certificate_coverage import certificate_coverage, certificate_key
from index.provider_coverage import institution_coverage, region_coverage
from skills.geo import Place
from skills.model import Certificate, Provider, Qualification
from skills.reference.certificate_catalogue import CertificateCatalogue, build_catalogue


@dataclass
class GroupCoverage:
    name: str
    total: int = 0
    with_offering: int = 0
    providers: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "total": self.total, "with_offering": self.with_offering,
                "without_offering": self.total - self.with_offering, "providers": len(self.providers)}


def compute_coverage(qualifications: dict[str, Qualification], certificates: list[Certificate] | CertificateCatalogue,
                     offerings: Iterable[dict[str, Any]],
                     legacy: dict[str, Qualification] | None = None, *,
                     providers: Sequence[Provider] = (), regions: Sequence[Place] = (),
                     region_of: Callable[[str, str], str] | None = None,
                     standalone: dict[str, Qualification] | None = None) -> dict[str, Any]:
    """Coverage per opleidingsdomein, per dossier, per qualification, per certificate, per institution and per
    arbeidsmarktregio.

    ``offerings`` are index payloads (``crebo``, ``provider``, ``url``, ``offering_type``, ``places``, optional
    ``mapping`` with ``certificate``). Stale or unmapped offerings count only under ``unmapped_offerings`` in the
    qualification figures (they still count per institution and region). ``certificates`` is the certificate
    catalogue (a plain list is taken as the reference list, without document evidence); a certificate's
    opleidingsdomein comes from its parent qualification, looked up in the current list, the standalone newer
    qualifications and ``legacy`` (historic certificates name 2014-structure crebos). ``region_of(postcode,
    city)`` names the arbeidsmarktregio of a provider's building ("" when unknown).
    """
    payloads = list(offerings)
    catalogue = (certificates if isinstance(certificates, CertificateCatalogue)
                 else build_catalogue(certificates, {}, lambda code: code))
    providers_by_crebo: dict[str, set[str]] = defaultdict(set)
    offerings_by_crebo: dict[str, int] = defaultdict(int)
    unmapped = 0
    for off in payloads:
        crebo = off.get("crebo") or (off.get("qualification") or {}).get("crebo")
        if not crebo or crebo not in qualifications:
            unmapped += 1
            continue
        providers_by_crebo[crebo].add(off.get("provider", ""))
        offerings_by_crebo[crebo] += 1

    domains: dict[str, GroupCoverage] = {}
    dossiers: dict[str, GroupCoverage] = {}
    per_qual = []
    for crebo, q in sorted(qualifications.items()):
        provs = providers_by_crebo.get(crebo, set())
        for groups, key in ((domains, q.opleidingsdomein), (dossiers, q.dossier)):
            g = groups.setdefault(key, GroupCoverage(key))
            g.total += 1
            g.with_offering += bool(provs)
            g.providers |= provs
        per_qual.append({"crebo": crebo, "name": q.name, "niveau": q.niveau, "opleidingsdomein": q.opleidingsdomein,
                         "dossier": q.dossier, "offerings": offerings_by_crebo.get(crebo, 0),
                         "providers": len(provs)})

    certs = certificate_coverage(catalogue, payloads, qualifications, legacy, standalone)
    cert_rows = certs["certificates"]
    def cert_of(payload: dict[str, Any]) -> str | None:
        return certificate_key(catalogue, payload)

    def no_region(_postcode: str, _city: str) -> str:
        return ""

    where = region_of or no_region
    by_region = region_coverage(regions, providers, payloads, cert_of, where)
    with_offering = sum(1 for row in per_qual if row["offerings"])
    return {
        "summary": {
            "qualifications": len(per_qual),
            "qualifications_with_offering": with_offering,
            "certificates": len(cert_rows),
            "certificates_with_offering": sum(1 for r in cert_rows if r["with_offering"]),
            "known_certificates": certs["summary"]["certificates_seen"],
            "known_certificates_with_offering": certs["summary"]["certificates_with_offering"],
            "unmapped_offerings": unmapped,
            "offerings": len(payloads),
            "offerings_with_place": sum(1 for p in payloads if p.get("places") or p.get("geo")),
            "offerings_at_location": sum(1 for p in payloads
                                         if any(x.get("level") == "locatie" for x in p.get("places") or [])),
            "offerings_without_region": by_region["offerings_without_region"],
        },
        "certificate_summary": certs["summary"],
        "opleidingsdomeinen": [g.as_dict() for g in sorted(domains.values(), key=lambda g: g.name)],
        "dossiers": [g.as_dict() for g in sorted(dossiers.values(), key=lambda g: g.name)],
        "qualifications": per_qual,
        "certificates": cert_rows,
        "institutions": institution_coverage(providers, payloads, cert_of, where) if providers else [],
        "arbeidsmarktregios": by_region["regions"],
    }
