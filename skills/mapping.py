"""Mapping an offering onto a qualification (crebo), and a certificate where the page names one.

Evidence, strongest first:

1. an explicit crebo (stated, or "crebo 25491" in the text), resolved through the current and legacy
   lists and the lineage of newer codes by :class:`skills.resolver.CreboResolver` (25656 → Verzorgende IG,
   filed under its 2015 crebo 25491; a newer code with no 2015 predecessor maps to itself); flagged when the title clearly names another
   qualification or another level ("crebo-contradicts-text"), when it is a 2014 code ("legacy-crebo"),
   and when it is not in our lists ("unknown-crebo", then the other evidence decides);
2. the qualification's name in the title (exact after normalisation, contained, or fuzzy), or a
   certificate from the reference list that names its parent qualification;
3. names mentioned in the page text, and the TF-IDF similarity between the page text and each
   qualification's vocabulary text (werkprocessen, beroepsbeschrijving, linked ESCO occupations) — without
   the everyday-language lexicon, whose generic workplace and tool words made this evidence less
   discriminating (top-1 on the sample web 0.970 → 0.965 with them; docs/benchmarks.md).

The niveau (stated, or in the title) breaks ties between one name at several levels. Below the
threshold the mapping is "unmapped" with crebo None: never a forced guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from skills.certificates import CertificateMatcher
from skills.model import Mapping, Offering, OfferingType, Qualification
from skills.names import NameHit, NameMatcher
from skills.reference import ReferenceData
from skills.resolver import CreboResolver
from skills.text import niveau_in
from skills.tfidf import TfidfIndex

if TYPE_CHECKING:
    # Only a type here; importing it at run time would pull scikit-learn into `llo --help`.
    from skills.vocabulary import Vocabulary

DEFAULT_THRESHOLD = 0.5
NIVEAU_AGREES, NIVEAU_DISAGREES = 0.03, -0.25
SKILLS_WEIGHT = 0.15  # how much text similarity adds to a name candidate (tiebreaks, same-name pairs)
SKILLS_MIN_COSINE = 0.2
CONTRADICTION_MIN = 0.85  # a title name match at least this strong can contradict a stated crebo
TEXT_OVERRIDES_CREBO = 0.95  # ... and at least this strong (with the level agreeing) wins over it
_CREBO_IN_TEXT = re.compile(r"\bcrebo(?:[- ]?(?:code|nummer|nr\.?))?\s*:?\s*(\d{5})\b", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    crebo: str
    score: float
    method: str
    evidence: list[str] = field(default_factory=list)
    how: str = ""  # the name evidence's kind (skills.names.NameHit.how), "" for other evidence


class Mapper:
    """Maps offerings to qualifications using reference data and the skills vocabulary.

    ``map`` never raises on odd offerings (empty title, unknown crebo): the answer is then "unmapped"
    or a flagged mapping, with the evidence saying why.
    """

    def __init__(self, ref: ReferenceData, vocab: Vocabulary, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.ref = ref
        self.vocab = vocab
        self.threshold = threshold
        self.quals: dict[str, Qualification] = dict(sorted(ref.qualifications.items()))
        self.resolver = CreboResolver(ref)
        self.names = NameMatcher(self.quals.values())
        self.certificates = CertificateMatcher(ref.certificates, self.resolver)
        self.skills = TfidfIndex([(c, vocab.qualification_text(c, everyday=False)) for c in self.quals])

    # -- public -------------------------------------------------------------------------------------
    def map(self, offering: Offering) -> Mapping:
        """The best-supported qualification for ``offering``, or method "unmapped" below the threshold."""
        text = f"{offering.title}\n{offering.description}"
        flags: list[str] = []
        evidence: list[str] = []
        level = offering.niveau or niveau_in(offering.title)
        cert = self.certificates.find(offering, text)
        stated = offering.crebo_stated or self._crebo_in_text(text)

        candidates = self._name_candidates(offering, text, level)
        if cert.parent_crebo in self.quals:
            self._offer(candidates, _Candidate(cert.parent_crebo, 0.9, "name-exact", [cert.parent_evidence]))
        skills = self.skills.scores(text)
        for cand in candidates.values():
            cos = skills.get(cand.crebo, 0.0)
            cand.score += SKILLS_WEIGHT * cos
            if cos >= SKILLS_MIN_COSINE:
                cand.evidence.append(f"vaardigheden in de tekst lijken op de kwalificatie (cosine {cos:.2f})")
        self._skills_candidate(candidates, skills, level)
        best = max(candidates.values(), key=lambda c: (c.score, c.crebo), default=None)

        chosen: _Candidate | None = None
        if stated:
            chosen = self._from_crebo(stated, best, candidates, level, flags, evidence)
        if chosen is None and offering.offering_type is OfferingType.NON_MBO and not stated:
            evidence.append("geen mbo-opleiding (cursus buiten de kwalificatiestructuur)")
        elif chosen is None:
            chosen = self._unstated_choice(offering, best, flags, evidence)
        if chosen is None or chosen.score < self.threshold:
            if chosen is not None:
                evidence.append(f"beste kandidaat {chosen.crebo} ({self.quals[chosen.crebo].name}) "
                                f"onder de drempel: {chosen.score:.2f} < {self.threshold:.2f}")
            elif not evidence:
                evidence.append("geen kwalificatienaam, crebo of passende vaardigheden gevonden")
            return Mapping(offering.id, None, round(chosen.score if chosen else 0.0, 3), "unmapped",
                           tuple(evidence), cert.name, cert.codes, tuple(flags))
        self._note_duplicates(chosen, evidence)
        return Mapping(offering.id, chosen.crebo, round(min(chosen.score, 1.0), 3), chosen.method,
                       tuple(evidence + chosen.evidence), cert.name, cert.codes, tuple(flags))

    def _unstated_choice(self, offering: Offering, best: _Candidate | None, flags: list[str],
                         evidence: list[str]) -> _Candidate | None:
        """``best`` when nothing argues against it. A title that is only part of a longer qualification
        name ("Sociaal werker" in "Sociaal-cultureel werker") beside a code we do not know most likely
        names a newer qualification; a praktijkverklaring route whose title names no qualification is
        not about the roles its text mentions."""
        if best is None:
            return None
        if "unknown-crebo" in flags and best.how == "covers":
            evidence.append(f"titel is maar een deel van de naam '{self.quals[best.crebo].name}'; de onbekende "
                            "crebo wijst op een andere (nieuwere) kwalificatie")
            return None
        if offering.offering_type is OfferingType.PRAKTIJKVERKLARING and best.how in ("mention", ""):
            evidence.append("praktijkverklaring zonder kwalificatie in de titel")
            return None
        return best

    def map_all(self, offerings: Iterable[Offering]) -> list[Mapping]:
        """``map`` for each offering, in input order."""
        return [self.map(o) for o in offerings]

    # -- evidence -----------------------------------------------------------------------------------
    @staticmethod
    def _crebo_in_text(text: str) -> str | None:
        match = _CREBO_IN_TEXT.search(text)
        return match.group(1) if match else None

    @staticmethod
    def _offer(candidates: dict[str, _Candidate], cand: _Candidate) -> None:
        if cand.crebo not in candidates or cand.score > candidates[cand.crebo].score:
            candidates[cand.crebo] = cand

    def _name_candidates(self, offering: Offering, text: str, level: int | None) -> dict[str, _Candidate]:
        hits: dict[str, NameHit] = dict(self.names.text_hits(offering.description))
        for crebo, hit in self.names.title_hits(offering.title).items():
            if crebo not in hits or hit.score >= hits[crebo].score:
                hits[crebo] = hit
        candidates: dict[str, _Candidate] = {}
        for crebo, hit in hits.items():
            method = "name-exact" if hit.how == "exact" else "name-fuzzy"
            cand = _Candidate(crebo, hit.score, method, [hit.evidence], hit.how)
            self._adjust_level(cand, level)
            candidates[crebo] = cand
        if level is not None:
            self._prefer_level(candidates, hits, level)
        return candidates

    def _prefer_level(self, candidates: dict[str, _Candidate], hits: dict[str, NameHit], level: int) -> None:
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

    def _adjust_level(self, cand: _Candidate, level: int | None) -> None:
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

    def _skills_candidate(self, candidates: dict[str, _Candidate], skills: dict[str, float],
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
            candidates[crebo] = _Candidate(crebo, score, "skills", [why])

    def _from_crebo(self, stated: str, best: _Candidate | None, candidates: dict[str, _Candidate],
                    level: int | None, flags: list[str], evidence: list[str]) -> _Candidate | None:
        """The stated crebo as a candidate, or None (with a flag) when the other evidence must decide."""
        res = self.resolver.resolve(stated)
        status, note, crebo = res.status, res.note, res.crebo
        if status == "newer-own" and res.qualification is not None:
            return self._standalone(stated, res.qualification, level, flags, evidence)
        if status == "unknown" or (crebo is not None and crebo not in self.quals and status != "malformed"):
            flags.append("unknown-crebo")
            evidence.append(f"crebo {stated} staat niet in onze lijsten{': ' + note if note else ''}; "
                            "naam en vaardigheden beslissen")
            return None
        if status == "malformed" or crebo is None:
            if status == "legacy":
                flags.append("legacy-crebo")
            evidence.append(f"crebo {stated} niet bruikbaar ({status}{': ' + note if note else ''})")
            return None
        q = self.quals[crebo]
        if status in ("legacy", "renumbered"):
            flags.append("legacy-crebo")
        how = f"crebo {stated}" + (f" (= {crebo})" if crebo != stated else "")
        cand = _Candidate(crebo, 0.98 if status in ("current", "newer") else 0.93, "crebo",
                          [f"{how} op de pagina: {q.name} (niveau {q.niveau})" + (f"; {note}" if note else "")])
        own = candidates.get(crebo)
        name_conflict = (best is not None and best.crebo != crebo and best.method != "skills"
                         and best.score >= CONTRADICTION_MIN and (own is None or own.score < 0.6)
                         and self.names.keys[best.crebo] != self.names.keys[crebo])
        level_conflict = level is not None and level != q.niveau
        if not (name_conflict or level_conflict):
            if own is not None:
                cand.evidence.append("titel/tekst bevestigt de naam")
            return cand
        flags.append("crebo-contradicts-text")
        if level_conflict:
            evidence.append(f"crebo {stated} is niveau {q.niveau}, de pagina zegt niveau {level}")
        if best is not None and best.crebo != crebo and best.score >= TEXT_OVERRIDES_CREBO:
            evidence.append(f"crebo {stated} ({q.name}) spreekt de titel tegen; de titel wint")
            return best
        cand.score = 0.7
        if best is not None and best.crebo != crebo:
            evidence.append(f"tekst wijst eerder op {best.crebo} ({self.quals[best.crebo].name})")
        return cand

    @staticmethod
    def _standalone(stated: str, q: Qualification, level: int | None, flags: list[str],
                    evidence: list[str]) -> _Candidate:
        """A newer crebo with no 2015 predecessor: the qualification of its own (lineage), taken as stated."""
        cand = _Candidate(q.crebo, 0.95, "crebo", [f"crebo {stated} op de pagina: {q.name}, een kwalificatie sinds "
                                                  f"2016 zonder 2015-voorganger (bron: {q.name_source})"])
        if level is not None and q.niveau and level != q.niveau:
            flags.append("crebo-contradicts-text")
            evidence.append(f"crebo {stated} is niveau {q.niveau}, de pagina zegt niveau {level}")
            cand.score = 0.7
        return cand

    def _note_duplicates(self, chosen: _Candidate, evidence: list[str]) -> None:
        key = self.names.keys.get(chosen.crebo)
        twins = [c for c, k in self.names.keys.items() if k == key and c != chosen.crebo]
        if twins and chosen.method != "crebo":
            chosen.score = max(self.threshold, chosen.score - 0.05)
            evidence.append(f"dezelfde naam bestaat ook als crebo {', '.join(twins)}; gekozen op de tekst")
