"""Kwalificatiedossier content attached to qualifications: kerntaken, werkprocessen, beroepsbeschrijving,
sectorkamer.

Two sources (see kwalificatiedossiers/PROVENANCE.md):

* ``kerntaken_werkprocessen.csv`` + ``profielen.csv``, flattened from SBB's XML export: coded werkprocessen
  (B1-K1-W1 basisdeel, P1-K1-W1 profieldeel). Every profile of a dossier gets the dossier's basisdeel
  plus its own profieldeel.
* ``profielen_kerntaken.json``: profiles without codes, linked by ``crebo_2015_exact_name_match``. Used
  only for qualifications the coded source does not cover.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from skills.model import Kerntaak, Qualification, Werkproces
from skills.reference.table import ReferenceFiles, Row, read_keyed
from skills.reference.validation import ProblemLog, is_crebo, is_werkproces_code

WERKPROCES_FILE = "kwalificatiedossiers/kerntaken_werkprocessen.csv"
PROFIEL_FILE = "kwalificatiedossiers/profielen.csv"
PROFILE_JSON_FILE = "kwalificatiedossiers/profielen_kerntaken.json"
WERKPROCES_COLUMNS = ("dossier_crebo", "kwalificatiedossier", "deel", "profiel_crebo", "code", "kerntaak",
                      "werkproces", "omschrijving")
PROFIEL_COLUMNS = ("dossier_crebo", "kwalificatiedossier", "sectorkamer", "opleidingsdomein", "crebo",
                   "kwalificatie", "niveau", "typering_van_het_beroep")

_CODE_NUMBERS = re.compile(r"\d+")


def _code_order(code: str) -> tuple[str, tuple[int, ...]]:
    """B before P, then numerically (P1-K1-W10 after P1-K1-W9)."""
    return code[:1], tuple(int(n) for n in _CODE_NUMBERS.findall(code))


def _kerntaken(rows: list[Row]) -> tuple[Kerntaak, ...]:
    grouped: dict[str, tuple[str, list[Werkproces]]] = {}
    for row in sorted(rows, key=lambda r: _code_order(r.get("code"))):
        code = row.get("code")
        kerntaak_code = code.rsplit("-W", 1)[0]
        werkproces = Werkproces(code=code, name=row.get("werkproces"), description=row.get("omschrijving"))
        grouped.setdefault(kerntaak_code, (row.get("kerntaak"), []))[1].append(werkproces)
    return tuple(Kerntaak(code=k, name=name, werkprocessen=tuple(wps)) for k, (name, wps) in grouped.items())


def _profile_qualification(row: Row) -> Qualification | None:
    niveau = row.get("niveau")
    if not niveau.isdigit() or not 1 <= int(niveau) <= 4:
        return None
    return Qualification(
        crebo=row.get("crebo"),
        name=" ".join(row.get("kwalificatie").split()),
        niveau=int(niveau),
        leerwegen=(),
        dossier_crebo=row.get("dossier_crebo"),
        dossier=row.get("kwalificatiedossier"),
        opleidingsdomein=row.get("opleidingsdomein"),
        soort_opleiding=row.get("soort_opleiding"),
    )


def attach_coded(
    files: ReferenceFiles, qualifications: dict[str, Qualification], log: ProblemLog
) -> tuple[dict[str, Qualification], int]:
    """Attach SBB-coded kerntaken/werkprocessen, beroepsbeschrijving and sectorkamer.

    A profile whose crebo is not in the qualification list (a newer dossier imported with
    ``llo data import sbb-xml``) becomes a qualification of its own. Returns the updated mapping and the
    number of werkproces rows read.
    """
    profiles = read_keyed(files, PROFIEL_FILE, lambda r: r.get("crebo"), log, "profile crebo",
                          required=PROFIEL_COLUMNS, overlay_required=PROFIEL_COLUMNS)
    werkprocessen = read_keyed(
        files, WERKPROCES_FILE,
        lambda r: f"{r.get('dossier_crebo')}/{r.get('profiel_crebo') or 'basis'}/{r.get('code')}",
        log, "werkproces", required=WERKPROCES_COLUMNS, overlay_required=WERKPROCES_COLUMNS)
    result = dict(qualifications)
    if profiles is None:
        return result, 0
    dossier_of: dict[str, str] = {}
    sectorkamer: dict[str, str] = {}
    for row in profiles.values():
        crebo, dossier_crebo = row.get("crebo"), row.get("dossier_crebo")
        if not is_crebo(crebo) or not is_crebo(dossier_crebo):
            log.add(row.file, row.line, f"malformed crebo {crebo!r} or dossier_crebo {dossier_crebo!r}")
            continue
        known = result.get(crebo)
        if known is not None and known.dossier_crebo and known.dossier_crebo != dossier_crebo:
            log.add(row.file, row.line, f"profile {crebo} names dossier {dossier_crebo}, but the "
                    f"qualification list puts it in dossier {known.dossier_crebo}")
            continue
        if known is None:
            created = _profile_qualification(row)
            if created is None:
                log.add(row.file, row.line, f"profile {crebo}: niveau {row.get('niveau')!r} is not 1..4")
                continue
            result[crebo] = created
        dossier_of[crebo] = dossier_crebo
        if row.get("sectorkamer"):
            sectorkamer[dossier_crebo] = row.get("sectorkamer")

    known_dossiers = set(dossier_of.values())
    basis: dict[str, list[Row]] = {}
    profiel: dict[str, list[Row]] = {}
    for row in (werkprocessen or {}).values():
        code, deel = row.get("code"), row.get("deel")
        dossier_crebo, profiel_crebo = row.get("dossier_crebo"), row.get("profiel_crebo")
        if not is_werkproces_code(code):
            log.add(row.file, row.line, f"malformed werkproces code {code!r} (expected e.g. B1-K1-W2 or P1-K1-W1)")
            continue
        if dossier_crebo not in known_dossiers:
            log.add(row.file, row.line, f"unknown dossier reference {dossier_crebo!r} (not in {PROFIEL_FILE})")
            continue
        if deel == "basis" and code.startswith("B"):
            basis.setdefault(dossier_crebo, []).append(row)
        elif deel == "profiel" and code.startswith("P"):
            if dossier_of.get(profiel_crebo) != dossier_crebo:
                log.add(row.file, row.line, f"unknown profile reference {profiel_crebo!r} in dossier {dossier_crebo}")
                continue
            profiel.setdefault(profiel_crebo, []).append(row)
        else:
            log.add(row.file, row.line, f"deel {deel!r} does not fit code {code!r} (basis → B.., profiel → P..)")

    for crebo, dossier_crebo in dossier_of.items():
        kerntaken = _kerntaken(basis.get(dossier_crebo, []) + profiel.get(crebo, []))
        beschrijving = profiles[crebo].get("typering_van_het_beroep")
        result[crebo] = replace(result[crebo], kerntaken=kerntaken,
                                beroepsbeschrijving=beschrijving or result[crebo].beroepsbeschrijving)
    for crebo, qualification in result.items():
        if qualification.dossier_crebo in sectorkamer and not qualification.sectorkamer:
            result[crebo] = replace(qualification, sectorkamer=sectorkamer[qualification.dossier_crebo])
    return result, len(werkprocessen or {})


def _json_entries(path: Path, log: ProblemLog) -> list[object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        log.add(str(path), exc.lineno, f"invalid JSON: {exc.msg}")
        return []
    except (OSError, UnicodeDecodeError) as exc:
        log.add(str(path), None, f"cannot read file: {exc}")
        return []
    if not isinstance(data, list):
        log.add(str(path), None, "expected a JSON list of profiles")
        return []
    return data


def _uncoded_kerntaken(entry: dict[str, object]) -> tuple[Kerntaak, ...] | None:
    raw = entry.get("kerntaken")
    if not isinstance(raw, list):
        return None
    kerntaken = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("kerntaak"), str):
            return None
        names = item.get("werkprocessen", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return None
        werkprocessen = tuple(Werkproces(code="", name=" ".join(n.split())) for n in names if n.strip())
        kerntaken.append(Kerntaak(code="", name=" ".join(str(item["kerntaak"]).split()),
                                  werkprocessen=werkprocessen))
    return tuple(kerntaken)


def attach_uncoded(
    files: ReferenceFiles, qualifications: dict[str, Qualification], log: ProblemLog
) -> tuple[dict[str, Qualification], int]:
    """Attach profielen_kerntaken.json profiles (no codes) by ``crebo_2015_exact_name_match``.

    Coded kerntaken already attached win; the JSON then only fills an empty beroepsbeschrijving.
    Returns the updated mapping and the number of profiles read. The file is optional.
    """
    result = dict(qualifications)
    count = 0
    for path in files.paths(PROFILE_JSON_FILE):
        for number, entry in enumerate(_json_entries(path, log), start=1):
            where = f"entry {number}"
            if not isinstance(entry, dict) or not str(entry.get("kwalificatie") or "").strip():
                log.add(str(path), None, f"{where}: expected an object with a 'kwalificatie'")
                continue
            where = f"{where} ({entry['kwalificatie']!r})"
            kerntaken = _uncoded_kerntaken(entry)
            if kerntaken is None:
                log.add(str(path), None, f"{where}: 'kerntaken' must be a list of "
                        "{kerntaak: str, werkprocessen: [str]}")
                continue
            count += 1
            crebo = str(entry.get("crebo_2015_exact_name_match") or "").strip()
            if not crebo:
                continue
            if not is_crebo(crebo):
                log.add(str(path), None, f"{where}: malformed crebo {crebo!r}")
                continue
            qualification = result.get(crebo)
            if qualification is None:
                log.add(str(path), None, f"{where}: unknown crebo reference {crebo}")
                continue
            beschrijving = " ".join(str(entry.get("beroepsbeschrijving") or "").split())
            if any(k.code for k in qualification.kerntaken):
                if not qualification.beroepsbeschrijving and beschrijving:
                    result[crebo] = replace(qualification, beroepsbeschrijving=beschrijving)
                continue
            result[crebo] = replace(qualification, kerntaken=kerntaken,
                                    beroepsbeschrijving=beschrijving or qualification.beroepsbeschrijving)
    return result, count
