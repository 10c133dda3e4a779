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


def test_per_institution_and_per_arbeidsmarktregio() -> None:
    from skills.geo import Place
    from skills.model import Provider, ProviderLocation

    providers = [Provider(name="ROC Zuid", brin="25AA", website="https://www.roczuid.nl/", start_urls=("https://www.roczuid.nl/",),
                          allowed_domains=("roczuid.nl",),
                          locations=(ProviderLocation("Campus", "Goes", "Bessestraat 4", "4462 CM", 51.5, 3.9),)),
                 Provider(name="AOC Noord", brin="25BB")]
    regions = [Place("Zeeland", 51.5, 3.8, "", "Zeeland", "Zeeland", "arbeidsmarktregio", frozenset({"Goes", "Vlissingen"})),
               Place("Groningen", 53.2, 6.6, "", "Groningen", "Groningen", "arbeidsmarktregio", frozenset({"Groningen"}))]
    at_goes = {"level": "locatie", "arbeidsmarktregio": "Zeeland"}
    offerings = [
        {"crebo": "25180", "provider": "Anders genoemd", "url": "https://opleidingen.roczuid.nl/kok",
         "offering_type": "mbo-diploma", "places": [at_goes], "geo": [[51.5, 3.9]]},
        {"crebo": "25290", "provider": "ROC Zuid", "url": "http://127.0.0.1:8101/lassen", "offering_type": "mbo-certificaat",
         "title": "Certificaat lassen", "mapping": {"certificate": "Certificaat lassen"},
         "places": [{"level": "plaats", "arbeidsmarktregio": "Zeeland"}], "geo": [[51.5, 3.8]]},
        {"crebo": "25180", "provider": "Particulier BV", "url": "https://particulier.nl/", "offering_type": "mbo-diploma"},
    ]

    def region_of(postcode: str, city: str) -> str:
        return "Zeeland" if city == "Goes" else ""

    cov = compute_coverage(QUALS, CERTS, offerings, LEGACY, providers=providers, regions=regions, region_of=region_of)
    rows = {r["name"]: r for r in cov["institutions"]}
    zuid = rows["ROC Zuid"]
    assert (zuid["offerings"], zuid["qualifications"], zuid["certificates"]) == (2, 2, 1)
    assert (zuid["offerings_with_place"], zuid["offerings_at_location"], zuid["in_crawl_frontier"]) == (2, 1, True)
    assert zuid["arbeidsmarktregios"] == ["Zeeland"] and zuid["locations"] == 1
    assert rows["AOC Noord"]["offerings"] == 0 and rows["AOC Noord"]["in_crawl_frontier"] is False
    assert rows["Particulier BV"]["in_registry"] is False and rows["Particulier BV"]["offerings"] == 1
    by_region = {r["name"]: r for r in cov["arbeidsmarktregios"]}
    assert (by_region["Zeeland"]["offerings"], by_region["Zeeland"]["qualifications"],
            by_region["Zeeland"]["certificates"], by_region["Zeeland"]["providers"]) == (2, 2, 1, 2)
    assert by_region["Zeeland"]["institutions_with_location"] == 1 and by_region["Zeeland"]["gemeenten"] == 2
    assert by_region["Groningen"]["offerings"] == 0
    assert cov["summary"]["offerings_without_region"] == 1 and cov["summary"]["offerings_at_location"] == 1


def test_certificate_coverage_names_its_denominator() -> None:
    from index.certificate_coverage import certificate_coverage
    from skills.reference.certificate_catalogue import build_catalogue
    from skills.reference.certificate_evidence import SeenCertificate

    seen = {"C0054": SeenCertificate("C0054", "Basis voor deskundige zorg", ("25180",), ("s/a.md",)),
            "C0103": SeenCertificate("C0103", "", ("25290",), ("s/b.md",))}
    catalogue = build_catalogue(CERTS, seen, lambda code: code, documents=3)
    offerings = [{"provider": "ROC A", "offering_type": "mbo-certificaat", "title": "Basis voor deskundige zorg (bbl)"},
                 {"provider": "ROC B", "offering_type": "mbo-diploma", "title": "Kok", "description": "met C0103"},
                 {"provider": "ROC B", "offering_type": "mbo-certificaat", "title": "Certificaat C0103 lassen"},
                 {"provider": "ROC C", "offering_type": "mbo-certificaat", "title": "Heftruck"}]
    cov = certificate_coverage(catalogue, offerings, QUALS, LEGACY)
    summary = cov["summary"]
    assert (summary["certificates_seen"], summary["certificates_with_offering"]) == (3, 2)
    assert summary["statement"] == "3 certificaten gezien, 2 met een aanbod"
    assert "niet de officiële lijst" in summary["denominator"] and summary["official_list"] is False
    rows = {r["key"]: r for r in cov["certificates"]}
    assert rows["C0103"]["offerings"] == 1  # the diploma that mentions the code is not a certificate offering
    assert rows["C0054"]["parents"][0]["name"] == "Kok" and rows["C0054"]["origins"] == ["schooldocumenten"]
    assert rows["pagina:heftruck"]["known"] is False and summary["certificates_only_on_school_sites"] == 1
