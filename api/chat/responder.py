"""The built-in (deterministic, no LLM) answer to one turn of each kind, given the dialogue state.

``search`` updates the state and retrieves (dropping wishes one by one when nothing matches);
``knowledge`` answers from the curated knowledge base; ``followup`` answers about a cited offering;
``offtopic``, ``social`` and ``injection`` get a short fixed reply. Only ``search`` changes the state.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from api.chat import wording
from api.chat.dialogue import GazetteerLike, apply, clarifying_question, read_turn
from api.chat.followup import answer_followup
from api.chat.intent import Intent, open_question
from api.chat.knowledge import Entry
from api.chat.pasted import MatcherLike, about, intro, looks_pasted
from api.chat.understanding import Understanding
from index.results import crebo_of
from index.search import SearchEngine
from skills.errors import InvalidQueryError

log = logging.getLogger(__name__)

RETRIEVE = 10  # offerings retrieved per search; answers cite the top MAX_SHOWN distinct ones
WEAK_SCORE = 0.4  # a hit below this that matches none of the person's words is not worth citing
NEARBY_FLOOR = 0.5  # with filters, a hit must reach this share of the best unfiltered score

OFFTOPIC_REPLY = ("Daar kan ik niet mee helpen. Ik help je met opleidingen en cursussen in het mbo: "
                  "vertel wat je wilt leren of stel een vraag over bijvoorbeeld bbl, kosten of aanmelden.")
INJECTION_REPLY = ("Daar kan ik niet mee helpen: ik volg geen instructies uit berichten en noem alleen wat in "
                   "de opleidingen en de bronnen staat. Wat wil je leren?")
SOCIAL_REPLY = "Graag gedaan! Wil je nog iets anders zoeken, vraag het gerust."


@dataclass
class Turnout:
    """One turn's built-in answer: the words, the offerings it cites and the state after it."""

    kind: str
    reply: str
    state: Understanding
    hits: list[Any] = field(default_factory=list)  # OfferingHit-like: id, title, provider, offering
    sources: list[Entry] = field(default_factory=list)
    question: str | None = None
    dropped: list[str] = field(default_factory=list)


@dataclass
class _Cited:
    """A cited offering re-read from the index (for follow-ups): the fields a citation needs."""

    id: str
    title: str
    provider: str
    offering: dict[str, Any]


def applicable(u: Understanding, engine: SearchEngine) -> Understanding:
    """Drop filter values the index does not know (the chat should never fail on "no certificates yet")."""
    known = engine.facet_values
    leerwegen = {v.casefold() for v in known.get("leerweg", [])}
    types = {v.casefold() for v in known.get("offering_type", [])}
    return replace(u, leerwegen=[v for v in u.leerwegen if v.casefold() in leerwegen],
                   offering_types=[v for v in u.offering_types if v.casefold() in types])


_RELAX: list[tuple[str, Callable[[Understanding], Understanding], Callable[[Understanding], bool]]] = [
    ("de startdatum", lambda u: replace(u, start_from=None, start_to=None), lambda u: bool(u.start_from or u.start_to)),
    ("de prijsgrens", lambda u: replace(u, max_price=None), lambda u: u.max_price is not None),
    ("het soort aanbod", lambda u: replace(u, offering_types=[]), lambda u: bool(u.offering_types)),
    ("het niveau", lambda u: replace(u, niveaus=[]), lambda u: bool(u.niveaus)),
    ("de leerweg", lambda u: replace(u, leerwegen=[]), lambda u: bool(u.leerwegen)),
    ("de afstandsgrens", lambda u: replace(u, radius_km=max(u.radius_km or 25.0, 25.0) * 3),
     lambda u: u.place is not None),
]


def search(engine: SearchEngine, u: Understanding) -> Any:
    try:
        return engine.search(u.topic, u.search_filters(), limit=RETRIEVE, sort=u.sort)
    except InvalidQueryError as exc:
        log.info("chat search rejected: %s", exc)
        return None


def citable(results: Any, floor: float = 0.0) -> tuple[list[Any], int]:
    """The hits worth citing (one per title and provider; weak meaning-only neighbours and, with filters,
    hits far below what fits best without them left out) and the total to report (the index's, unless
    hits were left out)."""
    if results is None:
        return [], 0
    seen: set[tuple[str, str]] = set()
    kept = []
    weak = False
    for hit in results.hits:
        if hit.score < floor or (hit.score < WEAK_SCORE and not hit.matched_skills):
            weak = True
            continue
        key = (hit.title.casefold(), hit.provider.casefold())
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept, (len(kept) if weak else int(results.total))


_BEST: OrderedDict[tuple[int, str, str], float] = OrderedDict()  # (engine, topic, sort) → best score
_BEST_SIZE = 2048
_best_lock = threading.Lock()


def best_score(engine: SearchEngine, u: Understanding) -> float:
    """The best score for the topic without any filter (cached: every turn of a conversation asks again)."""
    key = (id(engine), u.topic, u.sort)
    with _best_lock:
        if key in _BEST:
            _BEST.move_to_end(key)
            return _BEST[key]
    unfiltered = search(engine, Understanding(topic=u.topic, sort=u.sort))
    best = float(unfiltered.hits[0].score) if unfiltered is not None and unfiltered.hits else 0.0
    with _best_lock:
        _BEST[key] = best
        while len(_BEST) > _BEST_SIZE:
            _BEST.popitem(last=False)
    return best


