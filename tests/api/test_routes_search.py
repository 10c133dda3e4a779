"""GET /api/search and its exports over the small sample-web index."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient


def search(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/api/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_search_shape_and_ranking(client: TestClient) -> None:
    body = search(client, q="glaszetter")
    assert body["total"] >= len(body["results"]) > 0
    first = body["results"][0]
    assert "glaszetter" in first["title"].lower()
    assert set(first) >= {"id", "title", "provider", "qualification", "score", "matched_skills", "leerwegen",
                          "niveau", "locations", "start_dates", "price_eur", "url", "distance_km"}
    assert set(body["facets"]) >= {"leerweg", "niveau", "offering_type", "provider"}
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_filters_narrow_results(client: TestClient) -> None:
    everything = search(client, q="medewerker", limit=100)
    bbl = search(client, q="medewerker", leerweg="bbl", limit=100)
    assert 0 < bbl["total"] < everything["total"]
    assert all("BBL" in r["leerwegen"] or not r["leerwegen"] for r in bbl["results"])
    assert bbl["facets"]["leerweg"]["BBL"] == bbl["total"]  # disjunctive: own facet ignores own filter

    n2 = search(client, q="medewerker", niveau=2, limit=100)
    assert n2["total"] > 0 and all(r["niveau"] in (2, None) for r in n2["results"])

    # An unknown price is kept and labelled, unless excluded.
    cheap = search(client, q="medewerker", max_price=500, limit=100)
    assert cheap["total"] > 0 and all(r["price_eur"] is None or r["price_eur"] <= 500 for r in cheap["results"])
    assert all(r["price_text"] == "prijs onbekend" for r in cheap["results"] if r["price_eur"] is None)
    known = search(client, q="medewerker", max_price=500, keep_unknown_price="false", limit=100)
    assert known["total"] < cheap["total"]
    assert all(r["price_eur"] is not None and r["price_eur"] <= 500 for r in known["results"])

    courses = search(client, q="vca", type="non-mbo course", limit=100)
    assert courses["total"] > 0 and all(r["offering_type"] == "non-mbo course" for r in courses["results"])


def test_place_radius_and_sorts(client: TestClient) -> None:
    near = search(client, q="medewerker", place="Venlo", radius_km=10, limit=100)
    assert near["total"] > 0
    assert all(r["distance_km"] is not None and r["distance_km"] <= 10 for r in near["results"])
    by_distance = search(client, q="medewerker", place="Zwolle", radius_km=300, sort="distance", limit=100)
    distances = [r["distance_km"] for r in by_distance["results"]]
    assert distances == sorted(distances)
    by_price = search(client, q="medewerker", sort="price", limit=100)
    prices = [r["price_eur"] for r in by_price["results"] if r["price_eur"] is not None]
    assert prices == sorted(prices)
    known = [r["price_eur"] is not None for r in by_price["results"]]
    assert known == sorted(known, reverse=True)  # unknown prices last
    postcode = search(client, q="medewerker", place="5911", radius_km=15)  # 5911 = Venlo
    assert postcode["total"] > 0


def test_pagination_is_stable(client: TestClient) -> None:
    page1 = search(client, q="medewerker", limit=3, offset=0)
    page2 = search(client, q="medewerker", limit=3, offset=3)
    assert page1["total"] == page2["total"]
    assert not {r["id"] for r in page1["results"]} & {r["id"] for r in page2["results"]}
    assert search(client, q="medewerker", limit=3, offset=0) == page1


def test_stop_words_only_gives_reason(client: TestClient) -> None:
    body = search(client, q="de het een")
    assert body["total"] == 0 and body["reason"]


def test_bad_parameters_are_422_with_message(client: TestClient) -> None:
    cases: list[dict[str, Any]] = [
        {"q": "lassen", "leerweg": "ONLINE"},
        {"q": "lassen", "type": "masterclass"},
        {"q": "lassen", "radius_km": 10},
        {"q": "lassen", "sort": "distance"},
        {"q": "x" * 501},
        {"q": "lassen", "niveau": 7},
        {"q": "lassen", "limit": 0},
        {"q": "lassen", "place": "Atlantis"},
        {"q": "lassen", "sort": "random"},
        {"q": "lassen", "start_from": "2027-05-01", "start_to": "2027-01-01"},
    ]
    for params in cases:
        r = client.get("/api/search", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["error"], params
    r = client.get("/api/search", params={"q": "lassen", "radius_km": 10})
    assert "plaats" in r.json()["error"]
    # Plain Dutch for a value the form cannot even parse: the field as the page names it, and a valid value.
    r = client.get("/api/search", params={"q": "lassen", "niveau": "hoog"})
    assert r.status_code == 422
    assert r.json()["error"] == "Controleer wat je hebt ingevuld. Niveau: kies 1 (entree), 2, 3 of 4."
    assert "Input should" not in r.text


def test_export_csv(client: TestClient) -> None:
    body = search(client, q="medewerker", leerweg="BBL", limit=100)
    r = client.get("/api/search/export.csv", params={"q": "medewerker", "leerweg": "BBL"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    # Dutch Excel: UTF-8 with a byte-order mark, semicolons, Dutch headers.
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == body["total"]
    assert {row["Id"] for row in rows} == {x["id"] for x in body["results"]}
    assert all("BBL" in row["Leerwegen"].split(", ") or not row["Leerwegen"] for row in rows)
    assert list(rows[0])[:4] == ["Opleiding", "Aanbieder", "Crebo", "Kwalificatie"]
    assert all(row["Prijs"] for row in rows)  # "€ 1.250 per jaar" or "prijs onbekend", never empty


def test_export_jsonld(client: TestClient) -> None:
    r = client.get("/api/search/export.jsonld", params={"q": "glaszetter"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/ld+json")
    doc = r.json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ItemList"
    assert doc["numberOfItems"] == len(doc["itemListElement"]) > 0
    course = doc["itemListElement"][0]["item"]
    assert course["@type"] == "Course" and course["provider"]["@type"] == "EducationalOrganization"
    assert "glaszetter" in course["name"].lower()


def test_crebo_filter_region_and_honest_empty(client: TestClient) -> None:
    any_hit = search(client, q="medewerker", limit=1)["results"][0]
    crebo = any_hit["qualification"]["crebo"]
    only = search(client, q="medewerker", crebo=crebo, limit=100)
    assert only["total"] > 0 and {r["qualification"]["crebo"] for r in only["results"]} == {crebo}
    r = client.get("/api/search", params={"q": "medewerker", "crebo": "12"})
    assert r.status_code == 422 and "crebocode" in r.json()["error"]
    region = search(client, q="medewerker", place="Twente")
    assert region["place"] == {"asked": "Twente", "name": "Twente", "kind": "arbeidsmarktregio", "corrected": False}
    country = search(client, q="medewerker", place="landelijk")
    assert country["place"]["kind"] == "land" and country["total"] == search(client, q="medewerker")["total"]
    nowhere = search(client, q="medewerker", place="Texel", radius_km=5)  # no school on the island
    assert nowhere["total"] == 0 and nowhere["results"] == []
    assert nowhere["reason"].startswith("Geen passend aanbod") and "binnen 5 km van Texel" in nowhere["reason"]
    assert nowhere["nearest"] and all(o["outside"][0].endswith(" km") for o in nowhere["nearest"])
