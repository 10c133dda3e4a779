"""Field accuracy of :func:`extract_page` against ground truth: the real pages and a built sample web.

Used by ``bench/extraction_accuracy.py`` and the accuracy tests. Per-field accuracy is correct/total
over the truth offerings (an offering the extractor missed counts as wrong in every field);
``is_offering`` is counted per page.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.extract import fields as f
from crawler.extract.page import extract_page
from skills.model import Offering

SAMPLEWEB_FIELDS = ("title", "provider", "offering_type", "crebo_stated", "leerwegen", "niveau", "locations",
                    "duration", "price_eur", "start_dates", "target_group")


@dataclass(slots=True)
class Report:
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)  # "field where: expected != got", for debugging

    def add(self, name: str, ok: bool, where: str = "", expected: Any = None, got: Any = None) -> None:
        self.total[name] += 1
        self.correct[name] += int(ok)
        if not ok:
            self.misses.append(f"{name} {where}: expected {expected!r}, got {got!r}")

    def accuracy(self) -> dict[str, float]:
        return {k: self.correct[k] / self.total[k] for k in self.total if self.total[k]}


# --- real pages ----------------------------------------------------------------------------------


def _truth_niveau(text: str) -> int | None:
    if not text.strip() or "not stated" in text:
        return None
    return f.parse_niveau(text)


def evaluate_real_pages(pages_dir: Path) -> Report:
    """Score the saved real pages (texts/*.txt) against pages_truth.csv.

    Fields are scored on offering pages only; leerwegen and niveau compare the union over the page's
    offerings, crebo the first offering's stated code. Empty truth means "not stated" (expect none).
    """
    report = Report()
    with (pages_dir / "pages_truth.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        path = pages_dir / "texts" / row["file"]
        result = extract_page(path.read_text(encoding="utf-8"), row["url"], content_type="text/plain")
        expected_offering = row["is_offering_page"].strip().lower().startswith("yes")
        report.add("is_offering", result.is_offering == expected_offering, row["file"], expected_offering,
                   result.is_offering)
        if not expected_offering:
            continue
        offs = result.offerings
        crebo = offs[0].crebo_stated if offs else None
        expected_crebo = row["crebo_stated"].strip() or None
        report.add("crebo", crebo == expected_crebo, row["file"], expected_crebo, crebo)
        got_ways = sorted({lw.value for o in offs for lw in o.leerwegen})
        want_ways = sorted({lw.value for lw in f.parse_leerwegen(row["leerweg"])})
        report.add("leerweg", got_ways == want_ways, row["file"], want_ways, got_ways)
        got_niveau = {o.niveau for o in offs if o.niveau is not None}
        want = _truth_niveau(row["niveau"])
        report.add("niveau", got_niveau == ({want} if want else set()), row["file"], want, got_niveau)
        want_type = _truth_type(row["page_type"])
        got_type = offs[0].offering_type.value if offs else None
        report.add("offering_type", got_type == want_type, row["file"], want_type, got_type)
        title = offs[0].title if offs else ""
        report.add("title", _words(title) in _truth_titles(row["title"]), row["file"], row["title"], title)
    return report


def _truth_type(page_type: str) -> str:
    """The offering type a truth row's free-text page type names."""
    low = page_type.lower()
    if "non_mbo" in low:
        return "non-mbo course"
    for value in ("praktijkverklaring", "keuzedeel"):
        if low.startswith(value):
            return value
    return "mbo-certificaat" if "certificaat" in low else "mbo-diploma"


# The reader's notes inside a truth title: "(from URL; no heading in excerpt)".
_TITLE_NOTE = re.compile(r"\s*\((?:[^()]*\b(?:from|excerpt|heading|not stated)\b[^()]*)\)", re.I)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _truth_titles(title: str) -> set[str]:
    """Accepted spellings of a truth title, compared by words: as written without the reader's notes;
    for "Name (qualifier)" also the name alone, and the qualifier when it repeats the name."""
    clean = _TITLE_NOTE.sub("", title).strip()
    out = {_words(clean)}
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", clean)
    if m:
        out.add(_words(m.group(1)))
        if _words(m.group(1)) in _words(m.group(2)):
            out.add(_words(m.group(2)))  # "Apothekersassistent (Apothekersassistent BOL 4)"
    return out


# --- sample web ----------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def _value(o: Offering, name: str) -> Any:
    value = getattr(o, name)
    if name == "offering_type":
        return value.value
    if name in ("leerwegen", "target_group"):
        return sorted(v.value for v in value)
    if name == "start_dates":
        return sorted(d.isoformat() for d in value)
    if name == "locations":
        return sorted(_norm(v) for v in value)
    if name in ("title", "provider", "duration"):
        return _norm(value)
    return value


def _expected(t: dict[str, Any], name: str) -> Any:
    if name == "crebo_stated":
        return t["crebo_stated"]
    value = t[name]
    if name in ("leerwegen", "target_group", "start_dates"):
        return sorted(value)
    if name == "locations":
        return sorted(_norm(v) for v in value)
    if name in ("title", "provider", "duration"):
        return _norm(value)
    return value


def _match_score(o: Offering, t: dict[str, Any]) -> int:
    score = 0
    score += 4 if _norm(o.title) == _norm(t["title"]) else 0
    score += 3 if o.crebo_stated and o.crebo_stated == t["crebo_stated"] else 0
    score += 2 if _value(o, "leerwegen") == sorted(t["leerwegen"]) else 0
    score += 1 if o.niveau == t["niveau"] else 0
    return score


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_sampleweb(root: Path, host: str = "http://127.0.0.1") -> Report:
    """Score every page file of a built sample web (``llo sampleweb build --out root``) against its truth."""
    from sampleweb.paths import file_for

    pages = _read_jsonl(root / "pages.jsonl")
    truth = _read_jsonl(root / "truth.jsonl")
    by_page: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for t in truth:
        by_page[(t["site"], t["page_path"])].append(t)
    report = Report()
    for page in pages:
        rel = file_for(page["path"])
        if rel is None:
            continue
        path = root / "sites" / page["site"] / rel
        ctype = "application/json" if rel.endswith(".json") else "text/html"
        result = extract_page(path.read_bytes(), f"{host}{page['path']}", content_type=ctype)
        where = f"{page['site']}{page['path']}"
        want = bool(page["is_offering"])
        report.add("is_offering", result.is_offering == want, f"{where} [{page['page_type']}]", want,
                   result.page_type)
        expected = by_page.get((page["site"], page["path"]), [])
        report.add("n_offerings", len(result.offerings) == len(expected), where, len(expected),
                   len(result.offerings))
        remaining = list(result.offerings)
        for t in expected:
            best = max(remaining, key=lambda o, t=t: _match_score(o, t), default=None)  # type: ignore[misc]
            if best is not None:
                remaining.remove(best)
            for name in SAMPLEWEB_FIELDS:
                want_value = _expected(t, name)
                got = _value(best, name) if best is not None else None
                ok = best is not None and (abs(got - want_value) < 0.01 if name == "price_eur" and got is not None
                                           and want_value is not None else got == want_value)
                report.add(name, ok, where, want_value, got)
            if best is not None:
                want_url = t["offering_url_path"]
                report.add("url", best.url.endswith(want_url) or best.url.endswith(want_url + "/"), where,
                           want_url, best.url)
    return report
