"""Health, coverage, suggestions, request limits, error bodies and the no-index (503) state."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from api.guards import MAX_BODY_BYTES
from api.main import create_app
from api.state import AppState
from index.search import SearchEngine
from tests.api.conftest import Built


def test_health_reports_the_index(client: TestClient, engine: SearchEngine) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["index"]["counts"]["offerings"] == len(engine.payloads) > 0
    assert body["qualifications"] > 100 and body["version"]


def test_coverage_counts_findable_qualifications(client: TestClient, engine: SearchEngine) -> None:
    r = client.get("/api/coverage")
    assert r.status_code == 200, r.text
    body = r.json()
    mapped = {(p.get("qualification") or {}).get("crebo") for p in engine.payloads} - {None}
    summary = body["summary"]
    assert summary["qualifications_with_offering"] == len(mapped)
    assert summary["qualifications"] >= len(mapped)
    assert sum(d["with_offering"] for d in body["opleidingsdomeinen"]) == len(mapped)
    row = next(q for q in body["qualifications"] if q["crebo"] in mapped)
    assert row["offerings"] >= 1 and row["providers"] >= 1


def test_coverage_per_institution_and_arbeidsmarktregio(client: TestClient, engine: SearchEngine) -> None:
    body = client.get("/api/coverage").json()
    registry = [r for r in body["institutions"] if r["in_registry"]]
    assert len(registry) >= 190 and sum(r["in_crawl_frontier"] for r in registry) >= 90
    found = sum(r["offerings"] for r in body["institutions"])
    assert found == len(engine.payloads) == body["summary"]["offerings"]
    assert any(r["offerings"] and r["in_registry"] and r["arbeidsmarktregios"] for r in registry)
    regions = body["arbeidsmarktregios"]
    assert len(regions) == 35 and sum(r["institutions_with_location"] > 0 for r in regions) >= 30
    placed = sum(1 for p in engine.payloads if any(x.get("arbeidsmarktregio") for x in p.get("places") or []))
    assert body["summary"]["offerings_without_region"] == len(engine.payloads) - placed
    assert max(r["offerings"] for r in regions) >= 1
    assert "niet de officiële lijst" in body["certificate_summary"]["denominator"]


def test_certificates_catalogue_with_coverage(client: TestClient) -> None:
    body = client.get("/api/certificates").json()
    summary = body["summary"]
    assert summary["certificates_seen"] >= 30 and summary["statement"].startswith(f"{summary['certificates_seen']} ")
    basis = next(r for r in body["certificates"] if r["code"] == "C0054")
    assert basis["name"] == "Basis voor deskundige zorg" and basis["parents"][0]["crebo"] == "25491"
    assert basis["sources"] and "schooldocumenten" in basis["origins"]


def test_suggest_is_typo_tolerant(client: TestClient) -> None:
    prefix = client.get("/api/skills/suggest", params={"q": "glasz"}).json()["suggestions"]
    assert any(s.startswith("glasz") for s in prefix)
    typo = client.get("/api/skills/suggest", params={"q": "glazetter"}).json()["suggestions"]
    assert any("glaszetter" in s for s in typo)
    assert client.get("/api/skills/suggest", params={"q": ""}).status_code == 422
    assert client.get("/api/skills/suggest", params={"q": "x" * 81}).status_code == 422


def test_oversized_body_is_413(client: TestClient) -> None:
    big = json.dumps({"messages": [{"role": "user", "content": "a" * (MAX_BODY_BYTES + 10)}]})
    r = client.post("/api/chat", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "te groot" in r.json()["error"]


def test_overlong_url_is_414(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "a", "provider": ["x" * 100] * 50})
    assert r.status_code == 414


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404
    assert "error" in r.json()


def test_security_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_without_index_search_is_503_and_health_degraded(built: Built, state: AppState) -> None:
    empty = AppState(settings=state.settings, ref=state.ref, vocab=state.vocab, engine=None,
                     index_error="no index loaded; run `llo index build`")
    with TestClient(create_app(empty.settings, empty)) as c:
        health = c.get("/api/health").json()
        assert health["status"] == "degraded" and "llo index build" in health["index_error"]
        r = c.get("/api/search", params={"q": "lassen"})
        assert r.status_code == 503 and "llo index build" in r.json()["error"]
        r = c.post("/api/chat", json={"messages": [{"role": "user", "content": "lassen"}]})
        assert r.status_code == 503
