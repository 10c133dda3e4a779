"""The dialogue state across turns: each turn updates it, carrying words never become the topic, the page can
send it back (with parts removed), and long conversations keep working (issue 11, F3/F4)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.chat.dialogue import apply, read_turn
from api.chat.understanding import Understanding
from api.chat.wording import MAX_REPLY_CHARS
from api.state import AppState
from tests.api.conftest import TODAY


@pytest.fixture(scope="module")
def gazetteer(state: AppState) -> Any:
    return state.ref.gazetteer


def replay(gazetteer: Any, *texts: str) -> Understanding:
    u = Understanding()
    for text in texts:
        u = apply(u, read_turn(text, gazetteer, TODAY))
    return u


def test_carrying_words_never_become_the_topic(gazetteer: Any) -> None:
    u = replay(gazetteer, "ik wil bejaarden helpen met douchen", "het liefst leren en werken tegelijk",
               "ok dan, rond Rotterdam")
    assert (u.topic, u.leerwegen, u.place) == ("bejaarden douchen", ["BBL"], "Rotterdam")
    for text in ["tegelijk", "liever", "daarvoor", "ok dan", "prima, doe maar"]:
        assert replay(gazetteer, "metselen", text).topic == "metselen", text


def test_bare_place_and_replacing_it(gazetteer: Any) -> None:
    u = replay(gazetteer, "fietsen repareren", "Groningen")
    assert (u.topic, u.place) == ("fietsen repareren", "Groningen")
    u = apply(u, read_turn("nee, toch liever Assen", gazetteer, TODAY))
    assert (u.topic, u.place) == ("fietsen repareren", "Assen")
    assert replay(gazetteer, "stukadoor Den Bosch").place == "'s-Hertogenbosch"
    # a lowercase word that is also a village is a topic when nothing was asked yet
    assert replay(gazetteer, "hout").topic == "hout" and replay(gazetteer, "hout").place is None


def test_radius_levels_and_clearing(gazetteer: Any) -> None:
    u = replay(gazetteer, "dakdekker in Zwolle", "mag ook verder weg, 50 km")
    assert (u.place, u.radius_km) == ("Zwolle", 50.0)
    assert replay(gazetteer, "dakdekker in Zwolle", "het mag verder weg").radius_km == 50.0
    u = replay(gazetteer, "dakdekker in Zwolle, niveau 2", "en niveau 3?")
    assert u.niveaus == [2, 3]
    assert replay(gazetteer, "dakdekker niveau 2", "toch liever niveau 3").niveaus == [3]
    u = replay(gazetteer, "dakdekker in Zwolle, bbl, niveau 2", "maakt niet uit waar", "niveau maakt niet uit")
    assert (u.place, u.radius_km, u.niveaus, u.leerwegen) == (None, None, [], ["BBL"])


def test_state_from_the_page_is_validated(gazetteer: Any) -> None:
    u = Understanding.from_public(
        {"persona": "hacker", "q": "<b>lassen</b>", "place": "Atlantis", "radius_km": 9999, "leerweg": ["BBL", "X"],
         "niveau": [2, 9, True], "type": ["mbo-certificaat", "?"], "max_price": -1, "start_from": "morgen",
         "cited": ["nope", "also-not"]}, gazetteer, lambda i: i == "also-not")
    assert u.persona == "werkzoekende" and "<" not in u.topic and u.place is None and u.radius_km is None
    assert (u.leerwegen, u.niveaus, u.offering_types) == (["BBL"], [2], ["mbo-certificaat"])
    assert u.max_price is None and u.start_from is None and u.cited == ["also-not"]


def post(client: TestClient, messages: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    r = client.post("/api/chat", json={"messages": messages, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def test_page_state_carries_the_conversation_and_parts_can_be_removed(client: TestClient) -> None:
    first = post(client, [{"role": "user", "content": "glaszetter in Venlo, bbl"}])
    assert first["filters"]["leerweg"] == ["BBL"] and first["citations"]
    state = {**first["filters"], "cited": [c["id"] for c in first["citations"]]}
    # the page removed the leerweg chip; the next turn only sends the last message
    state.pop("leerweg")
    nxt = post(client, [{"role": "user", "content": "mag ook verder weg"}], state=state)
    assert nxt["filters"]["q"] == "glaszetter" and nxt["filters"]["place"] == "Venlo"
    assert "leerweg" not in nxt["filters"] and nxt["filters"]["radius_km"] == 50.0


def test_long_conversations_are_accepted(client: TestClient) -> None:
    """F3: the page's 11th turn used to fail; F4: a reply the server accepted must be accepted back."""
    long_reply = ("Ik vond opleidingen. " * 60)[:1137]
    messages: list[dict[str, str]] = []
    for n in range(14):
        messages += [{"role": "user", "content": f"glaszetter vraag {n}"}, {"role": "assistant", "content": long_reply}]
    messages.append({"role": "user", "content": "glaszetter in Venlo"})
    body = post(client, messages)
    assert body["citations"]
    too_long = [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y" * (MAX_REPLY_CHARS + 1)},
                {"role": "user", "content": "glaszetter"}]
    assert client.post("/api/chat", json={"messages": too_long}).status_code == 422


