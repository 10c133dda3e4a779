"""POST /api/match: a pasted text → qualifications (with every code) and their offerings."""

from __future__ import annotations

from fastapi.testclient import TestClient

from skills.matching import MAX_TEXT_CHARS

VACANCY = ("Kinderdagverblijf zoekt een collega voor de peutergroep: je begeleidt kinderen bij spel en ontwikkeling, "
           "observeert, houdt contact met ouders en werkt volgens het pedagogisch beleidsplan. Diploma pedagogisch "
           "medewerker kinderopvang, of leren via bbl.")


def test_match_returns_qualifications_and_offerings_like_search_results(client: TestClient) -> None:
    r = client.post("/api/match", json={"text": VACANCY})
    assert r.status_code == 200, r.text
    body = r.json()
    top = body["qualifications"][0]
    assert set(top) == {"crebo", "name", "codes", "niveau", "score", "matched_skills"}
    assert top["name"] == "Pedagogisch medewerker kinderopvang" and top["crebo"] in top["codes"]
    assert body["offerings"], "the sample web has kinderopvang offerings"
    search = client.get("/api/search", params={"q": "pedagogisch medewerker kinderopvang"}).json()["results"][0]
    assert set(body["offerings"][0]) == set(search)
    names = [q["name"] for q in body["qualifications"]]
    ranks = [names.index(o["qualification"]["name"]) for o in body["offerings"]]
    assert ranks == sorted(ranks)  # offerings follow the qualification ranking


def test_match_limit_and_errors_in_dutch(client: TestClient) -> None:
    assert len(client.post("/api/match", json={"text": VACANCY, "limit": 2}).json()["qualifications"]) == 2
    empty = client.post("/api/match", json={"text": "  "})
    assert empty.status_code == 422 and "Plak een tekst" in empty.json()["error"]
    long = client.post("/api/match", json={"text": "woord " * (MAX_TEXT_CHARS // 6 + 10)})
    assert long.status_code == 422 and "te lang" in long.json()["error"]
    huge = client.post("/api/match", content=b'{"text": "' + b"a" * (600 * 1024) + b'"}',
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413 and "te groot" in huge.json()["error"]


def test_match_with_a_place_answers_like_a_search_there(client: TestClient) -> None:
    anywhere = client.post("/api/match", json={"text": VACANCY}).json()
    codes = {c for q in anywhere["qualifications"] for c in q["codes"]}
    home = anywhere["offerings"][0]["locations"][0]
    seen_near = seen_nearest = False
    for place in [home, "Texel", "Vaals", "Delfzijl", "Cadzand", "Emmen"]:
        r = client.post("/api/match", json={"text": VACANCY, "place": place})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["qualifications"] == anywhere["qualifications"]  # the place never changes what the text is about
        assert body["place"]["name"]
        for o in body["offerings"]:
            assert o["distance_km"] is not None and o["distance_km"] <= 25
            assert o["qualification"]["crebo"] in codes
        if body["offerings"]:
            seen_near = True
            assert body["reason"] is None
        else:
            seen_nearest = True
            assert body["reason"].startswith("Geen opleiding voor deze kwalificaties binnen 25 km van ")
            assert body["nearest"] and all(o["distance_km"] > 25 and o["outside"] for o in body["nearest"])
            assert "Dichtstbijzijnde:" in body["reason"]
    assert seen_near and seen_nearest, "the places should give both answers on the sample web"


def test_match_with_an_unknown_place_is_a_dutch_error(client: TestClient) -> None:
    r = client.post("/api/match", json={"text": VACANCY, "place": "Qxzwyk"})
    assert r.status_code == 422 and r.json()["error"]


def test_match_with_an_overlong_place_names_the_field_in_dutch(client: TestClient) -> None:
    r = client.post("/api/match", json={"text": VACANCY, "place": "x" * 100})
    assert r.status_code == 422
    assert r.json()["detail"][0]["label"] == "Plaats" and "80 tekens" in r.json()["error"]
