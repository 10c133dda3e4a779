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
from typing import TYPE_CHECKING

from skills.candidates import SKILLS_MIN_COSINE, Candidate, CandidateFinder, offer
from skills.certificates import CertificateMatcher
from skills.model import Mapping, Offering, OfferingType, Qualification
from skills.names import NameMatcher
from skills.reference import ReferenceData
from skills.resolver import CreboResolver
from skills.stated_crebo import StatedCrebo
from skills.text import niveau_in
from skills.tfidf import TfidfIndex

if TYPE_CHECKING:
    # Only a type here; importing it at run time would pull scikit-learn into `llo --help`.
    from skills.vocabulary import Vocabulary

DEFAULT_THRESHOLD = 0.5
SKILLS_WEIGHT = 0.15  # how much text similarity adds to a name candidate (tiebreaks, same-name pairs)
_CREBO_IN_TEXT = re.compile(r"\bcrebo(?:[- ]?(?:code|nummer|nr\.?))?\s*:?\s*(\d{5})\b", re.IGNORECASE)


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
        self.candidates = CandidateFinder(self.quals, self.names)
        self.stated = StatedCrebo(self.quals, self.names, self.resolver)
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

        candidates = self.candidates.from_names(offering, text, level)
        if cert.parent_crebo in self.quals:
            offer(candidates, Candidate(cert.parent_crebo, 0.9, "name-exact", [cert.parent_evidence]))
        skills = self.skills.scores(text)
        for cand in candidates.values():
            cos = skills.get(cand.crebo, 0.0)
            cand.score += SKILLS_WEIGHT * cos
            if cos >= SKILLS_MIN_COSINE:
                cand.evidence.append(f"vaardigheden in de tekst lijken op de kwalificatie (cosine {cos:.2f})")
        self.candidates.add_skills_winner(candidates, skills, level)
        best = max(candidates.values(), key=lambda c: (c.score, c.crebo), default=None)

        chosen: Candidate | None = None
        if stated:
            chosen = self.stated.judge(stated, best, candidates, level, flags, evidence)
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

    def _unstated_choice(self, offering: Offering, best: Candidate | None, flags: list[str],
                         evidence: list[str]) -> Candidate | None:
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

    # -- evidence (names, niveau and text similarity: skills.candidates; a stated crebo: skills.stated_crebo) --
    @staticmethod
    def _crebo_in_text(text: str) -> str | None:
        match = _CREBO_IN_TEXT.search(text)
        return match.group(1) if match else None

    def _note_duplicates(self, chosen: Candidate, evidence: list[str]) -> None:
        key = self.names.keys.get(chosen.crebo)
        twins = [c for c, k in self.names.keys.items() if k == key and c != chosen.crebo]
        if twins and chosen.method != "crebo":
            chosen.score = max(self.threshold, chosen.score - 0.05)
            evidence.append(f"dezelfde naam bestaat ook als crebo {', '.join(twins)}; gekozen op de tekst")
