"""POST /api/match: which qualifications a pasted text is about ("plak een vacature"), and their offerings."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StateDep
from api.presenters import offering_public
from api.schemas import MatchPublic, MatchRequest, QualificationMatchPublic
from index.match import match_text

router = APIRouter(prefix="/api/match", tags=["match"])


@router.post("", response_model=MatchPublic, summary="Welke kwalificaties passen bij deze tekst?")
def match(body: MatchRequest, state: StateDep) -> MatchPublic:
    result = match_text(state.matcher(), state.by_crebo, body.text, qualifications=body.limit)
    return MatchPublic(
        qualifications=[QualificationMatchPublic(crebo=q.crebo, name=q.name, codes=list(q.codes), niveau=q.niveau,
                                                 score=q.score, matched_skills=list(q.matched_skills))
                        for q in result.qualifications],
        offerings=[offering_public(o.payload, score=o.score, matched=list(o.qualification.matched_skills),
                                   qualification_name=o.qualification.name) for o in result.offerings],
    )
