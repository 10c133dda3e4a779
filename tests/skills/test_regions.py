"""Areas people name: provinces, arbeidsmarktregio's, landsdelen, short forms, the whole country."""

from __future__ import annotations

from skills.geo import Gazetteer, Place
from skills.regions import build_areas, register_areas

GEMEENTEN = [
    Place("Enschede", 52.22, 6.89, "Enschede", "Overijssel", "Twente"),
    Place("Almelo", 52.36, 6.66, "Almelo", "Overijssel", "Twente"),
    Place("Zwolle", 52.51, 6.09, "Zwolle", "Overijssel", "Regio Zwolle"),
    Place("Eindhoven", 51.44, 5.48, "Eindhoven", "Noord-Brabant", "Zuidoost-Brabant"),
    Place("Groningen", 53.22, 6.57, "Groningen", "Groningen", "Groningen"),
    Place("Utrecht", 52.09, 5.12, "Utrecht", "Utrecht", "Midden-Utrecht"),
]


def test_areas_are_sets_of_gemeenten_with_a_derived_point() -> None:
    areas = build_areas(GEMEENTEN)
    twente = areas["Twente"]
    assert twente.kind == "arbeidsmarktregio" and twente.gemeenten == {"Enschede", "Almelo"}
    assert twente.lat == round((52.22 + 52.36) / 2, 5)  # the mean of its gemeenten's points
    assert areas["Brabant"] is areas["Noord-Brabant"] and areas["Noord-Brabant"].kind == "provincie"
    assert areas["Overijssel"].gemeenten == {"Enschede", "Almelo", "Zwolle"}
    assert areas["Randstad"].gemeenten == {"Utrecht"}  # of these six, only Utrecht lies in the four provinces
    assert areas["Oost-Nederland"].gemeenten == {"Enschede", "Almelo", "Zwolle"}
    assert areas["landelijk"].kind == "land" and len(areas["Nederland"].gemeenten) == len(GEMEENTEN)


def test_a_town_keeps_its_name_and_typos_find_the_closest_name() -> None:
    gazetteer = Gazetteer()
    for g in GEMEENTEN:
        gazetteer.add_name(g.name, g, 1)
    register_areas(gazetteer, GEMEENTEN)
    groningen = gazetteer.locate("Groningen")
    assert groningen is not None and groningen.kind == "plaats"  # the city, not the province
    province = gazetteer.locate("provincie Groningen")
    assert province is not None and province.kind == "provincie"
    region = gazetteer.locate("regio Zwolle")
    assert region is not None and region.name == "Regio Zwolle" and region.kind == "arbeidsmarktregio"
    twente = gazetteer.locate("twente")
    assert twente is not None and twente.is_area
    assert gazetteer.closest_name("Zwole") == gazetteer.locate("Zwolle")
    typo = gazetteer.closest_name("Twnte")
    assert typo is not None and typo.name == "Twente"
    assert gazetteer.closest_name("Qwxzplk") is None


def test_every_arbeidsmarktregio_is_listed_even_when_a_province_takes_its_name() -> None:
    gazetteer = Gazetteer()
    register_areas(gazetteer, GEMEENTEN)
    assert [r.name for r in gazetteer.regions] == ["Groningen", "Midden-Utrecht", "Regio Zwolle", "Twente",
                                                   "Zuidoost-Brabant"]
    assert gazetteer.regions[0].kind == "arbeidsmarktregio" and gazetteer.regions[0].gemeenten == {"Groningen"}
