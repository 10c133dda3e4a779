"""Evaluation of the chat on multi-turn dialogues: state accuracy, citation precision, question handling and
off-topic handling, per persona.

A dialogue file is JSON Lines, one conversation a line::

    {"id": "wz-03", "persona": "werkzoekende", "page_persona": null,
     "turns": [{"text": "ik wil kapper worden", "kind": "search"},
               {"text": "wat is het verschil tussen bol en bbl?", "kind": "knowledge", "entry": "bol-bbl"}, ...],
     "expected": {"q_words": ["kapper"], "place": "Assen", "radius_km": 25, "leerweg": ["BBL"], "niveau": [2],
                  "type": [], "max_price": null, "timing": false},
     "relevant_crebos": ["25399", "25400"], "relevant_title_words": []}

Each turn is sent like the page sends it (the last messages plus the previous answer's state). Scores:

* state right: the final ``filters`` match ``expected`` on persona, every topic word present and no
  conversation-carrying word in the topic, place, radius (default 25 km with a place), leerweg, niveau,
  type, max_price and whether a start window is set;
* citation precision: cited offerings of search turns whose crebo is relevant (or whose title holds a
  relevant word), and per search dialogue whether at most half of its cited offerings are off-topic;
* question handling: knowledge turns answered from the named entry without offerings, follow-ups answered
  about a previously cited offering;
* off-topic handling: off-topic and injection turns refused (thanks answered as such), with no citations
  and the state unchanged.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.chat.dialogue import Message
from api.chat.knowledge import by_id
from api.chat.service import ChatAnswer
from index.results import crebo_of
from skills.text import fold

CARRYING_WORDS = frozenset({"tegelijk", "liever", "daarvoor", "ok", "oke", "dan", "toch", "ook", "nee", "ja",
                            "graag", "prima", "verder", "weg", "dichterbij", "maar", "eigenlijk"})
HISTORY = 10  # messages sent per turn, as the page does

Answerer = Callable[[list[Message], str | None, dict[str, Any] | None], ChatAnswer]


@dataclass
class DialogueResult:
    id: str
    persona: str
    state_ok: bool
    state_problems: list[str]
    cited: int = 0
    cited_relevant: int = 0
    search_dialogue: bool = False
    questions: int = 0
    questions_ok: int = 0
    offtopic: int = 0
    offtopic_ok: int = 0
    turn_ms: list[float] = field(default_factory=list)


def load_dialogues(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def state_problems(filters: dict[str, Any], expected: dict[str, Any],
                   place_name: Callable[[str], str] = str) -> list[str]:
    """Where the final state differs from the expected one (empty when right). ``place_name`` gives a place's
    name as the gazetteer knows it ("Den Haag" → "'s-Gravenhage")."""
    out: list[str] = []
    expected = {**expected, "place": place_name(expected["place"]) if expected.get("place") else None}
    topic = fold(str(filters.get("q") or ""))
    for word in expected.get("q_words", []):
        if fold(word) not in topic:
            out.append(f"topic {topic!r} lacks {word!r}")
    if set(topic.split()) & CARRYING_WORDS:
        out.append(f"topic {topic!r} holds conversation words")
    if expected.get("persona") and filters.get("persona") != expected["persona"]:
        out.append(f"persona {filters.get('persona')!r} != {expected['persona']!r}")
    if fold(str(filters.get("place") or "")) != fold(str(expected.get("place") or "")):
        out.append(f"place {filters.get('place')!r} != {expected.get('place')!r}")
    want_radius = expected.get("radius_km") or (25.0 if expected.get("place") else None)
    if (filters.get("radius_km") or None) != (float(want_radius) if want_radius else None):
        out.append(f"radius {filters.get('radius_km')!r} != {want_radius!r}")
    for key in ("leerweg", "niveau", "type"):
        if sorted(map(str, filters.get(key) or [])) != sorted(map(str, expected.get(key) or [])):
            out.append(f"{key} {filters.get(key)!r} != {expected.get(key)!r}")
    if filters.get("max_price") != expected.get("max_price"):
        out.append(f"max_price {filters.get('max_price')!r} != {expected.get('max_price')!r}")
    timing = bool(filters.get("start_from") or filters.get("start_to"))
    if timing != bool(expected.get("timing")):
        out.append(f"timing set {timing} != {bool(expected.get('timing'))}")
    return out


def _relevant(payload: dict[str, Any] | None, crebos: set[str], title_words: list[str]) -> bool:
    if payload is None:
        return False
    crebo = crebo_of(payload)
    title = fold(str(payload.get("title") or ""))
    return crebo in crebos or any(fold(w) in title for w in title_words)


def run_dialogue(d: dict[str, Any], answer: Answerer, get: Callable[[str], dict[str, Any] | None],
                 place_name: Callable[[str], str] = str) -> DialogueResult:
    messages: list[Message] = []
    state: dict[str, Any] | None = None
    filters: dict[str, Any] = {}
    ever_cited: set[str] = set()
    res = DialogueResult(d["id"], d["persona"], False, [])
    crebos, words = set(d.get("relevant_crebos") or []), list(d.get("relevant_title_words") or [])
    for turn in d["turns"]:
        messages.append(Message("user", turn["text"]))
        window = messages[-HISTORY:]
        while window and window[0].role != "user":
            window = window[1:]
        started = time.perf_counter()
        a = answer(window, d.get("page_persona"), state)
        res.turn_ms.append(1000 * (time.perf_counter() - started))
        kind = turn.get("kind", "search")
        ids = [c.id for c in a.citations]
        if kind == "search":
            res.search_dialogue = res.search_dialogue or bool(ids)
            res.cited += len(ids)
            res.cited_relevant += sum(_relevant(get(i), crebos, words) for i in ids)
        elif kind in ("knowledge", "followup"):
            res.questions += 1
            if kind == "knowledge":
                entry = by_id(turn.get("entry", ""))
                urls = {s.url for s in entry.sources} if entry else set()
                ok = a.kind == "knowledge" and not ids and bool(urls & {s.url for s in a.sources})
            else:
                ok = a.kind == "followup" and len(ids) == 1 and ids[0] in ever_cited
            res.questions_ok += ok
        else:  # offtopic / injection / social
            res.offtopic += 1
            kinds = ("social",) if kind == "social" else ("offtopic", "injection")
            res.offtopic_ok += a.kind in kinds and not ids and a.filters == filters
        ever_cited |= set(ids)
        filters = a.filters
        messages.append(Message("assistant", a.reply))
        state = {**a.filters, "cited": ids}
    res.state_problems = state_problems(filters, {**d["expected"], "persona": d["persona"]}, place_name)
    res.state_ok = not res.state_problems
    return res


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 3) if den else None


def summarise(results: Iterable[DialogueResult]) -> dict[str, Any]:
    groups: dict[str, list[DialogueResult]] = defaultdict(list)
    for r in results:
        groups[r.persona].append(r)
        groups["all"].append(r)
    out: dict[str, Any] = {}
    for name, rs in groups.items():
        searches = [r for r in rs if r.search_dialogue]
        times = sorted(t for r in rs for t in r.turn_ms)
        out[name] = {
            "dialogues": len(rs),
            "state_accuracy": _ratio(sum(r.state_ok for r in rs), len(rs)),
            "citation_precision": _ratio(sum(r.cited_relevant for r in rs), sum(r.cited for r in rs)),
            "search_dialogues_at_most_half_offtopic": _ratio(
                sum(2 * r.cited_relevant >= r.cited for r in searches), len(searches)),
            "question_handling": _ratio(sum(r.questions_ok for r in rs), sum(r.questions for r in rs)),
            "questions": sum(r.questions for r in rs),
            "offtopic_handling": _ratio(sum(r.offtopic_ok for r in rs), sum(r.offtopic for r in rs)),
            "offtopic_turns": sum(r.offtopic for r in rs),
            "turn_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1) if times else None,
        }
    out["failures"] = [{"id": r.id, "state": r.state_problems, "cited": r.cited, "relevant": r.cited_relevant,
                        "questions": f"{r.questions_ok}/{r.questions}", "offtopic": f"{r.offtopic_ok}/{r.offtopic}"}
                       for r in groups["all"] if not r.state_ok or r.questions_ok < r.questions
                       or r.offtopic_ok < r.offtopic or (r.search_dialogue and 2 * r.cited_relevant < r.cited)]
    return out
