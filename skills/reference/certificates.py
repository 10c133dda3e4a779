"""mbo-certificaten from certificates/certificates.csv → Certificate.

The file is a hand-built list (see certificates/PROVENANCE.md): codes ("C0123") are rarely known, the
parent crebo is in ``crebo_in_regeling`` (";"-separated, possibly several) or looked up in
``crebo_opgezocht_in_legacy_2014`` ("97670 (name, niv 3)"). A certificate that belongs to several
qualifications yields one Certificate per parent crebo. Covered kerntaken/werkprocessen are read from
``gekoppeld_aan`` ("kerntaak B1-K1 en werkprocessen B1-K1-W1/W2/W4").
"""

from __future__ import annotations

import re
from pathlib import Path

from skills.model import Certificate
from skills.reference.table import ReferenceFiles, Row, read_rows
from skills.reference.validation import ProblemLog

CERTIFICATES_FILE = "certificates/certificates.csv"
COLUMNS = ("certificaat", "certificaat_code", "gekoppeld_aan", "crebo_in_regeling",
           "crebo_opgezocht_in_legacy_2014", "status")
_CODE_RE = re.compile(r"C\d{4}")
_CREBO_RE = re.compile(r"(?<!\d)\d{5}(?!\d)")
_KERNTAAK_RE = re.compile(r"(?<![\w-])([BPC]\d+-K\d+)(?![\w-])")
_WERKPROCES_RE = re.compile(r"([BPC]\d+-K\d+)-W(\d+)((?:/W\d+)*)")


def _werkprocessen(text: str) -> tuple[str, ...]:
    """Expand "B1-K1-W1/W2/W4" into B1-K1-W1, B1-K1-W2, B1-K1-W4."""
    codes: list[str] = []
    for kerntaak, first, rest in _WERKPROCES_RE.findall(text):
        numbers = [first] + [n for n in rest.split("/W") if n.strip("/")]
        codes.extend(f"{kerntaak}-W{n.strip('/')}" for n in numbers)
    return tuple(dict.fromkeys(codes))


def _parents(row: Row) -> list[str]:
    stated = row.get("crebo_in_regeling")
    if stated:
        return _CREBO_RE.findall(stated)
    looked_up = _CREBO_RE.match(row.get("crebo_opgezocht_in_legacy_2014"))
    return [looked_up.group(0)] if looked_up else []


def load_certificates(files: ReferenceFiles, log: ProblemLog) -> list[Certificate]:
    certificates: list[Certificate] = []
    paths = files.paths(CERTIFICATES_FILE)
    if not paths:
        log.add(str(files.directory / CERTIFICATES_FILE), None, "missing file")
    # An overlay copy replaces the reference list: certificates have no stable key to merge on.
    rows = read_rows(paths[-1], log, COLUMNS) if paths else None
    for row in rows or []:
        name = row.get("certificaat")
        if not name:
            log.add(row.file, row.line, "empty certificaat name")
            continue
        stated_code = row.get("certificaat_code")
        code = stated_code if _CODE_RE.fullmatch(stated_code) else None
        if stated_code.startswith("C") and code is None and " " not in stated_code:
            log.add(row.file, row.line, f"malformed certificaat_code {stated_code!r} (expected C + 4 digits)")
        linked = row.get("gekoppeld_aan")
        kerntaken = tuple(dict.fromkeys(_KERNTAAK_RE.findall(linked)))
        werkprocessen = _werkprocessen(linked)
        parents: list[str | None] = list(_parents(row)) or [None]
        for parent in parents:
            certificates.append(Certificate(name=name, code=code, parent_crebo=parent, kerntaken=kerntaken,
                                            werkprocessen=werkprocessen, status=row.get("status"),
                                            source=f"{Path(row.file).name}:{row.line}"))
    return certificates
