"""POST /api/chat: a grounded Dutch answer with cited offerings or sources, or one clarifying question.
POST /api/chat/stream: the same answer as server-sent events (status lines while tools run, then the reply).

Limits: at most MAX_MESSAGES messages; a user message up to MAX_MESSAGE_CHARS, an assistant message up to
the longest reply the server itself produces (MAX_REPLY_CHARS), so a conversation the server wrote is
always accepted back. The page sends only the last few messages plus the state, so long chats keep working.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from api.chat import ChatAnswer, ChatService, Message
from api.chat.service import Progress
from api.chat.wording import MAX_REPLY_CHARS
from api.chat_schemas import ChatRequest, ChatResponse, CitationPublic, SourcePublic
from api.deps import EngineDep, StateDep
from api.state import AppState
from index.search import SearchEngine
from skills.errors import InvalidQueryError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["chat"])

MAX_MESSAGES = 40
MAX_MESSAGE_CHARS = 1000
STREAM_CHUNK_CHARS = 24
_lock = threading.Lock()


def chat_service(request: Request, state: AppState) -> ChatService:
    """The app's one ChatService (created on first use: it holds the LLM connection pool)."""
    service: ChatService | None = getattr(request.app.state, "llo_chat", None)
    if service is None:
        with _lock:
            service = getattr(request.app.state, "llo_chat", None)
            if service is None:
                service = ChatService.from_settings(state.settings, state.ref.gazetteer, state.ref.qualifications,
                                                      matcher=state.matcher)
                request.app.state.llo_chat = service
    return service


def _check(body: ChatRequest) -> list[Message]:
    if not body.messages:
        raise InvalidQueryError("Stuur minstens één bericht in 'messages'.")
    if len(body.messages) > MAX_MESSAGES:
        raise InvalidQueryError(f"Te veel berichten: maximaal {MAX_MESSAGES} per verzoek.")
    for n, m in enumerate(body.messages, start=1):
        limit = MAX_MESSAGE_CHARS if m.role == "user" else MAX_REPLY_CHARS
        if len(m.content) > limit:
            hint = (" Een vacature of functieomschrijving kun je plakken bij 'Plak een vacature' op de zoekpagina."
                    if m.role == "user" else "")
            raise InvalidQueryError(f"Bericht {n} is te lang: maximaal {limit} tekens.{hint}")
    if body.messages[-1].role != "user" or not body.messages[-1].content.strip():
        raise InvalidQueryError("Het laatste bericht moet een (niet-lege) vraag van de gebruiker zijn.")
    return [Message(role=m.role, content=m.content) for m in body.messages]


def _public(answer: ChatAnswer) -> ChatResponse:
    return ChatResponse(
        reply=answer.reply,
        citations=[CitationPublic(id=c.id, url=c.url, title=c.title, provider=c.provider) for c in answer.citations],
        filters=answer.filters, question=answer.question, kind=answer.kind,  # type: ignore[arg-type]
        sources=[SourcePublic(title=s.title, url=s.url, checked=s.checked) for s in answer.sources],
    )


def _answer(service: ChatService, engine: SearchEngine, body: ChatRequest, messages: list[Message],
            progress: Progress | None = None) -> ChatAnswer:
    state = body.state.model_dump(exclude_none=True) if body.state is not None else None
    return service.answer(engine, messages, body.persona, state, progress)


@router.post("/chat", response_model=ChatResponse, summary="Stel je vraag in gewone taal")
def chat(body: ChatRequest, request: Request, state: StateDep, engine: EngineDep) -> ChatResponse:
    messages = _check(body)
    return _public(_answer(chat_service(request, state), engine, body, messages))


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post("/chat/stream", summary="Stel je vraag in gewone taal (server-sent events)",
             response_class=StreamingResponse,
             responses={200: {"content": {"text/event-stream": {}},
                              "description": "events `status` {text}, `delta` {text}, `done` (ChatResponse), "
                                             "`error` {error}"}})
def chat_stream(body: ChatRequest, request: Request, state: StateDep, engine: EngineDep) -> StreamingResponse:
    messages = _check(body)
    service = chat_service(request, state)
    events: queue.Queue[str | None] = queue.Queue()

    def work() -> None:
        try:
            answer = _public(_answer(service, engine, body, messages,
                                     lambda text: events.put(_event("status", {"text": text}))))
            for i in range(0, len(answer.reply), STREAM_CHUNK_CHARS):
                events.put(_event("delta", {"text": answer.reply[i:i + STREAM_CHUNK_CHARS]}))
            events.put(_event("done", answer.model_dump()))
        except Exception:  # the status is already 200: report to the page as an event, log the cause
            log.exception("chat stream failed")
            events.put(_event("error", {"error": "Er ging iets mis bij het beantwoorden. Probeer het opnieuw."}))
        finally:
            events.put(None)

    def stream() -> Iterator[str]:
        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        while (item := events.get()) is not None:
            yield item

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
