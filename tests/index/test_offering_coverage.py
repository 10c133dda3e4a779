"""Coverage counts qualifications and certificates with at least one findable offering, and providers."""

from __future__ import annotations

from index.offering_coverage import compute_coverage
from skills.model import Certificate, Leerweg, Qualification


def _q(crebo: str, name: str, domain: str, legacy: bool = False) -> Qualification:
    return Qualification(crebo=crebo, name=name, niveau=2, leerwegen=(Leerweg.BBL,), dossier_crebo="23000",
                         dossier=name, opleidingsdomein=domain, legacy=legacy)


QUALS = {"25180": _q("25180", "Kok", "Horeca en bakkerij"), "25290": _q("25290", "Basislasser", "Techniek")}
LEGACY = {"97670": _q("97670", "Vakbekwaam medewerker teelt", "Voedsel, natuur en leefomgeving", legacy=True)}
CERTS = [Certificate(name="Gewasbescherming B", code=None, parent_crebo="97670")]


def test_counts_per_domain_provider_and_unmapped() -> None:
    offerings = [
        {"crebo": "25180", "provider": "ROC A", "offering_type": "mbo-diploma"},
        {"crebo": "25180", "provider": "ROC B", "offering_type": "mbo-diploma"},
        {"crebo": None, "provider": "ROC B", "offering_type": "non-mbo course"},
    ]
    cov = compute_coverage(QUALS, CERTS, offerings, LEGACY)
    assert cov["summary"]["qualifications_with_offering"] == 1
    assert cov["summary"]["unmapped_offerings"] == 1
    horeca = next(d for d in cov["opleidingsdomeinen"] if d["name"] == "Horeca en bakkerij")
    assert (horeca["with_offering"], horeca["providers"]) == (1, 2)
    kok = next(q for q in cov["qualifications"] if q["crebo"] == "25180")
    assert (kok["offerings"], kok["providers"]) == (2, 2)


def test_certificates_found_on_school_sites_and_historic_parents_get_their_domain() -> None:
    offerings = [{"crebo": "25290", "provider": "ROC A", "offering_type": "mbo-certificaat",
                  "title": "Certificaat lassen", "mapping": {"certificate": "Certificaat lassen"}}]
    cov = compute_coverage(QUALS, CERTS, offerings, LEGACY)
    rows = {r["name"]: r for r in cov["certificates"]}
    assert rows["Gewasbescherming B"]["opleidingsdomein"] == "Voedsel, natuur en leefomgeving"
    assert rows["Gewasbescherming B"]["with_offering"] is False
    assert rows["Certificaat lassen"]["with_offering"] is True and rows["Certificaat lassen"]["known"] is False
    assert cov["summary"]["known_certificates_with_offering"] == 0
