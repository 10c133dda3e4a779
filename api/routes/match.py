"""POST /api/match: which qualifications a pasted text is about ("plak een vacature"), and their offerings.

Without a place the offerings are those of the best qualifications, in index order. With a place they come
from the search engine (its crebo filter over every code of the matched qualifications, and its place and
radius), so distances, the honest "nothing within N km" and the nearest offerings outside the radius mean
exactly what they mean in a search.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import EngineDep, StateDep
from api.presenters import hit_public, offering_public
from api.schemas import MatchPublic, MatchRequest, PlacePublic, QualificationMatchPublic
from index.match import match_text
from index.query import MAX_QUERY_CHARS
from index.request import build_request

router = APIRouter(prefix="/api/match", tags=["match"])


@router.post("", response_model=MatchPublic, summary="Welke kwalificaties passen bij deze tekst?")
def match(body: MatchRequest, state: StateDep, engine: EngineDep) -> MatchPublic:
    result = match_text(state.matcher(), state.by_crebo, body.text, qualifications=body.limit)
    quals = [QualificationMatchPublic(crebo=q.crebo, name=q.name, codes=list(q.codes), niveau=q.niveau,
                                      score=q.score, matched_skills=list(q.matched_skills))
             for q in result.qualifications]
    if not body.place or not result.qualifications:
        return MatchPublic(qualifications=quals, offerings=[
            offering_public(o.payload, score=o.score, matched=list(o.qualification.matched_skills),
                            qualification_name=o.qualification.name) for o in result.offerings])
    codes = sorted({code for q in result.qualifications for code in (q.key, *q.codes) if code})
    names = " ".join(dict.fromkeys(q.name for q in result.qualifications))[:MAX_QUERY_CHARS]
    request = build_request(names, crebos=codes, place=body.place, radius_km=body.radius_km)
    found = engine.search(request.query, request.filters, limit=10)
    reason = None
    if found.reason is not None:  # the engine's sentence quotes its query (here: qualification names)
        where = (found.place or {}).get("name") or body.place
        nearest = found.reason[found.reason.find(" Dichtstbijzijnde:"):] if " Dichtstbijzijnde:" in found.reason else ""
        reason = (f"Geen opleiding voor deze kwalificaties binnen {request.filters.radius_km:g} km van {where}."
                  + nearest)
    return MatchPublic(qualifications=quals, offerings=[hit_public(h) for h in found.hits], reason=reason,
                       nearest=[hit_public(h) for h in found.nearest],
                       place=PlacePublic(**found.place) if found.place else None)
