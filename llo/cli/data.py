"""`llo data`: validate, show and import reference data.

    llo data validate                      counts per source (lineage too), lineage conflicts and problems
                                           (exit 1 when there are problems)
    llo data show crebo 25491 [--json]     a qualification with its dossier, or a legacy code's status
    llo data import sbb-xml FILE...        SBB kwalificatiedossier XML exports
    llo data import esco DIR [--lang nl]   the official ESCO CSV download
    llo data import crebo-list FILE        a DUO/SBB-style crebo list CSV
    llo data import certificates FILE      the official list of mbo-certificaten (CSV; columns in
                                           skills.importers.certificate_list)

Imports write into DATA_DIR/reference, which the loader reads as an overlay on REFERENCE_DIR.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from llo.settings import Settings
from skills.importers.certificate_list import import_certificate_list
from skills.importers.crebo_list import import_crebo_list
from skills.importers.esco_csv import import_esco
from skills.importers.sbb_xml import import_sbb_xml
from skills.model import Qualification
from skills.reference import load_reference, validate_reference
from skills.reference.loader import load_checked
from skills.resolver import CreboResolver, Resolution

MAX_PROBLEMS_SHOWN = 200


def overlay_dir(settings: Settings) -> Path:
    """Where imports land and where the loader looks for them."""
    return settings.data_dir / "reference"


def register(subparsers: argparse._SubParsersAction) -> None:
    data = subparsers.add_parser("data", help="reference data: validate, show, import")
    sub = data.add_subparsers(dest="data_command", metavar="SUBCOMMAND", required=True)

    validate = sub.add_parser("validate", help="load all reference data, print counts and problems")
    validate.set_defaults(func=cmd_validate)

    show = sub.add_parser("show", help="show one reference record")
    show_sub = show.add_subparsers(dest="show_kind", metavar="KIND", required=True)
    crebo = show_sub.add_parser("crebo", help="a qualification by crebo code (2015 or legacy 2014)")
    crebo.add_argument("code", help="5-digit crebo code, e.g. 25491")
    crebo.add_argument("--json", action="store_true", help="print JSON instead of text")
    crebo.set_defaults(func=cmd_show_crebo)

    imp = sub.add_parser("import", help="import official formats into DATA_DIR/reference")
    imp_sub = imp.add_subparsers(dest="import_kind", metavar="FORMAT", required=True)
    sbb = imp_sub.add_parser("sbb-xml", help="SBB kwalificatiedossier XML export(s)")
    sbb.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sbb.set_defaults(func=cmd_import_sbb_xml)
    esco = imp_sub.add_parser("esco", help="directory with the official ESCO CSV download")
    esco.add_argument("directory", type=Path, metavar="DIR")
    esco.add_argument("--lang", default="nl", help="ESCO language code of the files (default: nl)")
    esco.set_defaults(func=cmd_import_esco)
    crebo_list = imp_sub.add_parser("crebo-list", help="a DUO/SBB-style crebo list CSV")
    crebo_list.add_argument("file", type=Path, metavar="FILE")
    crebo_list.set_defaults(func=cmd_import_crebo_list)
    certificates = imp_sub.add_parser("certificates", help="the official list of mbo-certificaten (CSV)")
    certificates.add_argument("file", type=Path, metavar="FILE")
    certificates.set_defaults(func=cmd_import_certificates)


def _print_problems(problems: list[tuple[str, int | None, str]]) -> None:
    for file, line, problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {file}:{line}: {problem}" if line else f"  {file}: {problem}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more")


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    data, problems = load_checked(settings.reference_dir, overlay=overlay_dir(settings),
                                  lexicon=settings.lexicon_path)
    counts, conflicts = {**data.counts(), **data.skill_counts()}, data.lineage.conflicts
    mined = data.mined_dossiers()
    gained = [k for k in mined if not (k in data.qualifications and data.qualifications[k].kerntaken)]
    counts["qualifications_with_mined_werkprocessen"] = sum(
        1 for d in mined.values() if any(k.werkprocessen for k in d.kerntaken))
    counts["qualifications_gaining_mined_kerntaken"] = len(gained)
    print(f"reference data: {settings.reference_dir}")
    if overlay_dir(settings).is_dir():
        print(f"imported overlay: {overlay_dir(settings)}")
    width = max(len(k) for k in counts)
    for source, count in counts.items():
        print(f"  {source:<{width}}  {count:>6}")
    if conflicts:
        print(f"{len(conflicts)} lineage conflict(s) (the strongest evidence was kept):")
        for conflict in conflicts[:MAX_PROBLEMS_SHOWN]:
            print(f"  {conflict}")
    if problems:
        print(f"{len(problems)} problem(s):")
        _print_problems(problems)
        return 1
    print("no problems")
    return 0


def _qualification_json(q: Qualification) -> dict[str, Any]:
    data = asdict(q)
    data["leerwegen"] = [lw.value for lw in q.leerwegen]
    data["valid_from"] = q.valid_from.isoformat() if q.valid_from else None
    return data


def _print_qualification(q: Qualification) -> None:
    print(f"{q.crebo}  {q.name}{'  (2014 structure)' if q.legacy else ''}")
    if len(q.codes) > 1:
        print(f"  codes:             {', '.join(q.codes)} (current {q.current_crebo}"
              f"{': ' + q.current_name if q.current_name else ''})")
    if q.name_source:
        print(f"  name source:       {q.name_source}")
    print(f"  niveau:            {q.niveau or 'unknown'}")
    print(f"  leerwegen:         {', '.join(lw.value for lw in q.leerwegen) or '-'}")
    print(f"  dossier:           {q.dossier} ({q.dossier_crebo or '-'})")
    print(f"  opleidingsdomein:  {q.opleidingsdomein or '-'}")
    if q.sectorkamer:
        print(f"  sectorkamer:       {q.sectorkamer}")
    if q.soort_opleiding:
        print(f"  soort opleiding:   {q.soort_opleiding}")
    if q.beroepsvereisten:
        print(f"  beroepsvereisten:  {q.beroepsvereisten}")
    if q.valid_from:
        print(f"  geldig vanaf:      {q.valid_from.isoformat()}")
    if q.beroepsbeschrijving:
        print(f"  beroep:            {q.beroepsbeschrijving}")
    for kerntaak in q.kerntaken:
        print(f"  kerntaak {kerntaak.code or '-'}: {kerntaak.name}")
        for werkproces in kerntaak.werkprocessen:
            print(f"    {werkproces.code or '-'}: {werkproces.name}")


def _resolution_json(r: Resolution) -> dict[str, Any]:
    return {
        "code": r.code, "status": r.status, "crebo": r.crebo, "note": r.note,
        "codes": list(r.qualification.codes or (r.qualification.crebo,)) if r.qualification else [],
        "qualification": _qualification_json(r.qualification) if r.qualification else None,
        "legacy_qualification": _qualification_json(r.legacy_qualification) if r.legacy_qualification else None,
    }


def cmd_show_crebo(args: argparse.Namespace, settings: Settings) -> int:
    ref = load_reference(settings.reference_dir, overlay=overlay_dir(settings), lexicon=settings.lexicon_path)
    resolution = CreboResolver(ref).resolve(args.code)
    found = resolution.qualification is not None
    if args.json:
        print(json.dumps(_resolution_json(resolution), ensure_ascii=False, indent=2))
        return 0 if found else 1
    print(f"crebo {resolution.code}: {resolution.status} ({resolution.note})")
    if resolution.legacy_qualification is not None:
        _print_qualification(resolution.legacy_qualification)
    if resolution.qualification is not None and resolution.qualification is not resolution.legacy_qualification:
        if resolution.legacy_qualification is not None:
            print("successor in the 2015 structure:")
        _print_qualification(resolution.qualification)
    return 0 if found else 1


def _report_import(settings: Settings, written: dict[str, int]) -> int:
    for what, count in written.items():
        print(f"  {what}: {count}")
    print(f"written to {overlay_dir(settings)}")
    _counts, problems = validate_reference(settings.reference_dir, overlay=overlay_dir(settings),
                                        lexicon=settings.lexicon_path)
    if problems:
        print(f"the reference data now has {len(problems)} problem(s):")
        _print_problems(problems)
        return 1
    return 0


def cmd_import_sbb_xml(args: argparse.Namespace, settings: Settings) -> int:
    return _report_import(settings, import_sbb_xml(args.files, overlay_dir(settings)))


def cmd_import_esco(args: argparse.Namespace, settings: Settings) -> int:
    return _report_import(settings, import_esco(args.directory, overlay_dir(settings), args.lang))


def cmd_import_crebo_list(args: argparse.Namespace, settings: Settings) -> int:
    return _report_import(settings, {"qualifications": import_crebo_list(args.file, overlay_dir(settings))})


def cmd_import_certificates(args: argparse.Namespace, settings: Settings) -> int:
    return _report_import(settings, {"certificates": import_certificate_list(args.file, overlay_dir(settings))})
