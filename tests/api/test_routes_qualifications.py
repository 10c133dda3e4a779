"""GET /api/qualifications?q= and GET /api/qualifications/{crebo}."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from api.state import AppState
from index.search import SearchEngine


def test_search_qualifications(client: TestClient) -> None:
    r = client.get("/api/qualifications", params={"q": "glaszetter"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and "glaszetter" in results[0]["name"].lower()
    assert all(set(x) >= {"crebo", "name", "niveau", "score", "matched_skills", "n_offerings"} for x in results)
    assert any(x["n_offerings"] > 0 for x in results)


def test_list_without_query_is_alphabetical(client: TestClient) -> None:
    results = client.get("/api/qualifications", params={"limit": 5}).json()["results"]
    assert len(results) == 5
    assert [x["name"].lower() for x in results] == sorted(x["name"].lower() for x in results)


def test_qualification_detail_groups_offerings_by_provider(client: TestClient, engine: SearchEngine,
                                                          state: AppState) -> None:
    crebos = Counter((p.get("qualification") or {}).get("crebo") for p in engine.payloads)
    crebos.pop(None, None)
    crebo, n = next((str(c), k) for c, k in crebos.most_common() if state.ref.qualifications[str(c)].kerntaken)
    r = client.get(f"/api/qualifications/{crebo}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["crebo"] == crebo and body["niveau"] in (1, 2, 3, 4)
    assert body["kerntaken"] and body["kerntaken"][0]["werkprocessen"]
    assert body["skills"]
    assert body["n_offerings"] == n == sum(len(p["offerings"]) for p in body["providers"])
    providers = [p["provider"] for p in body["providers"]]
    assert providers == sorted(providers)
    assert all(o["qualification"]["crebo"] == crebo for p in body["providers"] for o in p["offerings"])


def test_unknown_crebo_is_404(client: TestClient) -> None:
    r = client.get("/api/qualifications/99999")
    assert r.status_code == 404
    assert "99999" in r.json()["error"]


def test_overlong_crebo_is_422(client: TestClient) -> None:
    assert client.get("/api/qualifications/1234567890123").status_code == 422


def test_newer_crebo_shows_the_current_code_and_the_2015_knowledge(client: TestClient) -> None:
    body = client.get("/api/qualifications/25656").json()
    assert (body["crebo"], body["current_crebo"], body["current_name"]) == ("25491", "25656", "Verzorgende IG")
    assert body["codes"][:2] == ["25656", "25491"] and body["skills"]  # the 2015 skills still apply
    assert {(lk["code"], lk["era"]) for lk in body["lineage"]} >= {("25656", "newer")}
    # No SBB dossier for Verzorgende IG: kerntaken mined from school documents, which are named as the source.
    assert body["kerntaken"][0]["code"] == "B1-K1" and body["kerntaken"][0]["werkprocessen"]
    assert body["kerntaken"][0]["source"].startswith("schooldocumenten: ")
    assert any(s["source"] for s in body["official_skills"])


def test_newer_crebo_without_predecessor_has_its_own_page(client: TestClient) -> None:
    body = client.get("/api/qualifications/25779").json()
    assert (body["crebo"], body["name"], body["codes"]) == ("25779", "Persoonlijk begeleider maatschappelijke zorg",
                                                           ["25779"])
    assert "CompetentNL" in body["name_source"] and body["beroepsbeschrijving"]