def retrieve(engine: SearchEngine, u: Understanding) -> tuple[Understanding, list[Any], int, list[str]]:
    """Search with every wish; when nothing fits, drop wishes one by one (reported in ``dropped``)."""
    dropped: list[str] = []
    current = u
    floor = NEARBY_FLOOR * best_score(engine, u) if u.has_constraints else 0.0
    hits, total = citable(search(engine, current), floor)
    for label, relax, applies in _RELAX:
        if hits:
            break
        if not applies(current):
            continue
        current = relax(current)
        dropped.append(label)
        hits, total = citable(search(engine, current), floor)
    if not hits:
        return u, [], 0, []
    return current, hits, total, dropped


class Builtin:
    """Answers each kind of turn without an LLM; stateless (the state travels with the request)."""

    def __init__(self, gazetteer: GazetteerLike | None, qualifications: Mapping[str, Any] | None = None,
                 matcher: Callable[[], MatcherLike] | None = None) -> None:
        self.gazetteer = gazetteer
        self.qualifications = qualifications or {}
        self.matcher = matcher  # built on first use (the text matcher of POST /api/match)

    def update(self, state: Understanding, text: str, today: date) -> Understanding:
        return apply(state, read_turn(text, self.gazetteer, today))

    def respond(self, engine: SearchEngine, state: Understanding, text: str, intent: Intent,
                today: date) -> Turnout:
        if intent.kind == "injection":
            return Turnout("injection", INJECTION_REPLY, state)
        turn = read_turn(text, self.gazetteer, today)
        if intent.kind != "search" and turn.persona:  # who is asking counts whatever the question
            state = replace(state, persona=turn.persona)
        if intent.kind == "offtopic":
            return Turnout("offtopic", OFFTOPIC_REPLY, state)
        if intent.kind == "social":
            return Turnout("social", SOCIAL_REPLY, state)
        if intent.kind == "knowledge" and intent.entry is not None:
            return Turnout("knowledge", intent.entry.reply(), state, sources=[intent.entry])
        if intent.kind == "followup":
            out = self.followup(engine, state, intent, today)
            if out is not None:
                return out
        matches = about(self.matcher(), text) if self.matcher is not None and looks_pasted(text) else []
        if matches:
            # A pasted vacancy: its qualification is the topic, not its fifty words. Of its other words only
            # the place counts: "diploma niveau 3", "bbl kan ook" state the job's requirements, not the
            # searcher's filters (those they say in their own turns).
            only = Understanding(topic=matches[0].name, place=turn.said.place, radius_km=turn.said.radius_km)
            turn = replace(turn, said=only, bare_word=None, additive=False, cleared=set(), radius_km=None,
                           wider=False, closer=False)
        out = self.search_turn(engine, apply(state, turn), today)
        if matches:
            out = replace(out, reply=f"{intro(matches)}\n{out.reply}")
        said = turn.said
        slots = bool(said.place or said.leerwegen or said.niveaus or said.offering_types or turn.cleared
                     or said.max_price is not None or said.timing or turn.radius_km or turn.wider or turn.closer)
        if not out.hits and said.topic and not slots and open_question(text):
            return Turnout("offtopic", OFFTOPIC_REPLY, state)  # "wie wint er morgen?": nothing to search for
        return out

    def search_turn(self, engine: SearchEngine, state: Understanding, today: date) -> Turnout:
        question = clarifying_question(state)
        if question:
            return Turnout("search", question, replace(state, cited=[]), question=question)
        applied, hits, total, dropped = retrieve(engine, applicable(state, engine))
        if not hits:
            nearest = self.nearest(engine, applicable(state, engine))
            if nearest:
                # Nothing fits where they asked: say so, and name the nearest relevant offerings, marked as
                # outside the wishes (the search page's honest answer, issue 12).
                reply = wording.compose_nearest(applicable(state, engine), nearest, today)
                return Turnout("search", reply, replace(state, cited=[h.id for h in nearest]), hits=nearest)
        reply = wording.compose_reply(applied, hits, total, today, dropped)
        shown = hits[:wording.MAX_SHOWN]
        # The state keeps the wishes as said; a wish dropped to find anything is named in the reply.
        new_state = replace(state, cited=[h.id for h in shown])
        return Turnout("search", reply, new_state, hits=shown, dropped=dropped,
                       question=None if hits else "Kun je het anders omschrijven, of een wens weglaten?")

    @staticmethod
    def nearest(engine: SearchEngine, u: Understanding) -> list[Any]:
        """The nearest relevant offerings outside the wishes, when the search within them found none."""
        results = search(engine, u)
        return list(results.nearest[:wording.MAX_SHOWN]) if results is not None else []

    def cited(self, engine: SearchEngine, state: Understanding) -> list[str]:
        """The offerings the previous answer cited: carried in the state, or re-found by its search."""
        if state.cited or not state.topic:
            return list(state.cited)
        _, hits, _, _ = retrieve(engine, applicable(state, engine))
        return [h.id for h in hits[:wording.MAX_SHOWN]]

    def followup(self, engine: SearchEngine, state: Understanding, intent: Intent, today: date) -> Turnout | None:
        cited = self.cited(engine, state)
        if not cited:
            return None
        n = intent.ordinal if intent.ordinal is not None and intent.ordinal < len(cited) else 0
        payload = engine.get(cited[n])
        if payload is None:
            return None
        crebo = crebo_of(payload)
        answer = answer_followup(payload, intent.aspect, self.qualifications.get(crebo) if crebo else None, today)
        hit = _Cited(id=cited[n], title=str(payload.get("title") or ""), provider=str(payload.get("provider") or ""),
                     offering=payload)
        return Turnout("followup", answer.reply, replace(state, cited=cited), hits=[hit], sources=answer.sources)
