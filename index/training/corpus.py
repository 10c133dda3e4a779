"""TrainingCorpus: the reference texts (and optionally crawled offerings) the static model learns from.

Read straight from the reference CSV/JSON files under ``reference_dir`` (qualifications, kwalificatie-
dossiers, ESCO in Dutch). ESCO occupations are linked to qualifications by a conservative fuzzy name match
(rapidfuzz, score >= 90 after dropping level words such as "allround"); a missed link only costs training
pairs, a wrong one teaches a wrong neighbour, hence the high cut-off.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from skills.errors import ReferenceDataError

_LEVEL_WORDS = re.compile(
    r"^(allround|eerste|zelfstandig werkend|gespecialiseerd|vakbekwaam|basis|middenkader|assistent)\s+"
)
LINK_CUTOFF = 90.0
MAX_LINKS = 3


@dataclass(frozen=True, slots=True)
class CorpusWerkproces:
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class CorpusKerntaak:
    name: str
    werkprocessen: tuple[CorpusWerkproces, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusQualification:
    crebo: str
    name: str
    niveau: int
    dossier: str
    opleidingsdomein: str
    beroepsbeschrijving: str = ""
    kerntaken: tuple[CorpusKerntaak, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusOccupation:
    label: str
    alt_labels: tuple[str, ...]
    description: str
    isco_code: str


@dataclass(frozen=True, slots=True)
class CorpusOffering:
    """A crawled offering with the qualification it was mapped to (crebo may be None: text only)."""

    title: str
    description: str
    crebo: str | None


@dataclass
class TrainingCorpus:
    qualifications: list[CorpusQualification]
    legacy: list[tuple[str, str]]  # (qualification name, dossier name) of the 2014 structure
    occupations: list[CorpusOccupation]
    isco_groups: dict[str, str]  # ISCO code -> Dutch label
    skill_groups: list[tuple[str, str]]  # (label, description)
    links: dict[str, list[int]] = field(default_factory=dict)  # crebo -> indexes into occupations
    offerings: list[CorpusOffering] = field(default_factory=list)

    def qualification(self, crebo: str) -> CorpusQualification | None:
        return next((q for q in self.qualifications if q.crebo == crebo), None)

    def qualification_text(self, crebo: str) -> str:
        """The document text of one qualification: name, dossier, domain, linked occupations, description,
        kerntaken and werkprocessen (names only, to keep documents of similar length)."""
        q = self.qualification(crebo)
        if q is None:
            raise KeyError(crebo)
        parts = [q.name, f"niveau {q.niveau}", q.dossier, q.opleidingsdomein]
        parts += [self.occupations[i].label for i in self.links.get(crebo, [])]
        if q.beroepsbeschrijving:
            parts.append(q.beroepsbeschrijving)
        for kt in q.kerntaken:
            parts.append(kt.name)
            parts += [wp.name for wp in kt.werkprocessen]
        return ". ".join(p for p in parts if p)

    def texts(self) -> Iterable[str]:
        """Every text in the corpus once (tokenizer and co-occurrence training)."""
        for q in self.qualifications:
            yield from (q.name, q.dossier, q.opleidingsdomein, q.beroepsbeschrijving)
            for kt in q.kerntaken:
                yield kt.name
                for wp in kt.werkprocessen:
                    yield wp.name
                    yield wp.description
        for name, dossier in self.legacy:
            yield name
            yield dossier
        for o in self.occupations:
            yield o.label
            yield from o.alt_labels
            yield o.description
        yield from self.isco_groups.values()
        for label, description in self.skill_groups:
            yield label
            yield description
        for off in self.offerings:
            yield off.title
            yield off.description

    def fingerprint(self) -> str:
        """sha256 over every text and link, in order: the manifest's training-data hash."""
        h = hashlib.sha256()
        for text in self.texts():
            h.update(text.encode("utf-8"))
            h.update(b"\x00")
        for crebo in sorted(self.links):
            h.update(f"{crebo}:{self.links[crebo]}".encode())
        for off in self.offerings:
            h.update(f"{off.crebo}".encode())
        return h.hexdigest()


