"""CreboResolver: what a crebo code printed on a page refers to, without guessing.

Statuses:

* ``current``: in the 2015 qualification list (or an imported newer list).
* ``renumbered``: in the 2014 legacy list and linked to exactly one 2015 qualification, by the exact
  (case/space-insensitive) qualification name, or else by a 2015 dossier of that exact name holding
  exactly one qualification of the same niveau. ``crebo`` is that 2015 code.
* ``legacy``: in the 2014 list with no unambiguous 2015 successor; ``crebo`` is None.
* ``unknown``: five digits but in neither list (a kwalificatiedossier crebo is said so in the note).
* ``malformed``: not five digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.model import Qualification
from skills.reference.loader import ReferenceData
from skills.reference.validation import is_crebo


@dataclass(frozen=True)
class Resolution:
    code: str
    status: str  # "current" | "legacy" | "renumbered" | "unknown" | "malformed"
    crebo: str | None  # the 2015-structure crebo when known; never a guess
    # The 2015 qualification for "current"/"renumbered"; the 2014 one for "legacy"; None otherwise.
    qualification: Qualification | None
    note: str
    legacy_qualification: Qualification | None = None  # the 2014 entry for "legacy"/"renumbered"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class CreboResolver:
    """Resolve crebo codes against the 2015 and 2014 lists. Build once; ``resolve`` is a dict lookup."""

    def __init__(self, ref: ReferenceData) -> None:
        self._current = ref.qualifications
        self._legacy = ref.legacy
        self._dossiers = dict(ref.dossiers)
        by_name: dict[str, list[Qualification]] = {}
        by_dossier: dict[str, list[Qualification]] = {}
        for qualification in ref.qualifications.values():
            by_name.setdefault(_key(qualification.name), []).append(qualification)
            by_dossier.setdefault(_key(qualification.dossier), []).append(qualification)
        self._successor: dict[str, tuple[Qualification | None, str]] = {
            crebo: self._find_successor(q, by_name, by_dossier) for crebo, q in ref.legacy.items()
        }
        legacy_dossiers = {q.dossier_crebo: q.dossier for q in ref.legacy.values() if q.dossier_crebo}
        for crebo, name in legacy_dossiers.items():
            self._dossiers.setdefault(crebo, f"{name} (2014)")

    @staticmethod
    def _find_successor(
        old: Qualification, by_name: dict[str, list[Qualification]], by_dossier: dict[str, list[Qualification]]
    ) -> tuple[Qualification | None, str]:
        named = by_name.get(_key(old.name), [])
        if len(named) > 1:
            named = [q for q in named if q.niveau == old.niveau]
        if len(named) == 1:
            return named[0], "exact name match"
        if named:
            listed = ", ".join(sorted(q.crebo for q in named))
            return None, f"several 2015 qualifications share its name ({listed})"
        in_dossier = [q for q in by_dossier.get(_key(old.name), []) if q.niveau == old.niveau]
        if len(in_dossier) == 1:
            return in_dossier[0], f"2015 dossier {in_dossier[0].dossier!r} has one qualification of niveau {old.niveau}"
        return None, "no 2015 qualification with the same name"

    def resolve(self, code: str) -> Resolution:
        """Resolve one code as printed (surrounding spaces ignored)."""
        text = code.strip()
        if not is_crebo(text):
            return Resolution(text, "malformed", None, None, "a crebo code is exactly 5 digits")
        current = self._current.get(text)
        if current is not None:
            return Resolution(text, "current", text, current, f"{current.name} (niveau {current.niveau})")
        old = self._legacy.get(text)
        if old is not None:
            successor, how = self._successor[text]
            if successor is not None:
                return Resolution(text, "renumbered", successor.crebo, successor,
                                  f"2014 code for {old.name!r}; 2015 crebo {successor.crebo} ({how})", old)
            return Resolution(text, "legacy", None, old, f"2014 code for {old.name!r}; {how}", old)
        dossier = self._dossiers.get(text)
        if dossier is not None:
            return Resolution(text, "unknown", None, None,
                              f"{text} is the crebo of kwalificatiedossier {dossier!r}, not of a qualification")
        return Resolution(text, "unknown", None, None,
                          "not in the 2015 or 2014 list (possibly a newer renumbering)")
