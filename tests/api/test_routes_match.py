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
