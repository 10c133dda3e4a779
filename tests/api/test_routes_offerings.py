"""GET /api/offerings/{id}: every field, mapping evidence, source URL, last seen, bbl deep link."""

from __future__ import annotations

from fastapi.testclient import TestClient

from index.search import SearchEngine


def _first(engine: SearchEngine, bbl: bool) -> dict:
    for p in engine.payloads:
        if (p.get("qualification") or {}).get("crebo") and ("BBL" in (p.get("leerwegen") or [])) == bbl:
            return p
    raise AssertionError("no such offering in the test index")


def test_offering_detail_has_every_field(client: TestClient, engine: SearchEngine) -> None:
    payload = _first(engine, bbl=True)
    r = client.get(f"/api/offerings/{payload['id']}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == payload["id"] and body["title"] == payload["title"]
    assert body["source_url"] == payload["url"] and body["url"] == payload["url"]
    assert body["last_seen"] and body["first_seen"]
    assert body["description"] == payload["description"]
    crebo = payload["qualification"]["crebo"]
    current = payload["qualification"].get("current_crebo")  # the lineage's newer code, when it knows one
    assert body["qualification"] == {"crebo": crebo, "name": payload["qualification"]["name"],
                                     "current_crebo": current,
                                     "current_name": (payload["qualification"].get("current_name") or None)
                                     if current else None}
    assert body["mapping"]["crebo"] == crebo and body["mapping"]["method"] and body["mapping"]["evidence"]
    assert body["stagemarkt_url"].startswith("https://stagemarkt.nl/")
    assert f"Termen={crebo}" in body["stagemarkt_url"]


def test_no_stagemarkt_link_without_bbl(client: TestClient, engine: SearchEngine) -> None:
    payload = _first(engine, bbl=False)
    body = client.get(f"/api/offerings/{payload['id']}").json()
    assert body["stagemarkt_url"] is None


def test_offering_detail_gives_its_resolved_places(client: TestClient, engine: SearchEngine) -> None:
    placed = [p for p in engine.payloads if p.get("places")]
    assert placed, "the sample web's offerings name real towns"
    payload = placed[0]
    body = client.get(f"/api/offerings/{payload['id']}").json()
    assert [(x["asked"], x["level"], x["lat"], x["lon"]) for x in body["places"]] == [
        (x["asked"], x["level"], x["lat"], x["lon"]) for x in payload["places"]]
    assert {x["level"] for x in body["places"]} <= {"locatie", "plaats", "gebied"}
    assert [[x["lat"], x["lon"]] for x in body["places"]] == payload["geo"]


def test_unknown_id_is_404_json(client: TestClient) -> None:
    r = client.get("/api/offerings/0123456789abcdef")
    assert r.status_code == 404
    assert "0123456789abcdef" in r.json()["error"]


def test_overlong_id_is_422(client: TestClient) -> None:
    r = client.get("/api/offerings/" + "a" * 65)
    assert r.status_code == 422
    assert r.json()["error"]
