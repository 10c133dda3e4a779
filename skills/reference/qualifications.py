"""The 2015 qualification list (qualifications.csv) and the 2014 legacy list (qualifications_legacy_2014.csv).

Both share one layout (see qualifications/PROVENANCE.md). Leerwegen come from the 0/1 columns ``bol`` and
``bbl`` when present, else from the printed ``leerweg`` ("BOL/BBL", "BBL").
"""

from __future__ import annotations

from datetime import date

from skills.model import Leerweg, Qualification
from skills.reference.table import ReferenceFiles, Row, read_keyed
from skills.reference.validation import ProblemLog, is_crebo

CURRENT_FILE = "qualifications/qualifications.csv"
LEGACY_FILE = "qualifications/qualifications_legacy_2014.csv"
COLUMNS = ("crebo", "kwalificatie", "niveau", "leerweg", "kwalificatiedossier_crebo", "kwalificatiedossier",
           "opleidingsdomein")

_LEERWEG_WORDS = {
    "bol": Leerweg.BOL,
    "bbl": Leerweg.BBL,
    "derde leerweg": Leerweg.DERDE_LEERWEG,
    "derde_leerweg": Leerweg.DERDE_LEERWEG,
    "deeltijd": Leerweg.DEELTIJD,
    "bol-deeltijd": Leerweg.DEELTIJD,
}


def parse_leerwegen(text: str) -> tuple[Leerweg, ...] | None:
    """Parse a printed leerweg ("BOL/BBL", "BOL, BBL", "bbl") into leerwegen; None when unrecognised."""
    normal = text.lower().replace(" en ", "/").replace(",", "/").replace("+", "/")
    found: list[Leerweg] = []
    for part in (p.strip() for p in normal.split("/")):
        if not part:
            continue
        leerweg = _LEERWEG_WORDS.get(part)
        if leerweg is None:
            return None
        if leerweg not in found:
            found.append(leerweg)
    return tuple(found)


def _leerwegen(row: Row, log: ProblemLog) -> tuple[Leerweg, ...]:
    flags = (row.get("bol"), row.get("bbl"))
    if any(flags):
        if any(f not in {"0", "1"} for f in flags if f):
            log.add(row.file, row.line, f"bol/bbl must be 0 or 1, got {flags[0]!r}/{flags[1]!r}")
        found = tuple(lw for lw, flag in zip((Leerweg.BOL, Leerweg.BBL), flags, strict=True) if flag == "1")
        return found
    text = row.get("leerweg")
    parsed = parse_leerwegen(text)
    if parsed is None:
        log.add(row.file, row.line, f"unknown leerweg {text!r}")
        return ()
    return parsed


def _int(row: Row, column: str, log: ProblemLog, low: int | None = None, high: int | None = None) -> int | None:
    text = row.get(column)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        log.add(row.file, row.line, f"{column} {text!r} is not a number")
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        log.add(row.file, row.line, f"{column} {value} out of range {low}..{high}")
        return None
    return value


def _date(row: Row, column: str, log: ProblemLog) -> date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        log.add(row.file, row.line, f"{column} {text!r} is not a date (YYYY-MM-DD)")
        return None


def build_qualification(row: Row, log: ProblemLog, legacy: bool) -> Qualification | None:
    """One Qualification from a (merged) row; None, with problems logged, when the row is unusable."""
    crebo = row.get("crebo")
    ok = True
    if not is_crebo(crebo):
        log.add(row.file, row.line, f"malformed crebo {crebo!r} (expected 5 digits)")
        ok = False
    name = " ".join(row.get("kwalificatie").split())
    if not name:
        log.add(row.file, row.line, f"crebo {crebo}: empty kwalificatie")
        ok = False
    niveau = _int(row, "niveau", log, 1, 4)
    if niveau is None:
        if not row.get("niveau"):
            log.add(row.file, row.line, f"crebo {crebo}: missing niveau")
        ok = False
    dossier_crebo = row.get("kwalificatiedossier_crebo")
    if dossier_crebo and not is_crebo(dossier_crebo):
        log.add(row.file, row.line, f"malformed kwalificatiedossier_crebo {dossier_crebo!r} (expected 5 digits)")
        ok = False
    leerwegen = _leerwegen(row, log)
    domein_nr = _int(row, "opleidingsdomein_nr", log)
    valid_from = _date(row, "geldig_vanaf", log)
    if not ok or niveau is None:
        return None
    return Qualification(
        crebo=crebo,
        name=name,
        niveau=niveau,
        leerwegen=leerwegen,
        dossier_crebo=dossier_crebo,
        dossier=" ".join(row.get("kwalificatiedossier").split()),
        opleidingsdomein=row.get("opleidingsdomein"),
        opleidingsdomein_nr=domein_nr,
        valid_from=valid_from,
        soort_opleiding=row.get("soort_opleiding"),
        beroepsvereisten=row.get("beroepsvereisten"),
        legacy=legacy,
    )


def _check_dossier_names(rows: dict[str, Row], log: ProblemLog) -> None:
    """One dossier crebo must carry one dossier name throughout a list."""
    names: dict[str, tuple[str, Row]] = {}
    for row in rows.values():
        dossier_crebo, dossier = row.get("kwalificatiedossier_crebo"), row.get("kwalificatiedossier")
        if not dossier_crebo or not dossier:
            continue
        first = names.setdefault(dossier_crebo, (dossier, row))
        if first[0] != dossier:
            log.add(row.file, row.line, f"dossier {dossier_crebo} is named {dossier!r} here but "
                    f"{first[0]!r} at {first[1].file}:{first[1].line}")


def load_qualifications(files: ReferenceFiles, log: ProblemLog, legacy: bool) -> dict[str, Qualification]:
    """Crebo → Qualification for the 2015 list (``legacy=False``) or the 2014 list (``legacy=True``)."""
    relative = LEGACY_FILE if legacy else CURRENT_FILE
    rows = read_keyed(files, relative, lambda r: r.get("crebo"), log, "crebo",
                      required=COLUMNS, overlay_required=("crebo",))
    if rows is None:
        return {}
    _check_dossier_names(rows, log)
    result: dict[str, Qualification] = {}
    for row in rows.values():
        qualification = build_qualification(row, log, legacy)
        if qualification is not None:
            result[qualification.crebo] = qualification
    return result
