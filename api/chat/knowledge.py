"""The curated Dutch knowledge base for how-things-work questions (bol/bbl, certificates, costs, funding, ...).

``knowledge_nl.json`` beside this module holds each entry's answer, the public sources it is based on and
the date those sources were checked. Answers are dated facts ("per <checked date>"), never invented
amounts: where an amount changes every year the answer points to the official source instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from api.chat.wording import dutch_date
from skills.text import fold

KNOWLEDGE_FILE = Path(__file__).with_name("knowledge_nl.json")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    answer: str
    sources: tuple[Source, ...]
    checked: date
    patterns: tuple[re.Pattern[str], ...]

    def reply(self) -> str:
        """The answer as the chat says it: dated, with its sources named."""
        names = "; ".join(f"{s.title} ({s.url})" for s in self.sources)
        return f"{self.answer}\n(Per {dutch_date(self.checked)}; bron: {names}.)"


@cache
def load_knowledge(path: Path = KNOWLEDGE_FILE) -> tuple[Entry, ...]:
    """Every entry of the knowledge base (read once)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Entry(id=e["id"], title=e["title"], answer=e["answer"],
                       sources=tuple(Source(s["title"], s["url"]) for s in e["sources"]),
                       checked=date.fromisoformat(e["checked"]),
                       patterns=tuple(re.compile(p) for p in e["patterns"])) for e in raw)


def lookup(text: str, entries: tuple[Entry, ...] | None = None) -> Entry | None:
    """The entry a how-things-work question asks about, or None. First matching entry wins (file order)."""
    folded = " " + re.sub(r"\s+", " ", fold(text).replace("’", "'")) + " "
    for entry in entries if entries is not None else load_knowledge():
        if any(p.search(folded) for p in entry.patterns):
            return entry
    return None


def by_id(entry_id: str) -> Entry | None:
    return next((e for e in load_knowledge() if e.id == entry_id), None)