def load_corpus(reference_dir: Path, offerings: Iterable[CorpusOffering] = ()) -> TrainingCorpus:
    """Read the training corpus from ``reference_dir``; raises ReferenceDataError naming a missing file."""
    reference_dir = Path(reference_dir)
    quals = _read_qualifications(reference_dir)
    corpus = TrainingCorpus(
        qualifications=quals,
        legacy=[(r["kwalificatie"], r["kwalificatiedossier"])
                for r in _rows(reference_dir / "qualifications" / "qualifications_legacy_2014.csv")],
        occupations=[
            CorpusOccupation(
                label=r["preferredLabel"].strip(),
                alt_labels=tuple(a.strip() for a in r["altLabels"].split("\n") if a.strip()),
                description=r["description"].strip(),
                isco_code=r["iscoGroup"].strip(),
            )
            for r in _rows(reference_dir / "esco_nl" / "occupations_nl.csv")
        ],
        isco_groups={r["code"]: r["preferredLabel"].strip()
                     for r in _rows(reference_dir / "esco_nl" / "ISCOGroups_nl.csv")},
        skill_groups=[(r["preferredLabel"].strip(), r["description"].strip())
                      for r in _rows(reference_dir / "esco_nl" / "skillGroups_nl.csv")],
        offerings=list(offerings),
    )
    corpus.links = link_occupations(corpus.qualifications, corpus.occupations)
    return corpus


def link_occupations(
    qualifications: list[CorpusQualification], occupations: list[CorpusOccupation]
) -> dict[str, list[int]]:
    """crebo -> up to MAX_LINKS ESCO occupations whose preferred or alternative label matches the
    qualification name (level words dropped) with rapidfuzz token_sort_ratio >= LINK_CUTOFF."""
    from rapidfuzz import fuzz, process

    labels: list[str] = []
    owner: list[int] = []
    for i, occ in enumerate(occupations):
        for label in (occ.label, *occ.alt_labels):
            labels.append(label.lower())
            owner.append(i)
    links: dict[str, list[int]] = {}
    for q in qualifications:
        name = _LEVEL_WORDS.sub("", q.name.lower()).strip()
        found: list[int] = []
        for _, _, pos in process.extract(
            name, labels, scorer=fuzz.token_sort_ratio, limit=10, score_cutoff=LINK_CUTOFF
        ):
            if owner[pos] not in found:
                found.append(owner[pos])
            if len(found) == MAX_LINKS:
                break
        if found:
            links[q.crebo] = found
    return links


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ReferenceDataError(f"reference file missing: {path}", [(str(path), None, "missing")])
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_qualifications(reference_dir: Path) -> list[CorpusQualification]:
    """qualifications.csv, enriched with beroepsbeschrijving/kerntaken from the kwalificatiedossiers."""
    kd = reference_dir / "kwalificatiedossiers"
    descriptions: dict[str, str] = {}
    kerntaken: dict[str, list[CorpusKerntaak]] = {}
    if (kd / "profielen.csv").exists():
        for r in _rows(kd / "profielen.csv"):
            descriptions[r["crebo"]] = r.get("typering_van_het_beroep", "").strip()
    if (kd / "kerntaken_werkprocessen.csv").exists():
        # basisdeel werkprocessen belong to every profile of the dossier; profieldeel to one crebo
        by_dossier: dict[str, dict[str, list[CorpusWerkproces]]] = {}
        by_profile: dict[str, dict[str, list[CorpusWerkproces]]] = {}
        for r in _rows(kd / "kerntaken_werkprocessen.csv"):
            target = by_profile.setdefault(r["profiel_crebo"], {}) if r["profiel_crebo"] else \
                by_dossier.setdefault(r["dossier_crebo"], {})
            target.setdefault(r["kerntaak"], []).append(
                CorpusWerkproces(r["werkproces"].strip(), r["omschrijving"].strip()))
        for r in _rows(kd / "profielen.csv"):
            merged = {**by_dossier.get(r["dossier_crebo"], {}), **by_profile.get(r["crebo"], {})}
            kerntaken[r["crebo"]] = [CorpusKerntaak(k, tuple(v)) for k, v in merged.items()]
    if (kd / "profielen_kerntaken.json").exists():
        for p in json.loads((kd / "profielen_kerntaken.json").read_text(encoding="utf-8")):
            crebo = p.get("crebo_2015_exact_name_match") or ""
            if not crebo or crebo in kerntaken:
                continue
            descriptions.setdefault(crebo, (p.get("beroepsbeschrijving") or "").strip())
            kerntaken[crebo] = [
                CorpusKerntaak(k["kerntaak"], tuple(CorpusWerkproces(w) for w in k.get("werkprocessen", [])))
                for k in p.get("kerntaken", [])
            ]
    out = []
    for r in _rows(reference_dir / "qualifications" / "qualifications.csv"):
        out.append(CorpusQualification(
            crebo=r["crebo"],
            name=r["kwalificatie"].strip(),
            niveau=int(r["niveau"]),
            dossier=r["kwalificatiedossier"].strip(),
            opleidingsdomein=r["opleidingsdomein"].strip(),
            beroepsbeschrijving=descriptions.get(r["crebo"], ""),
            kerntaken=tuple(kerntaken.get(r["crebo"], [])),
        ))
    return out
