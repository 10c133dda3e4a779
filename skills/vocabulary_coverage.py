"""Coverage of the skills vocabulary: what we know about each qualification.

Status per qualification, richest first:

- ``werkprocessen`` — its kerntaken and werkprocessen are in our dossier data;
- ``occupations`` — no werkprocessen, but linked ESCO occupations (labels, descriptions) describe it;
- ``name-only`` — nothing but the name, dossier and opleidingsdomein.

Every qualification stays findable: ``Vocabulary.qualification_text`` always holds the name, its
expansion, the dossier and the opleidingsdomein, plus whatever richer text exists — including the
everyday-language lexicon (``lexicon_terms``), which is not counted as a status because it is the project's
own writing, not reference data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from skills.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class QualificationCoverage:
    crebo: str
    name: str
    niveau: int
    dossier: str
    kerntaken: int
    werkprocessen: int
    has_beroepsbeschrijving: bool
    occupations: int
    lexicon_terms: int  # everyday words from skills.lexicon (0 when switched off)
    status: str  # "werkprocessen" | "occupations" | "name-only"
    findable_through: tuple[str, ...]  # which parts of qualification_text carry it


@dataclass
class CoverageReport:
    rows: list[QualificationCoverage] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Qualifications per status, plus totals for beroepsbeschrijving and kerntaken."""
        out = {"qualifications": len(self.rows), "werkprocessen": 0, "occupations": 0, "name-only": 0}
        for row in self.rows:
            out[row.status] += 1
        out["with_beroepsbeschrijving"] = sum(r.has_beroepsbeschrijving for r in self.rows)
        out["with_kerntaken"] = sum(r.kerntaken > 0 for r in self.rows)
        out["with_linked_occupations"] = sum(r.occupations > 0 for r in self.rows)
        out["with_lexicon"] = sum(r.lexicon_terms > 0 for r in self.rows)
        return out

    def without_werkprocessen(self) -> list[QualificationCoverage]:
        """Qualifications our data has no werkprocessen for (found by name, dossier, occupations)."""
        return [r for r in self.rows if r.werkprocessen == 0]

    def to_dict(self) -> dict[str, Any]:
        return {"counts": self.counts(), "qualifications": [asdict(r) for r in self.rows]}


def coverage(vocab: Vocabulary) -> CoverageReport:
    """The coverage report for every current qualification in the vocabulary, in crebo order."""
    rows: list[QualificationCoverage] = []
    for crebo, q in sorted(vocab.qualifications.items()):
        n_wp = sum(len(kt.werkprocessen) for kt in q.kerntaken)
        n_occ = len(vocab.occupations_for(crebo))
        status = "werkprocessen" if n_wp else ("occupations" if n_occ else "name-only")
        through = ["naam", "dossier", "opleidingsdomein"]
        if q.beroepsbeschrijving:
            through.append("beroepsbeschrijving")
        if q.kerntaken:
            through.append("kerntaken")
        if n_wp:
            through.append("werkprocessen")
        if n_occ:
            through.append("ESCO-beroepen")
        entry = vocab.lexicon.get(crebo)
        n_lex = len(entry.terms()) if entry is not None else 0
        if n_lex:
            through.append("alledaagse woorden")
        rows.append(QualificationCoverage(
            crebo=crebo, name=q.name, niveau=q.niveau, dossier=q.dossier, kerntaken=len(q.kerntaken),
            werkprocessen=n_wp, has_beroepsbeschrijving=bool(q.beroepsbeschrijving), occupations=n_occ,
            lexicon_terms=n_lex, status=status, findable_through=tuple(through)))
    return CoverageReport(rows)
