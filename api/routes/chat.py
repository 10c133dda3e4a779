"""POST /api/chat: a grounded Dutch answer with cited offerings, or one clarifying question."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request

from api.chat import ChatService, Message
from api.deps import EngineDep, StateDep
from api.schemas import ChatRequest, ChatResponse, CitationPublic
from api.state import AppState
from skills.errors import InvalidQueryError

router = APIRouter(prefix="/api", tags=["chat"])

MAX_MESSAGES = 20
MAX_MESSAGE_CHARS = 1000
_lock = threading.Lock()


def chat_service(request: Request, state: AppState) -> ChatService:
    """The app's one ChatService (created on first use: it holds the LLM connection pool)."""
    service: ChatService | None = getattr(request.app.state, "llo_chat", None)
    if service is None:
        with _lock:
            service = getattr(request.app.state, "llo_chat", None)
            if service is None:
                service = ChatService.from_settings(state.settings, state.ref.gazetteer)
                request.app.state.llo_chat = service
    return service


def _check(body: ChatRequest) -> list[Message]:
    if not body.messages:
        raise InvalidQueryError("Stuur minstens één bericht in 'messages'.")
    if len(body.messages) > MAX_MESSAGES:
        raise InvalidQueryError(f"Te veel berichten: maximaal {MAX_MESSAGES} per gesprek.")
    for n, m in enumerate(body.messages, start=1):
        if len(m.content) > MAX_MESSAGE_CHARS:
            raise InvalidQueryError(f"Bericht {n} is te lang: maximaal {MAX_MESSAGE_CHARS} tekens.")
    if body.messages[-1].role != "user" or not body.messages[-1].content.strip():
        raise InvalidQueryError("Het laatste bericht moet een (niet-lege) vraag van de gebruiker zijn.")
    return [Message(role=m.role, content=m.content) for m in body.messages]


@router.post("/chat", response_model=ChatResponse, summary="Stel je vraag in gewone taal")
def chat(body: ChatRequest, request: Request, state: StateDep, engine: EngineDep) -> ChatResponse:
    messages = _check(body)
    answer = chat_service(request, state).answer(engine, messages, body.persona)
    return ChatResponse(
        reply=answer.reply,
        citations=[CitationPublic(id=c.id, url=c.url, title=c.title, provider=c.provider) for c in answer.citations],
        filters=answer.filters, question=answer.question,
    )