def test_every_reply_fits_what_the_server_accepts_back(client: TestClient) -> None:
    for text in ["glaszetter", "wat is het verschil tussen een mbo-certificaat en een praktijkverklaring?",
                 "hoe zit het met subsidie voor werkgevers?", "medewerker in de buurt van Venlo"]:
        assert len(post(client, [{"role": "user", "content": text}])["reply"]) <= MAX_REPLY_CHARS


def test_replayed_history_skips_questions_and_off_topic(client: TestClient) -> None:
    """Without a page state the server replays the user's messages; questions never change the state."""
    msgs = ["glaszetter", "wat is de derde leerweg?", "wat voor weer wordt het?", "in Venlo"]
    messages: list[dict[str, str]] = []
    for text in msgs[:-1]:
        messages += [{"role": "user", "content": text}, {"role": "assistant", "content": "…"}]
    body = post(client, [*messages, {"role": "user", "content": msgs[-1]}])
    assert (body["filters"]["q"], body["filters"]["place"]) == ("glaszetter", "Venlo")


def test_fourteen_turns_sent_the_way_the_page_sends_them(client: TestClient) -> None:
    """F3/F4 through the API as frontend/static/chat.js talks to it: the last 10 messages (starting at a
    user message) plus the previous answer's state. Every turn past the 10th is answered, and the server's
    own replies, one of them as long as a reply can be (MAX_REPLY_CHARS), are accepted back."""
    history = 10  # HISTORY in frontend/static/chat.js
    log: list[dict[str, str]] = []
    state: dict[str, Any] | None = None
    turns = ["glaszetter", "in Venlo", "wat is het verschil tussen bol en bbl?", *(
        "en niveau 2?" if n % 2 else "glaszetter" for n in range(4, 15))]
    longest = 0
    for n, text in enumerate(turns, start=1):
        log.append({"role": "user", "content": text})
        messages = log[-history:]
        while messages[0]["role"] != "user":
            messages = messages[1:]
        body = post(client, messages, **({"state": state} if state else {}))
        reply = body["reply"]
        if n == 7:  # a reply of the longest length the server gives stands in for this one
            reply = (reply + " " + "Meer uitleg over deze opleidingen. " * 40)[:MAX_REPLY_CHARS]
        longest = max(longest, len(reply))
        log.append({"role": "assistant", "content": reply})
        state = {**body["filters"], "cited": [c["id"] for c in body["citations"]]}
    assert len(turns) == 14 and longest == MAX_REPLY_CHARS
    assert state is not None and state["q"] == "glaszetter"
