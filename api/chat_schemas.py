"""HTTP schemas of the chat (POST /api/chat and its stream): the conversation in, the answer out."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ChatMessageIn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class ChatStateIn(BaseModel):
    """The previous answer's ``filters`` (minus any part the user removed) plus the ids it cited. Every value
    is checked again on the server; unknown values are dropped."""

    model_config = ConfigDict(extra="ignore")

    persona: str | None = None
    q: str | None = Field(default=None, max_length=300)
    place: str | None = Field(default=None, max_length=100)
    radius_km: float | None = None
    leerweg: list[str] = Field(default_factory=list, max_length=8)
    niveau: list[int] = Field(default_factory=list, max_length=8)
    type: list[str] = Field(default_factory=list, max_length=8)
    max_price: float | None = None
    start_from: str | None = Field(default=None, max_length=10)
    start_to: str | None = Field(default=None, max_length=10)
    sort: str | None = Field(default=None, max_length=20)
    cited: list[str] = Field(default_factory=list, max_length=5)


class ChatRequest(BaseModel):
    """Stateless: the request carries the conversation (oldest first; the page sends the last few messages)
    and, from the page, the state the previous answer returned."""

    messages: list[ChatMessageIn]
    persona: Literal["werkzoekende", "adviseur", "werkgever"] | None = None
    state: ChatStateIn | None = None


class CitationPublic(BaseModel):
    id: str
    url: str
    title: str
    provider: str


class SourcePublic(BaseModel):
    title: str
    url: str
    checked: str


class ChatResponse(BaseModel):
    reply: str
    citations: list[CitationPublic]
    filters: dict[str, Any]
    question: str | None = None
    kind: Literal["search", "knowledge", "followup", "offtopic", "social", "injection"] = "search"
    sources: list[SourcePublic] = []
