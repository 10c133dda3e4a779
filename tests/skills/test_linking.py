from __future__ import annotations

from dataclasses import dataclass

from skills.linking import isco_fits, link_occupations
from skills.model import Leerweg, Qualification


@dataclass
class Occ:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    isco_code: str


def _q(crebo: str, name: str, niveau: int, dossier: str) -> Qualification:
    return Qualification(crebo=crebo, name=name, niveau=niveau, leerwegen=(Leerweg.BOL,), dossier_crebo="23000",
                         dossier=dossier, opleidingsdomein="Horeca")


QUALS = {q.crebo: q for q in [_q("25180", "Kok", 2, "Keuken"), _q("25182", "Zelfstandig werkend kok", 3, "Keuken"),
                               _q("25491", "Verzorgende IG", 3, "Verzorgende IG")]}
OCCS = [Occ("http://x/occ/kok", "kok", ("kokkin", "chef-kok"), "5120"),
        Occ("http://x/occ/thuis", "thuiszorgmedewerker", ("verzorgende individuele gezondheidszorg",), "5322"),
        Occ("http://x/occ/prof", "hoogleraar", ("professor",), "2310")]


def test_exact_label_links_with_evidence() -> None:
    links = link_occupations(QUALS, OCCS)
    kok = links["25180"][0]
    assert kok.uri == "http://x/occ/kok" and kok.score == 1.0
    assert "ESCO-label 'kok'" in kok.evidence and kok.source == "esco-label-match"
    assert links["25491"][0].label == "thuiszorgmedewerker"  # via the alt label


def test_contained_label_links_weaker() -> None:
    links = link_occupations(QUALS, OCCS)
    zw = links["25182"][0]
    assert zw.label == "kok" and 0.6 <= zw.score < 0.9
    assert not any(lk.label == "hoogleraar" for items in links.values() for lk in items)


def test_isco_hint() -> None:
    assert isco_fits("5120", 2) is True
    assert isco_fits("2310", 2) is False
    assert isco_fits("", 2) is None


def test_a_shared_generic_head_noun_is_not_a_link() -> None:
    quals = {q.crebo: q for q in [_q("25277", "Technicus gas", 4, "Infratechniek"),
                                   _q("25278", "Technicus elektra", 4, "Infratechniek"),
                                   _q("25279", "Technicus water", 4, "Infratechniek"),
                                   _q("25280", "Technicus koude", 4, "Koudetechniek")]}
    occs = [Occ("http://x/occ/av", "audiovisueel technicus", ("AV-technicus",), "3521"),
            Occ("http://x/occ/gas", "gasmonteur", ("technicus gas",), "7126")]
    links = link_occupations(quals, occs)
    assert [lk.label for lk in links["25277"]] == ["gasmonteur"]
