from __future__ import annotations

from dataclasses import dataclass

from skills.linking import OccupationLink
from skills.model import Leerweg, Qualification
from skills.profile_links import PROFILE_SOURCE, link_by_profile


@dataclass
class Occ:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    isco_code: str


# (crebo, qualification name, seed occupation label, seed description): distinct words per profile so that
# document frequencies stay low in this tiny corpus.
_ROWS = [
    ("25371", "Logistiek medewerker", "magazijnmedewerker", "Zij ontvangen goederen, stapelen pallets en slaan voorraad op."),
    ("25180", "Kok", "kok", "Koks bereiden gerechten, snijden groenten en garneren borden."),
    ("25500", "Kapper", "kapper", "Kappers knippen, verven en föhnen haren van klanten in een salon."),
    ("25010", "Timmerman", "timmerman", "Timmerlieden plaatsen kozijnen, zagen balken en bouwen dakkapellen."),
    ("25220", "Autotechnicus", "automonteur", "Monteurs vervangen remblokken, uitlaten en distributieriemen."),
    ("25290", "Basislasser", "lasser", "Lassers verbinden staalplaten met elektroden en lasnaden."),
    ("25420", "Bakker", "bakker", "Bakkers kneden deeg, rijzen broden en bakken croissants."),
    ("25480", "Verzorgende IG", "verzorgende", "Verzorgenden wassen bewoners, geven medicijnen en meten bloeddruk."),
    ("25600", "Beveiliger", "beveiliger", "Beveiligers surveilleren terreinen, controleren toegangspasjes en bewaken alarmen."),
    ("25700", "Schilder", "schilder", "Schilders schuren houtwerk, plamuren gaten en lakken deuren."),
]
QUALS = {c: Qualification(crebo=c, name=n, niveau=2, leerwegen=(Leerweg.BOL,), dossier_crebo="23000", dossier=n,
                          opleidingsdomein="")
         for c, n, _, _ in _ROWS}
SEEDS = [Occ(f"http://x/occ/{label}", label, (), "9999") for _, _, label, _ in _ROWS]
DESCRIPTIONS = {f"http://x/occ/{label}": desc for _, _, label, desc in _ROWS}
NAME_LINKS = {c: [OccupationLink(c, f"http://x/occ/{label}", label, 1.0, "exact")] for c, _, label, _ in _ROWS}
FORKLIFT = Occ("http://x/occ/heftruck", "heftruckchauffeur", ("bestuurder heftruck",), "8344")
ASTRONOMER = Occ("http://x/occ/sterren", "sterrenkundige", ("astronoom",), "2111")
DESCRIPTIONS[FORKLIFT.uri] = "Heftruckchauffeurs verplaatsen goederen en stapelen pallets in de voorraad."
DESCRIPTIONS[ASTRONOMER.uri] = "Sterrenkundigen bestuderen planeten, kometen en melkwegstelsels."


def _links() -> dict[str, list[OccupationLink]]:
    return link_by_profile(QUALS, [*SEEDS, FORKLIFT, ASTRONOMER], DESCRIPTIONS, {}, NAME_LINKS)


def test_unlinked_occupation_joins_the_profile_it_resembles() -> None:
    links = _links()
    assert [lk.label for lk in links["25371"]] == ["heftruckchauffeur"]
    link = links["25371"][0]
    assert link.source == PROFILE_SOURCE and 0 < link.score <= 1
    assert "heftruckchauffeur" in link.evidence and "Logistiek medewerker" in link.evidence


def test_unrelated_and_name_linked_occupations_are_not_profile_linked() -> None:
    linked = {lk.uri for items in _links().values() for lk in items}
    assert ASTRONOMER.uri not in linked
    assert not linked & {o.uri for o in SEEDS}  # already linked by name: left to skills.linking


def test_deterministic_and_empty_inputs() -> None:
    assert _links() == _links()
    assert link_by_profile({}, SEEDS, DESCRIPTIONS, {}, {}) == {}
