"""The LLM-assisted chat against a local OpenAI-compatible server, well-behaved and misbehaving."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest

from api.chat import ChatService, Message
from api.chat.grounding import DATA_END, DATA_START, TASK_ANSWER, TASK_UNDERSTAND
from api.chat.llm import LlmClient, LlmError
from api.state import AppState
from index.search import SearchEngine
from tests.api.conftest import TODAY, make_client
from tests.api.llm_server import FakeLlmServer

QUESTION = [Message("user", "Ik wil glaszetter worden in de buurt van Venlo")]


@pytest.fixture
def server() -> Iterator[FakeLlmServer]:
    with FakeLlmServer() as srv:
        yield srv


def service(state: AppState, srv: FakeLlmServer, timeout: float = 2.0) -> ChatService:
    llm = LlmClient(srv.base_url, "test-model", api_key="test-key", timeout=timeout)
    return ChatService(state.ref.gazetteer, llm, today=lambda: TODAY)


def builtin(state: AppState, engine: SearchEngine) -> str:
    return ChatService(state.ref.gazetteer, None, today=lambda: TODAY).answer(engine, QUESTION).reply


def test_good_llm_words_the_answer(state: AppState, engine: SearchEngine, server: FakeLlmServer) -> None:
    answer = service(state, server).answer(engine, QUESTION)
    assert answer.mode == "llm", answer.notes
    assert answer.reply.startswith("Goede opties zijn")
    assert 1 <= len(answer.citations) <= 2
    assert all(engine.get(c.id) is not None for c in answer.citations)
    understand_req, answer_req = server.requests
    for req in server.requests:
        assert req["path"] == "/v1/chat/completions"
        assert req["headers"]["Authorization"] == "Bearer test-key"
        assert req["body"]["model"] == "test-model" and req["body"]["temperature"] == 0
        assert req["body"]["response_format"] == {"type": "json_object"}
    assert TASK_UNDERSTAND in understand_req["body"]["messages"][0]["content"]
    system, user = answer_req["body"]["messages"]
    assert TASK_ANSWER in system["content"] and "onbetrouwbare DATA" in system["content"]
    assert user["content"].count(DATA_START) == 1 and user["content"].count(DATA_END) == 1
    assert answer.filters["place"] == "Venlo" and answer.filters["q"] == "glaszetter"


def test_invented_ids_are_removed(state: AppState, engine: SearchEngine, server: FakeLlmServer,
                                  caplog: pytest.LogCaptureFixture) -> None:
    server.mode = "invented_ids"
    with caplog.at_level(logging.WARNING, logger="api.chat.service"):
        answer = service(state, server).answer(engine, QUESTION)
    assert answer.mode == "llm"
    assert answer.citations and all(engine.get(c.id) is not None for c in answer.citations)
    assert "deadbeefdeadbeef" not in {c.id for c in answer.citations}
    assert "invented" in caplog.text


@pytest.mark.parametrize("mode", ["only_invented_ids", "echo_injection", "markup", "false_price", "broken_json",
                                  "http500", "not_completion"])
def test_misbehaving_llm_falls_back_to_builtin(state: AppState, engine: SearchEngine, server: FakeLlmServer,
                                               mode: str, caplog: pytest.LogCaptureFixture) -> None:
    server.mode = mode
    with caplog.at_level(logging.WARNING, logger="api.chat.service"):
        answer = service(state, server).answer(engine, QUESTION)
    assert answer.mode == "builtin-fallback", (mode, answer.notes)
    assert answer.reply == builtin(state, engine)
    assert "Negeer" not in answer.reply and "<script" not in answer.reply and "oplichter" not in answer.reply
    assert answer.citations and all(engine.get(c.id) is not None for c in answer.citations)
    assert "falling back" in caplog.text or "using the built-in" in caplog.text


def test_slow_llm_times_out_and_falls_back(state: AppState, engine: SearchEngine) -> None:
    with FakeLlmServer(mode="slow", slow_seconds=3.0) as srv:
        started = time.perf_counter()
        answer = service(state, srv, timeout=0.5).answer(engine, QUESTION)
        elapsed = time.perf_counter() - started
    assert answer.mode == "builtin-fallback" and "timed out" in answer.notes[0]
    assert answer.reply == builtin(state, engine)
    assert elapsed < 2.0  # one timeout, and the answer call is skipped after it
    assert len(srv.requests) == 1


def test_server_without_json_mode_is_retried_plainly(state: AppState, engine: SearchEngine,
                                                     server: FakeLlmServer) -> None:
    server.mode = "no_json_mode"
    svc = service(state, server)
    answer = svc.answer(engine, QUESTION)
    assert answer.mode == "llm"
    assert svc.llm is not None and svc.llm.json_mode is False
    assert "response_format" not in server.requests[-1]["body"]


def test_invalid_understanding_values_are_dropped(state: AppState, engine: SearchEngine,
                                                  server: FakeLlmServer) -> None:
    server.mode = "bad_understanding"
    answer = service(state, server).answer(engine, QUESTION)
    assert answer.filters["persona"] == "werkzoekende"
    assert answer.filters["place"] == "Venlo"  # from the built-in dialogue, not "Atlantis"
    assert "leerweg" not in answer.filters and "niveau" not in answer.filters and "max_price" not in answer.filters


def test_unreachable_llm_falls_back(state: AppState, engine: SearchEngine) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llm = LlmClient(f"http://127.0.0.1:{port}/v1", "m", timeout=1.0)
    with pytest.raises(LlmError):
        llm.complete([{"role": "user", "content": "hoi"}])
    answer = ChatService(state.ref.gazetteer, llm, today=lambda: TODAY).answer(engine, QUESTION)
    assert answer.mode == "builtin-fallback" and answer.reply == builtin(state, engine)


def test_vague_request_with_llm_still_asks_one_question(state: AppState, engine: SearchEngine,
                                                        server: FakeLlmServer) -> None:
    answer = service(state, server).answer(engine, [Message("user", "hallo")])
    assert answer.question and not answer.citations
    assert len(server.requests) == 1  # only the understanding call


def test_http_route_uses_the_configured_llm(state: AppState, server: FakeLlmServer) -> None:
    llm = LlmClient(server.base_url, "test-model", timeout=2.0)
    with make_client(state, llm) as c:
        r = c.post("/api/chat", json={"messages": [{"role": "user", "content": "glaszetter in Venlo"}]})
    assert r.status_code == 200
    body = r.json()
    assert body["reply"].startswith("Goede opties zijn") and body["citations"]
    assert {"id", "url", "title", "provider"} == set(body["citations"][0])


def test_settings_configure_the_llm(state: AppState, server: FakeLlmServer) -> None:
    from fastapi.testclient import TestClient

    from api.main import create_app

    settings = state.settings.model_copy(update={"llm_base_url": server.base_url, "llm_timeout": 2.0})
    configured = AppState(settings=settings, ref=state.ref, vocab=state.vocab, engine=state.engine,
                          by_crebo=state.by_crebo)
    with TestClient(create_app(settings, configured)) as c:
        r = c.post("/api/chat", json={"messages": [{"role": "user", "content": "glaszetter in Venlo"}]})
    assert r.status_code == 200 and r.json()["reply"].startswith("Goede opties zijn")
    assert server.requests and server.requests[0]["body"]["model"] == settings.llm_model
