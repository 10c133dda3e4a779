"""GET /api/coverage: per opleidingsdomein/dossier/qualification, per mbo-certificaat (with the denominator's
source), per institution and per arbeidsmarktregio, what was found; GET /api/certificates: the certificate
catalogue with its coverage."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter

from api.deps import StateDep
from index.certificate_coverage import certificate_coverage
from index.offering_coverage import compute_coverage
from skills.locations import building_region

router = APIRouter(prefix="/api/coverage", tags=["coverage"])
certificates_router = APIRouter(prefix="/api/certificates", tags=["coverage"])


@router.get("", summary="Dekking: wat is vindbaar, per kwalificatie, certificaat, instelling en arbeidsmarktregio")
def coverage(state: StateDep) -> dict[str, Any]:
    ref = state.ref
    gazetteer = ref.gazetteer
    return state.coverage(lambda payloads: compute_coverage(
        ref.qualifications, ref.certificate_catalogue(), list(payloads), ref.legacy, providers=ref.providers,
        regions=gazetteer.regions if gazetteer is not None else (),
        region_of=partial(building_region, gazetteer), standalone=ref.lineage.standalone))


@certificates_router.get("", summary="Mbo-certificaten: de catalogus uit de bronnen, met vindbaar aanbod")
def certificates(state: StateDep) -> dict[str, Any]:
    ref = state.ref
    return state.coverage(lambda payloads: certificate_coverage(
        ref.certificate_catalogue(), list(payloads), ref.qualifications, ref.legacy, ref.lineage.standalone),
        key="certificates")
