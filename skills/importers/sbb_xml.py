"""SBB kwalificatiedossier XML export → kwalificatiedossiers/kerntaken_werkprocessen.csv + profielen.csv.

Layout of the export (as in kwalificatiedossiers/raw/*.xml)::

    <sbb>
      <domeinen><domein nr=".." titel=".." crebo="79140"/></domeinen>
      <sectorkamers><sectorkamer nr=".." titel=".."/></sectorkamers>
      <dossiers><dossier titel=".." versie=".." referentiedomein="<domein nr>">
        <dossiercrebos><dossiercrebo Geldig_vanaf="01-08-2015">23183</dossiercrebo></dossiercrebos>
        <voorblad><omschrijving><penvoerder><sectorkamer referentie="<nr>"/></penvoerder>
          <verantwoording><vaststellingsinformatie><vastgesteldop>..</vastgesteldop>
        <basis><basistaken><basiskerntaken><kerntaak titel=".." hoofdstuk="k">
          <basiswerkprocessen><werkproces titel=".." hoofdstuk="w">
            <werkprocesomschrijving/><werkprocesresultaat/><werkprocesgedrag/>
        <profielen><profiel titel=".." hoofdstuk="p" niveau="3" beroepsgroep="..">
          <omschrijving><typeringvanhetberoep/><wettelijkeberoepsvereisten/><sbu/><soortopleiding/>
          <creboinformatie><crebo>25486</crebo>
          <profielkerntaken><kerntaak hoofdstuk="k"><profielwerkprocessen><werkproces hoofdstuk="w">

Codes are rebuilt as SBB prints them: B1-K<k>-W<w> (basisdeel), P<p>-K<k>-W<w> (profieldeel).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from skills.errors import ReferenceDataError
from skills.importers.writer import merge_into
from skills.reference.dossiers import PROFIEL_FILE, WERKPROCES_FILE
from skills.reference.validation import Problem, is_crebo, is_werkproces_code

BASE_COLUMNS = ["bronbestand", "dossier_crebo", "kwalificatiedossier", "dossier_versie", "dossier_geldig_vanaf",
                "vastgesteld_op", "sectorkamer", "opleidingsdomein"]
WERKPROCES_COLUMNS = [*BASE_COLUMNS, "deel", "profiel_crebo", "profiel", "niveau", "code", "kerntaak",
                      "werkproces", "omschrijving", "resultaat", "gedrag"]
PROFIEL_COLUMNS = [*BASE_COLUMNS, "crebo", "kwalificatie", "niveau", "beroepsgroep", "soort_opleiding",
                   "studiebelastingsuren", "wettelijke_beroepsvereisten", "typering_van_het_beroep"]


def _text(element: ET.Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return " ".join(found.text.split()) if found is not None and found.text else ""


def _attr(element: ET.Element, name: str) -> str:
    return " ".join((element.get(name) or "").split())


def _werkproces_row(base: dict[str, str], kerntaak: ET.Element, werkproces: ET.Element, code: str,
                    deel: str, profiel: ET.Element | None, profiel_crebo: str) -> dict[str, str]:
    return {
        **base, "deel": deel, "profiel_crebo": profiel_crebo,
        "profiel": _attr(profiel, "titel") if profiel is not None else "",
        "niveau": _attr(profiel, "niveau") if profiel is not None else "",
        "code": code, "kerntaak": _attr(kerntaak, "titel"), "werkproces": _attr(werkproces, "titel"),
        "omschrijving": _text(werkproces, "werkprocesomschrijving"),
        "resultaat": _text(werkproces, "werkprocesresultaat"), "gedrag": _text(werkproces, "werkprocesgedrag"),
    }


def parse_sbb_xml(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], list[Problem]]:
    """Parse one export into (werkproces rows, profile rows, problems) in the loader's CSV layout."""
    name = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        return [], [], [(name, exc.position[0], f"invalid XML: {exc}")]
    except OSError as exc:
        return [], [], [(name, None, f"cannot read file: {exc.strerror or exc}")]
    dossiers = root.findall("dossiers/dossier")
    if root.tag != "sbb" or not dossiers:
        return [], [], [(name, None, "not an SBB kwalificatiedossier export (<sbb><dossiers><dossier>)")]
    sectorkamers = {s.get("nr"): _attr(s, "titel") for s in root.iter("sectorkamer") if s.get("titel")}
    domeinen = {d.get("nr"): _attr(d, "titel") for d in root.iter("domein")}
    werkprocessen: list[dict[str, str]] = []
    profielen: list[dict[str, str]] = []
    problems: list[Problem] = []
    for dossier in dossiers:
        title = _attr(dossier, "titel")
        dossier_crebo = _text(dossier, "dossiercrebos/dossiercrebo")
        if not is_crebo(dossier_crebo):
            problems.append((name, None, f"dossier {title!r}: malformed dossiercrebo {dossier_crebo!r}"))
            continue
        crebo_element = dossier.find("dossiercrebos/dossiercrebo")
        sectorkamer_ref = dossier.find("voorblad/omschrijving/penvoerder/sectorkamer")
        base = {
            "bronbestand": path.name, "dossier_crebo": dossier_crebo, "kwalificatiedossier": title,
            "dossier_versie": _attr(dossier, "versie"),
            "dossier_geldig_vanaf": _attr(crebo_element, "Geldig_vanaf") if crebo_element is not None else "",
            "vastgesteld_op": _text(dossier, "voorblad/omschrijving/verantwoording/vaststellingsinformatie/vastgesteldop"),
            "sectorkamer": sectorkamers.get(sectorkamer_ref.get("referentie"), "") if sectorkamer_ref is not None else "",
            "opleidingsdomein": domeinen.get(dossier.get("referentiedomein"), ""),
        }
        for kerntaak in dossier.findall("basis/basistaken/basiskerntaken/kerntaak"):
            for werkproces in kerntaak.findall("basiswerkprocessen/werkproces"):
                code = f"B1-K{kerntaak.get('hoofdstuk')}-W{werkproces.get('hoofdstuk')}"
                werkprocessen.append(_werkproces_row(base, kerntaak, werkproces, code, "basis", None, ""))
        for profiel in dossier.findall("profielen/profiel"):
            crebo = _text(profiel, "creboinformatie/crebo")
            if not is_crebo(crebo):
                problems.append((name, None, f"profiel {_attr(profiel, 'titel')!r}: malformed crebo {crebo!r}"))
                continue
            profielen.append({
                **base, "crebo": crebo, "kwalificatie": _attr(profiel, "titel"), "niveau": _attr(profiel, "niveau"),
                "beroepsgroep": _attr(profiel, "beroepsgroep"),
                "soort_opleiding": _text(profiel, "omschrijving/soortopleiding"),
                "studiebelastingsuren": _text(profiel, "omschrijving/sbu"),
                "wettelijke_beroepsvereisten": _text(profiel, "omschrijving/wettelijkeberoepsvereisten"),
                "typering_van_het_beroep": _text(profiel, "omschrijving/typeringvanhetberoep"),
            })
            for kerntaak in profiel.findall("profielkerntaken/kerntaak"):
                for werkproces in kerntaak.findall("profielwerkprocessen/werkproces"):
                    code = f"P{profiel.get('hoofdstuk')}-K{kerntaak.get('hoofdstuk')}-W{werkproces.get('hoofdstuk')}"
                    werkprocessen.append(_werkproces_row(base, kerntaak, werkproces, code, "profiel", profiel, crebo))
    for row in werkprocessen:
        if not is_werkproces_code(row["code"]):
            problems.append((name, None, f"dossier {row['dossier_crebo']}: werkproces {row['werkproces']!r} "
                             f"has no usable hoofdstuk numbers (code {row['code']!r})"))
    return werkprocessen, profielen, problems


