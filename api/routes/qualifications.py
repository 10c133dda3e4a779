"""GET /api/qualifications?q= (which qualification fits) and GET /api/qualifications/{crebo}."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import StateDep
from api.presenters import offering_public
from api.schemas import (
    KerntaakPublic,
    LineageLinkPublic,
    OfficialSkillPublic,
    ProviderOfferingsPublic,
    QualificationDetailPublic,
    QualificationHitPublic,
    QualificationListPublic,
    WerkprocesPublic,
)
from skills.errors import NotFoundError
from skills.resolver import CreboResolver

router = APIRouter(prefix="/api/qualifications", tags=["qualifications"])
MAX_OFFICIAL_SKILLS = 60
MAX_SOURCES = 3  # documents named as the source of mined kerntaken


@router.get("", response_model=QualificationListPublic, summary="Welke kwalificatie past?")
def list_qualifications(
    state: StateDep,
    q: Annotated[str, Query(max_length=300)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> QualificationListPublic:
    if not q.strip():
        quals = sorted(state.ref.qualifications.values(), key=lambda x: (x.name.lower(), x.niveau))[:limit]
        return QualificationListPublic(results=[
            QualificationHitPublic(crebo=x.crebo, name=x.name, niveau=x.niveau, score=0.0, matched_skills=[],
                                   n_offerings=len(state.by_crebo.get(x.crebo, [])))
            for x in quals])
    hits = state.require_engine().search_qualifications(q, limit=limit)
    return QualificationListPublic(results=[
        QualificationHitPublic(crebo=h.crebo, name=h.name, niveau=h.niveau, score=round(h.score, 6),
                               matched_skills=h.matched_skills, n_offerings=h.n_offerings)
        for h in hits])


@router.get("/{crebo}", response_model=QualificationDetailPublic, summary="Eén kwalificatie met aanbieders")
def get_qualification(crebo: Annotated[str, Path(max_length=12)], state: StateDep) -> QualificationDetailPublic:
    qual = state.ref.qualifications.get(crebo)
    if qual is None:
        resolution = CreboResolver(state.ref).resolve(crebo)
        if resolution.crebo and resolution.crebo in state.ref.qualifications:
            qual = state.ref.qualifications[resolution.crebo]
        elif resolution.status == "newer-own" and resolution.qualification is not None:
            qual = resolution.qualification
        else:
            raise NotFoundError(f"Crebo {crebo} is onbekend ({resolution.status}: {resolution.note}).")
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for payload in state.by_crebo.get(qual.crebo, []):
        grouped[payload.get("provider", "")].append(payload)
    providers = [
        ProviderOfferingsPublic(provider=name, offerings=[offering_public(p, qualification_name=qual.name)
                                                          for p in items])
        for name, items in sorted(grouped.items())
    ]
    links = [state.ref.lineage.links[c] for c in qual.codes if c in state.ref.lineage.links]
    kerntaken, source = qual.kerntaken, ""
    mined = state.ref.mined_dossiers().get(qual.crebo) if not kerntaken else None
    if mined is not None:
        kerntaken = mined.kerntaken
        source = "schooldocumenten: " + ", ".join(p.rsplit("/", 1)[-1] for p in mined.sources[:MAX_SOURCES])
    return QualificationDetailPublic(
        crebo=qual.crebo, name=qual.name, current_crebo=qual.current_crebo, current_name=qual.current_name,
        codes=list(qual.codes or (qual.crebo,)), name_source=qual.name_source,
        lineage=[LineageLinkPublic(code=lk.code, era=lk.era, evidence=lk.evidence,
                                   source=lk.source.rsplit("/", 1)[-1]) for lk in links],
        niveau=qual.niveau, leerwegen=[str(lw) for lw in qual.leerwegen],
        dossier=qual.dossier, dossier_crebo=qual.dossier_crebo, opleidingsdomein=qual.opleidingsdomein,
        sectorkamer=qual.sectorkamer, beroepsbeschrijving=qual.beroepsbeschrijving,
        kerntaken=[KerntaakPublic(code=k.code, name=k.name, source=source, werkprocessen=[
            WerkprocesPublic(code=w.code, name=w.name, description=w.description) for w in k.werkprocessen])
            for k in kerntaken],
        skills=[c.label for c in state.vocab.for_crebo(qual.crebo)][:60],
        official_skills=[OfficialSkillPublic(label=sk.label, category=sk.category, source=sk.source)
                         for sk in (state.vocab.official_skills(qual.crebo) or state.ref.official_skills.get(qual.crebo, []))
                         ][:MAX_OFFICIAL_SKILLS],
        occupations=[{"label": label, "score": round(score, 3)}
                     for label, score in state.vocab.occupations_for(qual.crebo)][:20],
        providers=providers,
        n_offerings=sum(len(p.offerings) for p in providers),
    )
