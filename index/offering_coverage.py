"""Coverage: which qualifications and certificates have at least one findable offering, and from how many
providers. The automated version of the manual inventory that found offerings for 60 of 107 certificates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from skills.model import Certificate, Qualification


@dataclass
class GroupCoverage:
    name: str
    total: int = 0
    with_offering: int = 0
    providers: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "total": self.total, "with_offering": self.with_offering,
                "without_offering": self.total - self.with_offering, "providers": len(self.providers)}


def compute_coverage(qualifications: dict[str, Qualification], certificates: list[Certificate],
                     offerings: Iterable[dict[str, Any]],
                     legacy: dict[str, Qualification] | None = None) -> dict[str, Any]:
    """Coverage per opleidingsdomein, per dossier, per qualification, and for certificates.

    ``offerings`` are index payloads (``crebo``, ``provider``, ``offering_type``, optional ``mapping`` with
    ``certificate``). Stale or unmapped offerings count only under ``unmapped_offerings``. A certificate's
    opleidingsdomein comes from its parent qualification, looked up in the current list and then in
    ``legacy`` (historic certificates name 2014-structure crebos).
    """
    providers_by_crebo: dict[str, set[str]] = defaultdict(set)
    offerings_by_crebo: dict[str, int] = defaultdict(int)
    cert_providers: dict[str, set[str]] = defaultdict(set)
    cert_names: dict[str, str] = {}  # lower-cased key → the name as first seen on a school site
    unmapped = 0
    for off in offerings:
        crebo = off.get("crebo") or (off.get("qualification") or {}).get("crebo")
        mapping = off.get("mapping") or {}
        if off.get("offering_type") == "mbo-certificaat":
            name = (mapping.get("certificate") or off.get("title") or "").strip()
            if name:
                cert_providers[name.lower()].add(off.get("provider", ""))
                cert_names.setdefault(name.lower(), name)
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

    known = {c.name.lower(): c for c in certificates}
    cert_rows = []
    for key in sorted(set(known) | set(cert_providers)):
        cert = known.get(key)
        provs = cert_providers.get(key, set())
        parent = cert.parent_crebo if cert else None
        parent_q = (qualifications.get(parent) or (legacy or {}).get(parent)) if parent else None
        cert_rows.append({"name": cert.name if cert else cert_names.get(key, key), "known": cert is not None,
                          "parent_crebo": parent,
                          "opleidingsdomein": parent_q.opleidingsdomein if parent_q else None,
                          "status": cert.status if cert else "gevonden op schoolsite",
                          "providers": len(provs), "with_offering": bool(provs)})
    with_offering = sum(1 for row in per_qual if row["offerings"])
    return {
        "summary": {
            "qualifications": len(per_qual),
            "qualifications_with_offering": with_offering,
            "certificates": len(cert_rows),
            "certificates_with_offering": sum(1 for r in cert_rows if r["with_offering"]),
            "known_certificates": len(known),
            "known_certificates_with_offering": sum(1 for r in cert_rows if r["known"] and r["with_offering"]),
            "unmapped_offerings": unmapped,
        },
        "opleidingsdomeinen": [g.as_dict() for g in sorted(domains.values(), key=lambda g: g.name)],
        "dossiers": [g.as_dict() for g in sorted(dossiers.values(), key=lambda g: g.name)],
        "qualifications": per_qual,
        "certificates": cert_rows,
    }
