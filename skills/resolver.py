"""CreboResolver: what a crebo code printed on a page refers to, without guessing.

Statuses:

* ``current``: in the 2015 qualification list (or an imported newer list, which overrides lineage).
* ``newer``: a code of the structure since 2016 linked by evidence to one 2015 qualification
  (:mod:`skills.reference.lineage`: a document stating both codes, CompetentNL's label, school documents
  naming it); ``crebo`` is that 2015 code, whose skills, lexicon and werkprocessen apply.
* ``newer-own``: a newer code with a known name and no 2015 predecessor, a qualification in its own right;
  ``crebo`` is its code (the kept code when several newer codes share the name) and ``qualification`` the
  lineage's standalone entry.
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
    status: str  # "current" | "newer" | "newer-own" | "legacy" | "renumbered" | "unknown" | "malformed"
    crebo: str | None  # the 2015-structure crebo (the code itself for "newer-own") when known; never a guess
    # The 2015 qualification for "current"/"renumbered"; the 2014 one for "legacy"; None otherwise.
    qualification: Qualification | None
    note: str
    legacy_qualification: Qualification | None = None  # the 2014 entry for "legacy"/"renumbered"


class CreboResolver:
    """Resolve crebo codes against the 2015 list, the lineage and the 2014 list. Build once; ``resolve`` is a
    dict lookup."""

    def __init__(self, ref: ReferenceData) -> None:
        self._current = ref.qualifications
        self._legacy = ref.legacy
        self._lineage = ref.lineage
        self._dossiers = dict(ref.dossiers)
        legacy_dossiers = {q.dossier_crebo: q.dossier for q in ref.legacy.values() if q.dossier_crebo}
        for crebo, name in legacy_dossiers.items():
            self._dossiers.setdefault(crebo, f"{name} (2014)")

    def resolve(self, code: str) -> Resolution:
        """Resolve one code as printed (surrounding spaces ignored)."""
        text = code.strip()
        if not is_crebo(text):
            return Resolution(text, "malformed", None, None, "a crebo code is exactly 5 digits")
        current = self._current.get(text)
        if current is not None:
            return Resolution(text, "current", text, current, f"{current.name} (niveau {current.niveau})")
        link = self._lineage.links.get(text)
        if link is not None and link.era == "newer" and link.crebo in self._current:
            q = self._current[link.crebo]
            name = self._lineage.names.get(text, (q.name, ""))[0]
            return Resolution(text, "newer", link.crebo, q,
                              f"huidige code voor {name!r}; 2015-crebo {link.crebo} ({link.evidence}: {link.source})")
        own = self._lineage.standalone.get(link.crebo if link is not None else text) or \
            self._lineage.standalone.get(text)
        if own is not None:
            return Resolution(text, "newer-own", own.crebo, own,
                              f"{own.name} (eigen kwalificatie sinds 2016, geen 2015-voorganger; bron: {own.name_source})")
        old = self._legacy.get(text)
        if old is not None:
            if link is not None and link.crebo in self._current:
                successor = self._current[link.crebo]
                return Resolution(text, "renumbered", successor.crebo, successor,
                                  f"2014 code for {old.name!r}; 2015 crebo {successor.crebo} ({link.note})", old)
            why = self._lineage.unlinked_legacy.get(text, "no 2015 qualification with the same name")
            return Resolution(text, "legacy", None, old, f"2014 code for {old.name!r}; {why}", old)
        dossier = self._dossiers.get(text)
        if dossier is not None:
            return Resolution(text, "unknown", None, None,
                              f"{text} is the crebo of kwalificatiedossier {dossier!r}, not of a qualification")
        return Resolution(text, "unknown", None, None,
                          "not in the 2015 or 2014 list nor linked by lineage (possibly a newer renumbering)")