def import_sbb_xml(paths: Sequence[Path], target: Path) -> dict[str, int]:
    """Parse every file and merge the dossiers into ``target`` (the overlay root). Re-importing a dossier
    replaces its earlier rows. All files are checked before anything is written."""
    werkprocessen: list[dict[str, str]] = []
    profielen: list[dict[str, str]] = []
    problems: list[Problem] = []
    for path in paths:
        wp, pr, found = parse_sbb_xml(Path(path))
        werkprocessen += wp
        profielen += pr
        problems += found
    if problems:
        raise ReferenceDataError(f"{len(problems)} problem(s) in the SBB XML; nothing imported", problems)
    dossiers = {row["dossier_crebo"] for row in profielen} | {row["dossier_crebo"] for row in werkprocessen}

    def replaced(row: dict[str, str]) -> bool:
        return row.get("dossier_crebo", "") in dossiers

    merge_into(target / WERKPROCES_FILE, WERKPROCES_COLUMNS, werkprocessen,
               lambda r: f"{r['dossier_crebo']}/{r['profiel_crebo']}/{r['code']}", replaced)
    merge_into(target / PROFIEL_FILE, PROFIEL_COLUMNS, profielen, lambda r: r["crebo"], replaced)
    return {"dossiers": len(dossiers), "profielen": len(profielen), "werkprocessen": len(werkprocessen)}
