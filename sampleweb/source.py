"""The reference facts the sample web is written from: qualifications, legacy crebos, ROCs and places.

Qualifications, legacy codes and ROC names come from :func:`skills.reference.load_reference`; towns come
straight from ``geo/woonplaatsen.csv`` because picking "nearby towns" needs their population, which the
gazetteer does not expose.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from skills.errors import ReferenceDataError
from skills.model import Qualification
from skills.reference import load_reference


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    provincie: str
    population: int


@dataclass(slots=True)
class Source:
    qualifications: list[Qualification]  # the 2015 list, in crebo order
    legacy_by_name: dict[str, str]  # lower-cased qualification name -> 2014 crebo (lowest code wins)
    institutions: dict[str, str]  # BRIN -> provider name as in institutions.csv
    places: list[Place]


def _places(path: Path) -> list[Place]:
    if not path.exists():
        raise ReferenceDataError(f"reference file missing: {path}", [(str(path), None, "file not found")])
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Place(row["woonplaats"], float(row["lat"]), float(row["lon"]), row["provincie"],
                  int(row["geonames_population"] or 0))
            for row in csv.DictReader(fh)
            if row["lat"] and row["lon"]
        ]


def load_source(reference_dir: Path) -> Source:
    """Read everything the generator needs; raises ReferenceDataError naming what is missing."""
    ref = load_reference(Path(reference_dir))
    legacy: dict[str, str] = {}
    for code in sorted(ref.legacy):
        legacy.setdefault(ref.legacy[code].name.strip().lower(), code)
    institutions = {p.brin: p.name for p in ref.providers if p.brin}
    quals = [ref.qualifications[c] for c in sorted(ref.qualifications)]
    return Source(quals, legacy, institutions, _places(Path(reference_dir) / "geo" / "woonplaatsen.csv"))
