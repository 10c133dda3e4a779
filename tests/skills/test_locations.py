"""Offering places resolved to the provider's own buildings where the page allows, else to the town."""

from __future__ import annotations

from pathlib import Path

from skills.geo import Gazetteer, Place
from skills.locations import (
    LEVEL_LOCATION,
    LEVEL_TOWN,
    LocationResolver,
    building_region,
    city_key,
    street_name,
)
from skills.model import Provider, ProviderLocation
from skills.reference import load_reference


def _gazetteer() -> Gazetteer:
    g = Gazetteer()
    goes = Place("Goes", 51.5, 3.89, "Goes", "Zeeland", "Zeeland")
    g.add_name("Goes", goes)
    g.add_postcode("4462", goes)
    g.add_name("Terneuzen", Place("Terneuzen", 51.33, 3.83, "Terneuzen", "Zeeland", "Zeeland"))
    g.add_name("Ede", Place("Ede", 52.04, 5.66, "Ede", "Gelderland", "FoodValley"))
    return g


SCHOOL = Provider(name="ROC Zeeland", website="https://www.rocz.nl/", allowed_domains=("rocz.nl",), locations=(
    ProviderLocation("Bessestraat", "Goes", "Bessestraat 4", "4462 CM", 51.4954, 3.8936),
    ProviderLocation("Techniekhuis", "Goes", "Industriestraat 10", "4462 EZ", 51.4956, 3.8855),
    ProviderLocation("Campus Goes", "Goes", "Stationspark 39", "4462 DZ", 51.4963, 3.8913),
    ProviderLocation("Vlietstraat", "Terneuzen", "Vlietstraat 11a", "4535 HA", 51.3097, 3.8595),
    ProviderLocation("Vlietstraat bis", "Terneuzen", "Vlietstraat 11b", "4535 HA", 51.3098, 3.8596),
    ProviderLocation("Stafdienst", "Ede gld", "Bovenbuurtweg 27", "6717 XA", 52.0205, 5.6610),
))


def _resolve(places: list[str], text: str = "", provider: str = "ROC Zeeland", url: str = "") -> list[tuple[str, str, str]]:
    found = LocationResolver([SCHOOL], _gazetteer()).resolve(places, provider, url, text)
    return [(r.level, r.how, r.location) for r in found]


def test_street_postcode_and_location_name_pick_one_building() -> None:
    assert _resolve(["Industriestraat 10, Goes"]) == [(LEVEL_LOCATION, "straat", "Techniekhuis")]
    assert _resolve(["4462 CM Goes"]) == [(LEVEL_LOCATION, "postcode", "Bessestraat")]
    assert _resolve(["Campus Goes"]) == [(LEVEL_LOCATION, "locatienaam", "Campus Goes")]


def test_a_town_with_one_building_or_one_point_gives_that_building() -> None:
    assert _resolve(["Ede"]) == [(LEVEL_LOCATION, "enige locatie in de plaats", "Stafdienst")]  # "Ede gld" is Ede
    # two entries of one building (a few metres apart) are one point
    assert _resolve(["Terneuzen"]) == [(LEVEL_LOCATION, "enige locatie in de plaats", "Vlietstraat")]


def test_a_town_with_several_buildings_is_not_guessed_unless_the_text_names_one() -> None:
    assert _resolve(["Goes"]) == [(LEVEL_TOWN, "plaats", "")]
    assert _resolve(["Goes"], "Les op onze locatie aan het Stationspark.") == [
        (LEVEL_LOCATION, "straat in de tekst", "Campus Goes")]


def test_unknown_provider_and_unknown_place() -> None:
    assert _resolve(["Goes"], provider="Elders BV") == [(LEVEL_TOWN, "plaats", "")]
    assert _resolve(["Nergenshuizen"]) == []
    # found by website host even when the page names the provider otherwise
    assert _resolve(["Ede"], provider="Anders", url="https://opleidingen.rocz.nl/x")[0][0] == LEVEL_LOCATION


def test_points_and_regions() -> None:
    (found,) = LocationResolver([SCHOOL], _gazetteer()).resolve(["Bessestraat 4"], "ROC Zeeland")
    assert (found.lat, found.lon, found.gemeente, found.arbeidsmarktregio) == (51.4954, 3.8936, "Goes", "Zeeland")
    assert building_region(_gazetteer(), "6717 XA", "Ede gld") == "FoodValley"
    assert street_name("Ir. Lelyweg 45/47") == "ir lelyweg" and city_key("Ede gld") == "ede"


def test_real_registry(reference_dir: Path) -> None:
    ref = load_reference(reference_dir, lexicon=None)
    resolver = LocationResolver(ref.providers, ref.gazetteer)
    (hoogeveen,) = resolver.resolve(["Hoogeveen"], "Alfa-college", "https://www.alfa-college.nl/x")
    assert hoogeveen.level == LEVEL_TOWN  # two buildings in Hoogeveen, the page names neither
    (named,) = resolver.resolve(["Hoogeveen"], "Alfa-college", "https://www.alfa-college.nl/x",
                                "Je volgt de lessen aan de Voltastraat.")
    assert (named.level, named.street, named.arbeidsmarktregio) == (LEVEL_LOCATION, "Voltastraat 33", "Drenthe")
    (stadskanaal,) = resolver.resolve(["Stadskanaal"], "Noorderpoort", "https://noorderpoort.nl/opleiding")
    assert (stadskanaal.level, stadskanaal.street) == (LEVEL_LOCATION, "Sportparklaan 5")
