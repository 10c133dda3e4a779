"""The chat, orchestrated: state in → kind of turn → answer (LLM tools or built-in) → safety check → state out.

The request carries the conversation and, from the page, the previous answer's state (``filters`` plus the
cited ids); without it the state is rebuilt by replaying the user's messages. Injected instructions are
refused before any LLM sees them. With an LLM configured, it drives the turn through tool calls
(:mod:`api.chat.agent`); any LLM timeout, error, loop or invalid output falls back to the built-in answer
(logged as a warning with the reason). ``mode`` says which path answered (for logs and tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from api.chat.agent import Agent, AgentError
from api.chat.dialogue import GazetteerLike, Message
from api.chat.intent import classify
from api.chat.knowledge import Entry
from api.chat.llm import LlmClient
from api.chat.pasted import MatcherLike
from api.chat.responder import Builtin, Turnout
from api.chat.safety import UnsafeReply, check_reply
from api.chat.understanding import PERSONAS, Understanding
from api.chat.wording import MAX_REPLY_CHARS
from index.search import SearchEngine
from llo.settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Citation:
    id: str
    url: str
    title: str
    provider: str


@dataclass(frozen=True)
class SourceRef:
    title: str
    url: str
    checked: str  # ISO date the source was checked


@dataclass
class ChatAnswer:
    reply: str
    citations: list[Citation]
    filters: dict[str, Any]
    question: str | None = None
    mode: str = "builtin"  # "builtin" | "llm" | "builtin-fallback"
    notes: list[str] = field(default_factory=list)  # why a fallback happened, ids removed, ...
    kind: str = "search"
    sources: list[SourceRef] = field(default_factory=list)


def _sources(entries: Sequence[Entry]) -> list[SourceRef]:
    return [SourceRef(s.title, s.url, e.checked.isoformat()) for e in entries for s in e.sources]


class ChatService:
    """Stateless between requests; share one per process (it holds the LLM connection pool)."""

    def __init__(self, gazetteer: GazetteerLike | None, llm: LlmClient | None = None,
                 today: Callable[[], date] = date.today, qualifications: Mapping[str, Any] | None = None,
                 matcher: Callable[[], MatcherLike] | None = None) -> None:
        self.gazetteer = gazetteer
        self.llm = llm
        self.today = today
        self.builtin = Builtin(gazetteer, qualifications, matcher)

    @classmethod
    def from_settings(cls, settings: Settings, gazetteer: GazetteerLike | None,
                      qualifications: Mapping[str, Any] | None = None,
                      matcher: Callable[[], MatcherLike] | None = None) -> ChatService:
        """``matcher`` (built on first use) lets the chat read a pasted vacancy as the qualification it is about."""
        llm = None
        if settings.llm_base_url:
            llm = LlmClient(settings.llm_base_url, settings.llm_model, api_key=settings.llm_api_key,
                            timeout=settings.llm_timeout)
        return cls(gazetteer, llm, qualifications=qualifications, matcher=matcher)

    def prior_state(self, engine: SearchEngine, messages: Sequence[Message], state: Mapping[str, Any] | None,
                    persona: str | None) -> Understanding:
        """The state before the last message: the page's (validated), or replayed from the user's messages."""
        today = self.today()
        if state is not None:
            prior = Understanding.from_public(state, self.gazetteer, lambda i: engine.get(i) is not None)
        else:
            prior = Understanding()
            for msg in messages[:-1]:
                if msg.role == "user" and classify(msg.content, bool(prior.topic)).kind == "search":
                    prior = self.builtin.update(prior, msg.content, today)
        if persona in PERSONAS:
            prior = replace(prior, persona=persona)
        return prior

    def answer(self, engine: SearchEngine, messages: Sequence[Message], persona: str | None = None,
               state: Mapping[str, Any] | None = None, progress: Progress | None = None) -> ChatAnswer:
        """Answer the conversation's last user message. Raises InvalidQueryError only for bad input."""
        today = self.today()
        prior = self.prior_state(engine, messages, state, persona)
        text = messages[-1].content
        intent = classify(text, bool(prior.cited or prior.topic))
        notes: list[str] = []
        if self.llm is not None and intent.kind != "injection":
            if progress:
                progress("Even nadenken…")
            try:
                done = Agent(self.llm, engine, self.builtin, today, progress).run(messages, prior, persona)
                return self._finish(done, persona, "llm", notes)
            except (AgentError, UnsafeReply) as exc:
                notes.append(str(exc))
                log.warning("chat: LLM turn failed, using the built-in dialogue: %s", exc)
        if progress:
            progress("Even zoeken…" if intent.kind in ("search", "followup") else "Even kijken…")
        out = self.builtin.respond(engine, prior, text, intent, today)
        mode = "builtin-fallback" if self.llm is not None else "builtin"
        try:
            return self._finish(out, persona, mode, notes)
        except UnsafeReply as exc:  # crawled text quoted in a follow-up can still trip the last check
            log.warning("chat: built-in reply withheld: %s", exc)
            safe = Turnout(out.kind, "Daarover kan ik op dit moment geen betrouwbaar antwoord geven. "
                           "Open de opleiding voor alle details.", out.state, hits=out.hits)
            return self._finish(safe, persona, mode, [*notes, str(exc)])

    @staticmethod
    def _finish(out: Turnout, persona: str | None, mode: str, notes: list[str]) -> ChatAnswer:
        reply = out.reply if len(out.reply) <= MAX_REPLY_CHARS else out.reply[:MAX_REPLY_CHARS - 1] + "…"
        check_reply(reply, [h.offering for h in out.hits], [s.url for e in out.sources for s in e.sources])
        state = replace(out.state, persona=persona) if persona in PERSONAS else out.state
        citations = [Citation(id=h.id, url=str(h.offering.get("url") or ""), title=h.title, provider=h.provider)
                     for h in out.hits]
        return ChatAnswer(reply=reply, citations=citations, filters=state.public_filters(), question=out.question,
                          mode=mode, notes=notes, kind=out.kind, sources=_sources(out.sources))
