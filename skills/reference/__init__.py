"""Reference data: qualifications, kwalificatiedossiers, ESCO, institutions, certificates and geo.

Call :func:`load_reference` once and pass the result inward; it is not cached here.
"""

from skills.reference.esco import EscoOccupation, EscoSkill, EscoSkillGroup
from skills.reference.loader import ReferenceData, load_reference, validate_reference
from skills.reference.validation import Problem

__all__ = [
    "EscoOccupation",
    "EscoSkill",
    "EscoSkillGroup",
    "Problem",
    "ReferenceData",
    "load_reference",
    "validate_reference",
]
