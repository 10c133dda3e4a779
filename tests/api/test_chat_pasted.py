"""A vacancy pasted into the chat is read as the qualification it is about (api/chat/pasted.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.chat.pasted import intro, looks_pasted
from skills.matching import QualificationMatch

VACANCY = ("Voor onze kinderopvang in Utrecht zoeken wij een enthousiaste collega. Je begeleidt een groep peuters "
           "bij spel en ontwikkeling, je observeert de kinderen en bespreekt hun ontwikkeling met ouders. Je werkt "
           "volgens het pedagogisch beleidsplan en met collega's in een team. Een diploma op niveau 3 is gewenst, "
           "maar leren in de bbl kan ook.")


def test_a_pasted_text_is_told_from_a_wish() -> None:
    assert looks_pasted(VACANCY)
    assert not looks_pasted("ik wil graag met kinderen werken in de buurt van Utrecht, liefst in de bbl")
    assert not looks_pasted(" ".join(["woord"] * 60))  # one endless sentence is not a pasted document


def test_intro_names_the_qualification_and_the_runner_up() -> None:
    best = QualificationMatch("25486", "25696", "Pedagogisch medewerker kinderopvang", ("25696", "25486"), 3, 1.2)
    other = QualificationMatch("25487", "25697", "Gespecialiseerd pedagogisch medewerker", ("25697",), 4, 0.8)
    text = intro([best, other])
    assert text.startswith("Je tekst gaat over het werk van Pedagogisch medewerker kinderopvang (mbo-kwalificatie, "
                           "crebo 25696, niveau 3).")
    assert "Gespecialiseerd pedagogisch medewerker" in text


def test_chat_reads_a_pasted_vacancy_as_its_qualification(client: TestClient) -> None:
    r = client.post("/api/chat", json={"messages": [{"role": "user", "content": VACANCY}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["kind"] == "search"
    assert body["reply"].startswith("Je tekst gaat over het werk van Pedagogisch medewerker kinderopvang")
    # The topic is the qualification, the place is the vacancy's; its requirements are not the searcher's filters.
    assert body["filters"]["q"] == "Pedagogisch medewerker kinderopvang"
    assert body["filters"]["place"] == "Utrecht"
    assert not body["filters"].get("leerweg") and not body["filters"].get("niveau") and not body["filters"].get("type")
    follow = client.post("/api/chat", json={
        "messages": [{"role": "user", "content": VACANCY}, {"role": "assistant", "content": body["reply"]},
                     {"role": "user", "content": "en in Amersfoort?"}],
        "state": {**body["filters"], "cited": [c["id"] for c in body["citations"]]}}).json()
    assert follow["filters"]["q"] == body["filters"]["q"] and follow["filters"]["place"] == "Amersfoort"


def test_a_vacancy_too_long_for_the_chat_is_sent_to_the_match_panel(client: TestClient) -> None:
    r = client.post("/api/chat", json={"messages": [{"role": "user", "content": VACANCY * 4}]})
    assert r.status_code == 422
    assert "te lang" in r.json()["error"] and "Plak een vacature" in r.json()["error"]
