"""Candidate qualifications for one offering, from names (title and text) and text similarity, with the
niveau the page states adjusting their scores (used by :class:`skills.mapping.Mapper`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from skills.model import Offering, Qualification
from skills.names import NameHit, NameMatcher

NIVEAU_AGREES, NIVEAU_DISAGREES = 0.03, -0.25
SKILLS_MIN_COSINE = 0.2


@dataclass(slots=True)
class Candidate:
    """One qualification an offering may be about, with its score, method and the evidence for it."""

    crebo: str
    score: float
    method: str
    evidence: list[str] = field(default_factory=list)
    how: str = ""  # the name evidence's kind (skills.names.NameHit.how), "" for other evidence


def offer(candidates: dict[str, Candidate], cand: Candidate) -> None:
    """Add ``cand``, keeping the better-scored of two candidates for one crebo."""
    if cand.crebo not in candidates or cand.score > candidates[cand.crebo].score:
        candidates[cand.crebo] = cand


class CandidateFinder:
    """Name and text-similarity candidates over one qualification list."""

    def __init__(self, quals: dict[str, Qualification], names: NameMatcher) -> None:
        self.quals = quals
        self.names = names

    def from_names(self, offering: Offering, text: str, level: int | None) -> dict[str, Candidate]:
        """Candidates from qualification names in the title and text, scored and adjusted for ``level``."""
        hits: dict[str, NameHit] = dict(self.names.text_hits(offering.description))
        for crebo, hit in self.names.title_hits(offering.title).items():
            if crebo not in hits or hit.score >= hits[crebo].score:
                hits[crebo] = hit
        candidates: dict[str, Candidate] = {}
        for crebo, hit in hits.items():
            method = "name-exact" if hit.how == "exact" else "name-fuzzy"
            cand = Candidate(crebo, hit.score, method, [hit.evidence], hit.how)
            self._adjust_level(cand, level)
            candidates[crebo] = cand
        if level is not None:
            self._prefer_level(candidates, hits, level)
        return candidates

    def _prefer_level(self, candidates: dict[str, Candidate], hits: dict[str, NameHit], level: int) -> None:
        """One occupation at several levels ("Kok" 2, "Zelfstandig werkend kok" 3): when the title's best
        name is at another level than stated, the same dossier's qualification at the stated level wins."""
        wrong = [c for c in candidates.values()
                 if self.quals[c.crebo].niveau != level and hits[c.crebo].how != "mention"]
        for cand in sorted(wrong, key=lambda c: (-hits[c.crebo].score, c.crebo)):
            dossier = self.quals[cand.crebo].dossier_crebo
            right = [c for c in candidates.values() if self.quals[c.crebo].niveau == level
                     and self.quals[c.crebo].dossier_crebo == dossier and hits[c.crebo].how != "mention"]
            for other in right:
                boosted = hits[cand.crebo].score - 0.05
                if boosted > other.score:
                    other.score = boosted
                    other.evidence.append(f"zelfde beroep als '{self.quals[cand.crebo].name}', "
                                          f"maar op het genoemde niveau {level}")

    def _adjust_level(self, cand: Candidate, level: int | None) -> None:
        if level is None:
            return
        q = self.quals[cand.crebo]
        if q.niveau == level:
            cand.score += NIVEAU_AGREES
            cand.evidence.append(f"niveau {level} klopt")
        else:
            cand.score += NIVEAU_DISAGREES
            if cand.method == "name-exact":
                cand.method = "name-fuzzy"
            cand.evidence.append(f"niveau {level} op de pagina, de kwalificatie is niveau {q.niveau}")

    def add_skills_winner(self, candidates: dict[str, Candidate], skills: dict[str, float],
                          level: int | None) -> None:
        """The text-similarity winner (at the stated level when there is one) as a candidate of its own."""
        ranked = sorted(skills.items(), key=lambda kv: (-kv[1], kv[0]))
        if level is not None:
            ranked = [kv for kv in ranked if self.quals[kv[0]].niveau == level] or ranked
        if not ranked or ranked[0][1] < SKILLS_MIN_COSINE:
            return
        (crebo, cos), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        # Confidence grows with similarity and with the margin over the runner-up.
        score = min(0.8, 0.25 + cos + 1.5 * (cos - runner_up))
        why = (f"tekst lijkt het meest op kwalificatie '{self.quals[crebo].name}' "
               f"(cosine {cos:.2f}, volgende {runner_up:.2f})")
        if crebo not in candidates:
            candidates[crebo] = Candidate(crebo, score, "skills", [why])
