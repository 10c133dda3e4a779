"""The built-in dialogue (no LLM): understanding Dutch requests, one clarifying question, grounded answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.chat.dialogue import Message, clarifying_question, understand, understand_message
from api.state import AppState
from index.search import SearchEngine
from tests.api.conftest import TODAY


@pytest.fixture(scope="module")
def gazetteer(state: AppState) -> Any:
    return state.ref.gazetteer


def chat(client: TestClient, *texts: str, persona: str | None = None) -> dict[str, Any]:
    messages = []
    for i, text in enumerate(texts):
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    body: dict[str, Any] = {"messages": messages}
    if persona:
        body["persona"] = persona
    r = client.post("/api/chat", json=body)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize(("text", "persona"), [
    ("Ik zoek iets voor mezelf, ik ben werkloos", "werkzoekende"),
    ("Mijn cliënt wil graag lassen leren", "adviseur"),
    ("Welke opleiding past bij deze kandidaat? Hij wil koken", "adviseur"),
    ("Ik zoek een training voor mijn medewerkers in de logistiek", "werkgever"),
    ("Ons personeel moet leren heftruck rijden", "werkgever"),
    ("Een collega wil verder in de zorg", "werkgever"),
])
def test_who_is_asking(gazetteer: Any, text: str, persona: str) -> None:
    assert understand_message(text, gazetteer, TODAY).persona == persona


def test_place_radius_leerweg_niveau(gazetteer: Any) -> None:
    u = understand_message("Ik wil lassen leren in de buurt van Zwolle, bbl, niveau 2", gazetteer, TODAY)
    assert (u.topic, u.place, u.leerwegen, u.niveaus) == ("lassen", "Zwolle", ["BBL"], [2])
    u = understand_message("administratie binnen 20 km van 3511, werken en leren, mbo 3 of 4", gazetteer, TODAY)
    assert (u.topic, u.place, u.radius_km, u.leerwegen, u.niveaus) == ("administratie", "3511", 20.0, ["BBL"], [3, 4])
    u = understand_message("entree opleiding detailhandel in Capelle aan den IJssel, 's avonds", gazetteer, TODAY)
    assert (u.niveaus, u.place, u.leerwegen) == ([1], "Capelle aan den IJssel", ["DEELTIJD"])
    assert understand_message("schilderen, voltijd", gazetteer, TODAY).leerwegen == ["BOL"]


def test_words_that_look_like_places_are_not(gazetteer: Any) -> None:
    u = understand_message("Ik wil werken in de zorg of in de bouw", gazetteer, TODAY)
    assert u.place is None and u.topic == "zorg bouw"


def test_budget_and_type(gazetteer: Any) -> None:
    u = understand_message("een mbo-certificaat boekhouden voor max 1.500 euro", gazetteer, TODAY)
    assert (u.topic, u.max_price, u.offering_types) == ("boekhouden", 1500.0, ["mbo-certificaat"])
    assert understand_message("gratis cursus EHBO", gazetteer, TODAY).max_price == 0.0
    assert understand_message("kapper, budget €750,50", gazetteer, TODAY).max_price == 750.5
    u = understand_message("een heel diploma verzorgende", gazetteer, TODAY)
    assert u.offering_types == ["mbo-diploma"]


@pytest.mark.parametrize(("text", "start_from", "start_to"), [
    ("start na de zomer", date(2027, 8, 15), date(2027, 12, 31)),
    ("in januari", date(2027, 1, 1), date(2027, 1, 31)),
    ("vanaf maart 2027", date(2027, 3, 1), None),
    ("zo snel mogelijk", TODAY, date(2027, 3, 23)),
    ("volgend jaar", date(2027, 1, 1), date(2027, 12, 31)),
    ("in december", date(2026, 12, 1), date(2026, 12, 31)),
    ("in november", TODAY, date(2026, 11, 30)),
])
def test_timing(gazetteer: Any, text: str, start_from: date, start_to: date | None) -> None:
    u = understand_message(f"bakken {text}", gazetteer, TODAY)
    assert (u.start_from, u.start_to, u.topic) == (start_from, start_to, "bakken")


def test_vague_requests_get_one_question(gazetteer: Any) -> None:
    for text in ["hoi", "Ik zoek een opleiding", "Hallo, kun je me helpen?", "iets in Zwolle, bbl"]:
        u = understand([Message("user", text)], gazetteer, TODAY)
        assert clarifying_question(u), text
    u = understand([Message("user", "ik zoek een opleiding voor mijn medewerkers")], gazetteer, TODAY)
    assert "medewerkers" in (clarifying_question(u) or "")


def test_conversation_carries_earlier_wishes(gazetteer: Any) -> None:
    msgs = [Message("user", "Ik zoek een bbl-opleiding in Venlo"), Message("assistant", "Wat wil je leren?"),
            Message("user", "glaszetter")]
    u = understand(msgs, gazetteer, TODAY)
    assert (u.topic, u.place, u.leerwegen) == ("glaszetter", "Venlo", ["BBL"])


def test_chat_asks_when_vague(client: TestClient) -> None:
    body = chat(client, "hoi")
    assert body["question"] and body["reply"] == body["question"] and body["citations"] == []


def test_chat_answer_is_grounded_in_cited_offerings(client: TestClient, engine: SearchEngine) -> None:
    body = chat(client, "Ik wil glaszetter worden in de buurt van Venlo")
    assert body["question"] is None
    assert body["filters"] == {"persona": "werkzoekende", "q": "glaszetter", "place": "Venlo", "radius_km": 25.0}
    assert 1 <= len(body["citations"]) <= 3
    for n, cite in enumerate(body["citations"], start=1):
        payload = engine.get(cite["id"])
        assert payload is not None and cite["url"] == payload["url"]
        assert cite["title"] == payload["title"] and cite["provider"] == payload["provider"]
        assert f"[{n}] {payload['title']} bij {payload['provider']}" in body["reply"]
        if payload.get("price_eur"):
            assert "€" in body["reply"]
    assert "glaszetter" in body["citations"][0]["title"].lower()


def test_chat_follow_up_after_question(client: TestClient) -> None:
    first = chat(client, "Ik zoek een opleiding in Venlo")
    assert first["question"]
    body = chat(client, "Ik zoek een opleiding in Venlo", first["question"], "glaszetter")
    assert body["question"] is None and body["filters"]["place"] == "Venlo" and body["citations"]


def test_chat_persona_field_wins_and_shapes_the_reply(client: TestClient) -> None:
    body = chat(client, "glaszetter", persona="werkgever")
    assert body["filters"]["persona"] == "werkgever"
    assert "medewerkers" in body["reply"]


def test_chat_relaxes_wishes_when_nothing_matches(client: TestClient) -> None:
    body = chat(client, "glaszetter in Venlo, gratis")
    assert "zonder de prijsgrens" in body["reply"]
    # the state keeps the wish as said; the reply names the wish it had to drop
    assert body["filters"]["max_price"] == 0.0 and body["citations"]


def test_chat_filters_match_search(client: TestClient) -> None:
    body = chat(client, "medewerker, bbl, niveau 2")
    params = {k: v for k, v in body["filters"].items() if k != "persona"}
    search = client.get("/api/search", params=params).json()
    cited = [c["id"] for c in body["citations"]]
    # The chat cites the search's best results in the search's order; it may cite fewer than three, since it
    # also leaves out results whose own title and qualification do not carry the topic (issue 14).
    assert cited and cited == [r["id"] for r in search["results"][:len(cited)]]


def test_chat_is_deterministic(client: TestClient) -> None:
    assert chat(client, "medewerker in Zwolle") == chat(client, "medewerker in Zwolle")


@pytest.mark.parametrize(("body", "needle"), [
    ({"messages": []}, "minstens"),
    ({"messages": [{"role": "user", "content": "x"}] * 41}, "Te veel"),
    ({"messages": [{"role": "user", "content": "x" * 1001}]}, "te lang"),
    ({"messages": [{"role": "user", "content": "lassen"}, {"role": "assistant", "content": "ok"}]}, "laatste"),
    ({"messages": [{"role": "user", "content": "   "}]}, "laatste"),
])
def test_chat_limits_are_422_with_message(client: TestClient, body: dict[str, Any], needle: str) -> None:
    r = client.post("/api/chat", json=body)
    assert r.status_code == 422
    assert needle in r.json()["error"]


def test_chat_bad_role_or_persona_is_422(client: TestClient) -> None:
    assert client.post("/api/chat", json={"messages": [{"role": "system", "content": "x"}]}).status_code == 422
    r = client.post("/api/chat", json={"messages": [{"role": "user", "content": "x"}], "persona": "hacker"})
    assert r.status_code == 422


def test_framing_words_are_not_the_topic(gazetteer: Any) -> None:
    u = understand_message("kok worden via bbl in Rotterdam", gazetteer, TODAY)
    assert (u.topic, u.leerwegen, u.place) == ("kok", ["BBL"], "Rotterdam")


def test_employer_speaking_for_staff_keeps_the_occupation(gazetteer: Any) -> None:
    u = understand_message("wij zoeken een bbl traject voor onze monteurs in Eindhoven", gazetteer, TODAY)
    assert u.persona == "werkgever"
    assert u.topic == "monteurs"


def test_nothing_near_names_the_nearest_outside_the_wishes(client: TestClient) -> None:
    """Issue 12's honest answer in the chat: no glaszetter near Den Helder, so the nearest ones are cited,
    marked as outside the wishes, in the search page's order."""
    search = client.get("/api/search", params={"q": "glaszetter", "place": "Den Helder", "radius_km": 25}).json()
    assert search["total"] == 0 and search["nearest"], "precondition: nothing near Den Helder, something further"
    body = chat(client, "glaszetter in Den Helder")
    assert "buiten je wensen" in body["reply"] and body["filters"]["place"] == "Den Helder"
    assert [c["id"] for c in body["citations"]] == [r["id"] for r in search["nearest"]][:len(body["citations"])]
