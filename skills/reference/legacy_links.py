"""Links from the 2014 structure's codes (qualifications_legacy_2014.csv) to the 2015 qualifications: the same
name (at the same niveau when several share it), or a 2015 dossier of that name holding exactly one
qualification of that niveau. A 2014 code with no such successor is recorded with the reason."""

from __future__ import annotations

from skills.model import Qualification
from skills.reference.lineage import Lineage, LineageLink, name_key


def link_legacy(current: dict[str, Qualification], legacy: dict[str, Qualification],
                lineage: Lineage) -> None:
    """Add a link (evidence ``exact-name`` or ``dossier``) or an unlinked reason for every 2014 code."""
    by_name: dict[str, list[Qualification]] = {}
    by_dossier: dict[str, list[Qualification]] = {}
    for q in current.values():
        by_name.setdefault(name_key(q.name), []).append(q)
        by_dossier.setdefault(name_key(q.dossier), []).append(q)
    for code, old in legacy.items():
        named = by_name.get(name_key(old.name), [])
        if len(named) > 1:
            named = [q for q in named if q.niveau == old.niveau]
        if len(named) == 1:
            lineage.links[code] = LineageLink(code, named[0].crebo, "legacy", "exact-name",
                                              "qualifications_legacy_2014.csv", "exact name match")
            continue
        if named:
            lineage.unlinked_legacy[code] = ("several 2015 qualifications share its name ("
                                             + ", ".join(sorted(q.crebo for q in named)) + ")")
            continue
        in_dossier = [q for q in by_dossier.get(name_key(old.name), []) if q.niveau == old.niveau]
        if len(in_dossier) == 1:
            lineage.links[code] = LineageLink(
                code, in_dossier[0].crebo, "legacy", "dossier", "qualifications_legacy_2014.csv",
                f"2015 dossier {in_dossier[0].dossier!r} has one qualification of niveau {old.niveau}")
            continue
        lineage.unlinked_legacy[code] = "no 2015 qualification with the same name"
