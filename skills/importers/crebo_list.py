"""A DUO/SBB-style crebo list CSV → qualifications/qualifications.csv in the overlay.

Tolerant by design, since such lists come from spreadsheets: ``;``, ``,`` or tab separated, UTF-8 (with or
without BOM) or Windows-1252, and column names in several spellings (``crebocode``/``crebo``,
``naam``/``kwalificatie``/``omschrijving``, ``niveau``, ``leerweg``, ...). A list with one row per
leerweg is folded into one qualification per crebo. Imported values override the reference list's
field by field where they are not empty (see :func:`skills.reference.table.merge_keyed`).
"""

from __future__ import annotations

import re
from pathlib import Path

from skills.importers.table import open_table, read_or_refuse
from skills.importers.writer import merge_into
from skills.model import Leerweg
from skills.reference.qualifications import CURRENT_FILE, parse_leerwegen
from skills.reference.validation import Problem, is_crebo

#: Output column → accepted source column names, compared after lower-casing and removing spaces,
#: underscores, hyphens and dots.
ALIASES: dict[str, tuple[str, ...]] = {
    "crebo": ("crebo", "crebocode", "crebonummer", "crebokwalificatie", "crebocodekwalificatie",
              "kwalificatiecrebo", "kwalificatiecode", "opleidingscode"),
    "kwalificatie": ("kwalificatie", "naam", "omschrijving", "naamkwalificatie", "kwalificatienaam",
                     "opleiding", "opleidingsnaam", "naamopleiding", "titel"),
    "niveau": ("niveau", "kwalificatieniveau", "mboniveau", "niveaukwalificatie", "level"),
    "leerweg": ("leerweg", "leerwegen"),
    "kwalificatiedossier_crebo": ("kwalificatiedossiercrebo", "crebokwalificatiedossier", "dossiercrebo",
                                  "crebodossier", "crebocodekwalificatiedossier"),
    "kwalificatiedossier": ("kwalificatiedossier", "naamkwalificatiedossier", "dossier", "dossiernaam"),
    "opleidingsdomein": ("opleidingsdomein", "domein", "naamopleidingsdomein"),
    "geldig_vanaf": ("geldigvanaf", "begindatum", "datumbegin", "ingangsdatum"),
}
COLUMNS = ["crebo", "kwalificatie", "niveau", "leerweg", "bol", "bbl", "kwalificatiedossier_crebo",
           "kwalificatiedossier", "opleidingsdomein", "geldig_vanaf", "bron"]
_DATE = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")






def _niveau(text: str) -> str | None:
    low = text.casefold()
    if "entree" in low:
        return "1"
    digits = re.findall(r"[1-4]", low)
    return digits[0] if len(digits) == 1 else None


def iso_date(text: str) -> str:
    """"31-7-2025" → "2025-07-31"; other text unchanged."""
    match = _DATE.fullmatch(text)
    return f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else text


def read_crebo_list(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """Rows in the qualifications.csv layout, and the problems found (file, line, problem)."""
    name = str(path)
    table, opened = open_table(path, ALIASES, ("crebo", "kwalificatie"))
    if table is None:
        return [], opened
    problems: list[Problem] = []
    merged: dict[str, tuple[int, dict[str, str], set[Leerweg]]] = {}
    for line, values in table.rows():
        crebo = values["crebo"].removesuffix(".0")
        if not is_crebo(crebo):
            problems.append((name, line, f"malformed crebo {values['crebo']!r} (expected 5 digits)"))
            continue
        if not values["kwalificatie"]:
            problems.append((name, line, f"crebo {crebo}: empty name"))
            continue
        niveau = _niveau(values.get("niveau", "")) if values.get("niveau") else ""
        if niveau is None:
            problems.append((name, line, f"crebo {crebo}: unreadable niveau {values['niveau']!r}"))
            continue
        leerwegen = parse_leerwegen(values.get("leerweg", "")) if values.get("leerweg") else ()
        if leerwegen is None:
            problems.append((name, line, f"crebo {crebo}: unknown leerweg {values['leerweg']!r}"))
            continue
        dossier_crebo = values.get("kwalificatiedossier_crebo", "")
        if dossier_crebo and not is_crebo(dossier_crebo):
            problems.append((name, line, f"crebo {crebo}: malformed kwalificatiedossier crebo {dossier_crebo!r}"))
            continue
        row = {**values, "crebo": crebo, "niveau": niveau, "geldig_vanaf": iso_date(values.get("geldig_vanaf", "")),
               "bron": path.name}
        if crebo in merged:
            first_line_no, first, known = merged[crebo]
            if " ".join(first["kwalificatie"].split()).casefold() != " ".join(row["kwalificatie"].split()).casefold():
                problems.append((name, line, f"duplicate crebo {crebo} with another name (first at line {first_line_no})"))
                continue
            known.update(leerwegen)
        else:
            merged[crebo] = (line, row, set(leerwegen))
    rows = []
    for _line, row, found in merged.values():
        row["leerweg"] = "/".join(lw.value for lw in Leerweg if lw in found)
        if found and found <= {Leerweg.BOL, Leerweg.BBL}:
            row["bol"], row["bbl"] = str(int(Leerweg.BOL in found)), str(int(Leerweg.BBL in found))
        rows.append(row)
    return rows, problems


def import_crebo_list(path: Path, target: Path) -> int:
    """Read the list and merge it into ``target/qualifications/qualifications.csv`` (the overlay).

    Raises ReferenceDataError naming file and line of every problem; nothing is written then.
    Returns the number of qualifications imported.
    """
    path = Path(path)
    rows = read_or_refuse(path, "crebo list", read_crebo_list)
    merge_into(target / CURRENT_FILE, COLUMNS, rows, lambda r: r["crebo"])
    return len(rows)
