"""A crebo stated on a page, weighed against the other evidence (names in the title, the stated niveau):
resolved through the current and legacy lists and the lineage, flagged when it is a 2014 code
("legacy-crebo"), unknown ("unknown-crebo") or contradicted by the text ("crebo-contradicts-text")."""

from __future__ import annotations

from skills.candidates import Candidate
from skills.model import Qualification
from skills.names import NameMatcher
from skills.resolver import CreboResolver

CONTRADICTION_MIN = 0.85  # a title name match at least this strong can contradict a stated crebo
TEXT_OVERRIDES_CREBO = 0.95  # ... and at least this strong (with the level agreeing) wins over it


class StatedCrebo:
    """Judges stated crebos against one qualification list."""

    def __init__(self, quals: dict[str, Qualification], names: NameMatcher, resolver: CreboResolver) -> None:
        self.quals = quals
        self.names = names
        self.resolver = resolver

    def judge(self, stated: str, best: Candidate | None, candidates: dict[str, Candidate],
                    level: int | None, flags: list[str], evidence: list[str]) -> Candidate | None:
        """The stated crebo as a candidate, or None (with a flag in ``flags`` and the reason in ``evidence``)
        when the other evidence must decide."""
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
        cand = Candidate(crebo, 0.98 if status in ("current", "newer") else 0.93, "crebo",
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
                    evidence: list[str]) -> Candidate:
        """A newer crebo with no 2015 predecessor: the qualification of its own (lineage), taken as stated."""
        cand = Candidate(q.crebo, 0.95, "crebo", [f"crebo {stated} op de pagina: {q.name}, een kwalificatie sinds "
                                                  f"2016 zonder 2015-voorganger (bron: {q.name_source})"])
        if level is not None and q.niveau and level != q.niveau:
            flags.append("crebo-contradicts-text")
            evidence.append(f"crebo {stated} is niveau {q.niveau}, de pagina zegt niveau {level}")
            cand.score = 0.7
        return cand
