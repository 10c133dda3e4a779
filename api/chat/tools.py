"""The tools the LLM may call (OpenAI function-calling schema) and their server-side execution.

Every argument is validated here, never trusted: an unknown tool, arguments that are not a JSON object,
unknown argument names, an unknown id or crebo, or filter values outside their allowed sets come back to
the LLM as ``{"fout": ...}`` (so it can correct itself) and change nothing. Results carry crawled text
only in inert form (:func:`api.chat.grounding.offering_record`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from api.chat.grounding import offering_record, untrusted
from api.chat.knowledge import Entry, by_id, load_knowledge, lookup
from api.chat.responder import applicable, retrieve
from api.chat.understanding import Understanding
from api.chat.wording import MAX_SHOWN
from index.search import SearchEngine
from skills.model import Leerweg, OfferingType

_ARRAY_STR = {"type": "array", "items": {"type": "string"}}
TOOLS: list[dict[str, Any]] = [
    {"type": "function", "function": {
        "name": "search_offerings",
        "description": "Zoek opleidingen. Geef ALLE wensen uit het hele gesprek mee, niet alleen de laatste.",
        "parameters": {"type": "object", "properties": {
            "topic": {"type": "string", "description": "vak, beroep of vaardigheid in de woorden van de gebruiker"},
            "place": {"type": "string"}, "radius_km": {"type": "number"},
            "leerwegen": {**_ARRAY_STR, "items": {"type": "string", "enum": [lw.value for lw in Leerweg]}},
            "niveaus": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 4}},
            "max_price": {"type": "number"}, "start_from": {"type": "string", "format": "date"},
            "start_to": {"type": "string", "format": "date"},
            "offering_types": {**_ARRAY_STR, "items": {"type": "string", "enum": [t.value for t in OfferingType]}},
        }, "required": ["topic"]}}},
    {"type": "function", "function": {
        "name": "get_offering", "description": "Alle gegevens van één opleiding (id uit een zoekresultaat).",
        "parameters": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}},
    {"type": "function", "function": {
        "name": "get_qualification", "description": "Een mbo-kwalificatie (crebo): niveau, kerntaken, eisen.",
        "parameters": {"type": "object", "properties": {"crebo": {"type": "string"}}, "required": ["crebo"]}}},
    {"type": "function", "function": {
        "name": "answer_from_knowledge_base",
        "description": "Uitleg over hoe het mbo werkt (bol/bbl, derde leerweg, certificaat/diploma, erkend "
                       "leerbedrijf, lesgeld, SLIM, financiering, aanmelden, EVC, toelating), met bron en datum.",
        "parameters": {"type": "object", "properties": {"question": {"type": "string"}}, "required": ["question"]}}},
]
_SEARCH_ARGS = {"topic", "place", "radius_km", "leerwegen", "niveaus", "max_price", "start_from", "start_to",
                "offering_types"}


@dataclass
class ToolBox:
    """Executes tool calls for one chat turn and remembers what they returned (for validation)."""

    engine: SearchEngine
    gazetteer: Any
    qualifications: Mapping[str, Any]
    today: date
    state: Understanding
    retrieved: dict[str, Any] = field(default_factory=dict)  # id → hit-like (id, title, provider, offering)
    knowledge: list[Entry] = field(default_factory=list)
    searched: bool = False

    def call(self, name: str, raw_args: Any) -> dict[str, Any]:
        try:
            args = json.loads(raw_args) if isinstance(raw_args, str) else raw_args
        except ValueError:
            return {"fout": "argumenten zijn geen geldige JSON"}
        if not isinstance(args, dict):
            return {"fout": "argumenten moeten een JSON-object zijn"}
        handler = {"search_offerings": self._search, "get_offering": self._offering,
                   "get_qualification": self._qualification, "answer_from_knowledge_base": self._knowledge}.get(name)
        if handler is None:
            return {"fout": f"onbekende tool {untrusted(name, 40)!r}"}
        return handler(args)

    def _search(self, args: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(args) - _SEARCH_ARGS)
        if unknown:
            return {"fout": f"onbekende argumenten: {', '.join(untrusted(u, 30) for u in unknown)}"}
        if not isinstance(args.get("topic"), str) or not args["topic"].strip():
            return {"fout": "topic is verplicht (vak, beroep of vaardigheid)"}
        public = {"q": args["topic"], "place": args.get("place"), "radius_km": args.get("radius_km"),
                  "leerweg": args.get("leerwegen") or [], "niveau": args.get("niveaus") or [],
                  "type": args.get("offering_types") or [], "max_price": args.get("max_price"),
                  "start_from": args.get("start_from"), "start_to": args.get("start_to")}
        checked = Understanding.from_public(public, self.gazetteer, lambda i: False)
        ignored = _ignored(public, checked)
        wish = replace(checked, persona=self.state.persona, sort=self.state.sort)
        applied, hits, total, dropped = retrieve(self.engine, applicable(wish, self.engine))
        shown = hits[:MAX_SHOWN + 2]
        self.retrieved.update({h.id: h for h in shown})
        self.state = replace(applied if hits else wish, cited=[h.id for h in hits[:MAX_SHOWN]])
        self.searched = True
        out: dict[str, Any] = {"totaal": total, "opleidingen": [offering_record(h, self.today) for h in shown]}
        if ignored:
            out["genegeerd"] = ignored
        if dropped:
            out["weggelaten_wensen"] = dropped
        return out

    def _offering(self, args: dict[str, Any]) -> dict[str, Any]:
        oid = args.get("id")
        payload = self.engine.get(oid) if isinstance(oid, str) and len(oid) <= 40 else None
        if payload is None:
            return {"fout": "onbekend id; gebruik een id uit search_offerings"}
        hit = _Hit(oid, str(payload.get("title") or ""), str(payload.get("provider") or ""), payload)  # type: ignore[arg-type]
        self.retrieved[hit.id] = hit
        record = offering_record(hit, self.today)
        record["startdata"] = [str(d) for d in payload.get("start_dates") or []][:5]
        record["duur"] = untrusted(payload.get("duration"), 80) or None
        return record

    def _qualification(self, args: dict[str, Any]) -> dict[str, Any]:
        crebo = args.get("crebo")
        qual = self.qualifications.get(crebo) if isinstance(crebo, str) else None
        if qual is None:
            return {"fout": "onbekend crebonummer"}
        return {"crebo": qual.crebo, "naam": qual.name, "niveau": qual.niveau,
                "kerntaken": [k.name for k in qual.kerntaken][:6],
                "beroepsvereisten": untrusted(qual.beroepsvereisten, 300) or None}

    def _knowledge(self, args: dict[str, Any]) -> dict[str, Any]:
        question = args.get("question")
        if not isinstance(question, str) or not question.strip():
            return {"fout": "question is verplicht"}
        entry = by_id(question.strip()) or lookup(question)
        if entry is None:
            return {"fout": "geen antwoord in de kennisbank", "onderwerpen": [e.id for e in load_knowledge()]}
        if entry not in self.knowledge:
            self.knowledge.append(entry)
        return {"id": entry.id, "antwoord": entry.answer, "gecontroleerd_op": entry.checked.isoformat(),
                "bronnen": [s.url for s in entry.sources]}


@dataclass
class _Hit:
    id: str
    title: str
    provider: str
    offering: dict[str, Any]
    qualification_name: str | None = None
    distance_km: float | None = None


def _ignored(public: dict[str, Any], checked: Understanding) -> list[str]:
    """Which given filter values validation dropped (told to the LLM)."""
    out = []
    if public.get("place") and checked.place is None:
        out.append(f"place {untrusted(public['place'], 40)!r} (onbekend)")
    given_niveaus = public["niveau"] if isinstance(public["niveau"], list) else [public["niveau"]]
    if len(checked.niveaus) < len(given_niveaus):
        out.append("niveaus buiten 1-4")
    given_leerwegen = public["leerweg"] if isinstance(public["leerweg"], list) else [public["leerweg"]]
    if len(checked.leerwegen) < len(given_leerwegen):
        out.append("onbekende leerwegen")
    if public.get("max_price") is not None and checked.max_price is None:
        out.append("max_price ongeldig")
    return out
