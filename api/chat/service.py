"""The chat, orchestrated: understand → (ask one question | retrieve → answer) → validate.

Understanding and wording are LLM-assisted when an LLM client is configured and built-in otherwise.
Any LLM timeout, error or invalid output falls back to the built-in path (logged as a warning with the
reason); the answer says which path produced it in ``mode`` (for logs and tests, not shown to users).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from api.chat import grounding, wording
from api.chat.dialogue import GazetteerLike, Message, clarifying_question, understand
from api.chat.grounding import GroundingError
from api.chat.llm import LlmClient, LlmError
from api.chat.understanding import Understanding
from index.search import SearchEngine
from llo.settings import Settings
from skills.errors import InvalidQueryError

log = logging.getLogger(__name__)

RETRIEVE = 5  # offerings retrieved per search (relaxation and totals); answers use the top MAX_SHOWN
MAX_QUERY_CHARS = 300


@dataclass(frozen=True)
class Citation:
    id: str
    url: str
    title: str
    provider: str


@dataclass
class ChatAnswer:
    reply: str
    citations: list[Citation]
    filters: dict[str, Any]
    question: str | None = None
    mode: str = "builtin"  # "builtin" | "llm" | "builtin-fallback"
    notes: list[str] = field(default_factory=list)  # why a fallback happened, ids removed, ...


def _applicable(u: Understanding, engine: SearchEngine) -> Understanding:
    """Drop filter values the index does not know (the chat should never fail on "no certificates yet")."""
    known = engine.facet_values
    leerwegen = {v.casefold() for v in known.get("leerweg", [])}
    types = {v.casefold() for v in known.get("offering_type", [])}
    return replace(u, leerwegen=[v for v in u.leerwegen if v.casefold() in leerwegen],
                   offering_types=[v for v in u.offering_types if v.casefold() in types],
                   topic=u.topic[:MAX_QUERY_CHARS])


# Wishes dropped one at a time, least essential first, when nothing matches all of them.
_RELAX: list[tuple[str, Callable[[Understanding], Understanding], Callable[[Understanding], bool]]] = [
    ("de startdatum", lambda u: replace(u, start_from=None, start_to=None), lambda u: bool(u.start_from or u.start_to)),
    ("de prijsgrens", lambda u: replace(u, max_price=None), lambda u: u.max_price is not None),
    ("het soort aanbod", lambda u: replace(u, offering_types=[]), lambda u: bool(u.offering_types)),
    ("het niveau", lambda u: replace(u, niveaus=[]), lambda u: bool(u.niveaus)),
    ("de leerweg", lambda u: replace(u, leerwegen=[]), lambda u: bool(u.leerwegen)),
    ("de afstandsgrens", lambda u: replace(u, radius_km=max(u.radius_km or 25.0, 25.0) * 3),
     lambda u: u.place is not None),
]


class ChatService:
    """Stateless between requests; share one per process (it holds the LLM connection pool)."""

    def __init__(self, gazetteer: GazetteerLike | None, llm: LlmClient | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self.gazetteer = gazetteer
        self.llm = llm
        self.today = today

    @classmethod
    def from_settings(cls, settings: Settings, gazetteer: GazetteerLike | None) -> ChatService:
        llm = None
        if settings.llm_base_url:
            llm = LlmClient(settings.llm_base_url, settings.llm_model, api_key=settings.llm_api_key,
                            timeout=settings.llm_timeout)
        return cls(gazetteer, llm)

    def answer(self, engine: SearchEngine, messages: Sequence[Message], persona: str | None = None) -> ChatAnswer:
        """Answer the conversation's last user message. Raises InvalidQueryError only for bad input."""
        today = self.today()
        notes: list[str] = []
        u = understand(messages, self.gazetteer, today, persona)
        llm_ok = self.llm is not None
        if self.llm is not None:
            try:
                content = self.llm.complete(grounding.understanding_messages(messages, today))
                u = self._merge(u, grounding.parse_understanding(content, self.gazetteer), persona)
            except (LlmError, GroundingError) as exc:
                llm_ok = False
                notes.append(f"understanding: {exc}")
                log.warning("chat: LLM understanding failed, using the built-in dialogue: %s", exc)
        question = clarifying_question(u)
        if question:
            mode = "llm" if llm_ok else ("builtin-fallback" if self.llm else "builtin")
            return ChatAnswer(reply=question, citations=[], filters=u.public_filters(), question=question,
                              mode=mode, notes=notes)

        u = _applicable(u, engine)
        applied, results, dropped = self._retrieve(engine, u)
        hits = results.hits if results is not None else []
        total = results.total if results is not None else 0
        reply = wording.compose_reply(applied, hits, total, today, dropped)
        shown = hits[:wording.MAX_SHOWN]
        mode = "builtin"
        if self.llm is not None:
            mode = "builtin-fallback"
            if llm_ok and hits:
                try:
                    last = next((m.content for m in reversed(messages) if m.role == "user"), "")
                    content = self.llm.complete(grounding.answer_messages(last, applied, shown, today))
                    checked = grounding.validate_answer(content, {h.id: h.offering for h in shown},
                                                        lambda i: engine.get(i) is not None)
                    if checked.removed_ids:
                        notes.append(f"removed unknown ids: {checked.removed_ids}")
                        log.warning("chat: removed ids the LLM invented: %s", checked.removed_ids)
                    by_id = {h.id: h for h in shown}
                    reply, shown, mode = checked.reply, [by_id[i] for i in checked.cited_ids], "llm"
                    if dropped:
                        reply = f"Met al je wensen vond ik niets; zonder {' en '.join(dropped)} wel iets.\n{reply}"
                except (LlmError, GroundingError) as exc:
                    notes.append(f"answer: {exc}")
                    log.warning("chat: LLM answer rejected, using the built-in wording: %s", exc)
            elif llm_ok:
                mode = "llm"
        citations = [Citation(id=h.id, url=str(h.offering.get("url") or ""), title=h.title, provider=h.provider)
                     for h in shown]
        question = None
        if not hits:
            question = "Kun je het anders omschrijven, of een wens weglaten?"
        return ChatAnswer(reply=reply, citations=citations, filters=applied.public_filters(), question=question,
                          mode=mode, notes=notes)

    @staticmethod
    def _merge(builtin: Understanding, llm: Understanding, persona: str | None) -> Understanding:
        """LLM values where valid, built-in values where the LLM gave none; a chosen persona wins."""
        merged = replace(
            llm,
            topic=llm.topic or builtin.topic,
            place=llm.place or builtin.place,
            radius_km=llm.radius_km if llm.radius_km is not None else builtin.radius_km,
            leerwegen=llm.leerwegen or builtin.leerwegen,
            niveaus=llm.niveaus or builtin.niveaus,
            max_price=llm.max_price if llm.max_price is not None else builtin.max_price,
            start_from=llm.start_from or builtin.start_from,
            start_to=llm.start_to or builtin.start_to,
            offering_types=llm.offering_types or builtin.offering_types,
            persona=llm.persona if llm.persona != "werkzoekende" else builtin.persona,
            timing=builtin.timing,
        )
        if persona:
            merged.persona = persona
        return merged

    def _retrieve(self, engine: SearchEngine, u: Understanding) -> tuple[Understanding, Any, list[str]]:
        """Search with every wish; when nothing matches, drop wishes one by one (reported in ``dropped``)."""
        dropped: list[str] = []
        current = u
        results = self._search(engine, current)
        for label, relax, applies in _RELAX:
            if results is not None and results.total > 0:
                break
            if not applies(current):
                continue
            current = relax(current)
            dropped.append(label)
            results = self._search(engine, current)
        if results is None or results.total == 0:
            return u, results, []
        return current, results, dropped

    @staticmethod
    def _search(engine: SearchEngine, u: Understanding) -> Any:
        try:
            return engine.search(u.topic, u.search_filters(), limit=RETRIEVE, sort=u.sort)
        except InvalidQueryError as exc:
            # The understanding only holds validated values; a failure here is a query the index cannot
            # analyse (too long) — answer "nothing found" rather than an error.
            log.info("chat search rejected: %s", exc)
            return None
