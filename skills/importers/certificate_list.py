"""The official list of mbo-certificaten (a CSV export) → certificates/certificates.csv in the overlay.

The list itself is not available offline (certificates/PROVENANCE.md), so this importer defines what it expects
and is tolerant like the crebo-list importer: ``;``, ``,`` or tab separated, UTF-8 (with or without BOM) or
Windows-1252, column names in several spellings (compared lower-cased without spaces, underscores, hyphens and
dots). Expected columns (:data:`ALIASES` lists the accepted names):

=================  ========  ==============================================================================
column             required  content
=================  ========  ==============================================================================
certificaatcode    yes       "C0123" (C + 4 digits)
certificaatnaam    yes       the certificate's name
crebo              yes       the crebo of the qualification it belongs to; several separated by ";", "," or "/"
kwalificatie       no        that qualification's name (kept for reading; the crebo decides)
kerntaak           no        kerntaak code(s) it covers: "B1-K1" (several separated by ";", "," or spaces)
werkprocessen      no        werkproces codes: "B1-K1-W1; B1-K1-W2" or "B1-K1-W1/W2"
geldig_vanaf       no        first valid date (dd-mm-jjjj or jjjj-mm-dd)
geldig_tot         no        last valid date
=================  ========  ==============================================================================

Every row is checked (code format, name, crebo, kerntaak and werkproces codes); any problem aborts the import
with file and line, and nothing is written. Imported rows replace the reference list (an official list has no
stable key to merge with the hand-built one) and carry status ``officieel (...)``, so the certificate catalogue
(:mod:`skills.reference.certificate_catalogue`) counts them as the official denominator.
"""

from __future__ import annotations

import re
from pathlib import Path

from skills.errors import ReferenceDataError
from skills.importers.crebo_list import iso_date
from skills.importers.table import open_table, read_or_refuse
from skills.importers.writer import write_table
from skills.reference.certificates import CERTIFICATES_FILE, COLUMNS
from skills.reference.validation import Problem

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("certificaatcode", "code", "certificaatnummer", "codecertificaat", "opleidingscode", "certificaat_code"),
    "naam": ("certificaatnaam", "naam", "certificaat", "naamcertificaat", "titel", "omschrijving"),
    "crebo": ("crebo", "crebocode", "kwalificatiecrebo", "crebokwalificatie", "crebocodekwalificatie",
              "gekoppeldekwalificatie", "kwalificatiecode"),
    "kwalificatie": ("kwalificatie", "kwalificatienaam", "naamkwalificatie"),
    "kerntaak": ("kerntaak", "kerntaken", "kerntaakcode", "kerntaakcodes"),
    "werkprocessen": ("werkprocessen", "werkproces", "werkprocescodes"),
    "geldig_vanaf": ("geldigvanaf", "begindatum", "ingangsdatum", "startdatum"),
    "geldig_tot": ("geldigtot", "einddatum", "vervaldatum", "geldigtotenmet"),
}
REQUIRED = ("code", "naam", "crebo")
OUTPUT_COLUMNS = (*COLUMNS, "bron")
_CODE = re.compile(r"C\d{4}")
_CREBO = re.compile(r"\d{5}")
_KERNTAAK = re.compile(r"[BP]\d+-K\d+")
_WERKPROCES = re.compile(r"([BP]\d+-K\d+)-W(\d+)((?:/W?\d+)*)")
_SEPARATORS = re.compile(r"[;,/\s]+")




def _werkprocessen(text: str) -> list[str] | None:
    """"B1-K1-W1/W2; B1-K1-W4" → codes; None when a part is not a werkproces code."""
    out: list[str] = []
    for part in [p for p in re.split(r"[;,\s]+", text) if p]:
        match = _WERKPROCES.fullmatch(part)
        if match is None:
            return None
        kerntaak, first, rest = match.groups()
        out.extend(f"{kerntaak}-W{n}" for n in [first, *(x.lstrip("W") for x in rest.split("/") if x)])
    return out


def read_certificate_list(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """Rows in the certificates.csv layout, and the problems found (file, line, problem)."""
    name = str(path)
    table, opened = open_table(path, ALIASES, REQUIRED)
    if table is None:
        return [], opened
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, values in table.rows():
        code = values["code"].upper()
        if not _CODE.fullmatch(code):
            problems.append((name, line, f"malformed certificaatcode {values['code']!r} (expected C + 4 digits)"))
            continue
        if code in seen:
            problems.append((name, line, f"duplicate certificaatcode {code} (first at line {seen[code]})"))
            continue
        seen[code] = line
        if not values["naam"]:
            problems.append((name, line, f"{code}: empty certificaatnaam"))
            continue
        crebos = [c for c in _SEPARATORS.split(values["crebo"]) if c]
        if not crebos or not all(_CREBO.fullmatch(c) for c in crebos):
            problems.append((name, line, f"{code}: malformed crebo {values['crebo']!r} (expected 5 digits)"))
            continue
        kerntaken = [k for k in _SEPARATORS.split(values.get("kerntaak", "")) if k]
        if not all(_KERNTAAK.fullmatch(k) for k in kerntaken):
            problems.append((name, line, f"{code}: malformed kerntaak {values['kerntaak']!r} (expected e.g. B1-K1)"))
            continue
        werkprocessen = _werkprocessen(values.get("werkprocessen", ""))
        if werkprocessen is None:
            problems.append((name, line, f"{code}: malformed werkprocessen {values['werkprocessen']!r} "
                                         "(expected e.g. B1-K1-W1/W2)"))
            continue
        valid = " tot ".join(d for d in (iso_date(values.get("geldig_vanaf", "")), iso_date(values.get("geldig_tot", ""))) if d)
        rows.append({"certificaat": values["naam"], "certificaat_code": code,
                     "gekoppeld_aan": " ".join([*kerntaken, *werkprocessen]),
                     "crebo_in_regeling": ";".join(crebos), "crebo_opgezocht_in_legacy_2014": "",
                     "status": f"officieel ({path.name}{', geldig ' + valid if valid else ''})", "bron": path.name})
    return rows, problems


def import_certificate_list(path: Path, target: Path) -> int:
    """Read the official list and write it as ``target/certificates/certificates.csv`` (the overlay), replacing
    any earlier import. Raises ReferenceDataError naming file and line of every problem; nothing is written then.
    Returns the number of certificates imported."""
    path = Path(path)
    rows = read_or_refuse(path, "certificate list", read_certificate_list)
    if not rows:
        raise ReferenceDataError(f"certificate list {path} has no rows; nothing imported", [(str(path), 2, "no rows")])
    write_table(target / CERTIFICATES_FILE, OUTPUT_COLUMNS, rows)
    return len(rows)
