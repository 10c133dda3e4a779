"""Top-1 of "match this text" (skills.matching.TextMatcher) on the real school documents, codes masked.

    .venv/bin/python -m bench.match_documents [--reference-dir DIR] [--json]

Every document of school_documents/ that carries a crebo is matched with every 5-digit number in it replaced
by "#####" (so neither its own code nor any other can give the answer away). A document counts as right when
its crebo is among the ``codes`` of the top qualification. Reported per school, in two settings:

- ``leave-school-out`` (the figure that counts): the lineage (which codes belong to which qualification) is
  rebuilt from every source except the documents of the school being measured, so a document never
  vouches for its own code;
- ``all-documents``: the lineage as the product loads it (documents of all schools), for comparison.

Documents whose crebo no source names at all (dossier codes 23xxx filed as a crebo, codes absent from
CompetentNL and the 2015 list) are counted as wrong and listed as ``unknown_code``. Writes
bench/results/match_documents.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from llo.settings import Settings  # noqa: E402
from skills.matching import TextMatcher  # noqa: E402
from skills.reference import ReferenceData, load_reference  # noqa: E402
from skills.reference.lineage_builder import build_lineage  # noqa: E402
from skills.reference.loader import with_lineage  # noqa: E402
from skills.reference.table import ReferenceFiles  # noqa: E402
from skills.reference.validation import ProblemLog  # noqa: E402
from skills.vocabulary import build_vocabulary  # noqa: E402

RESULTS = REPO / "bench" / "results" / "match_documents.json"
_CODE = re.compile(r"(?<!\d)\d{5}(?!\d)")


def mask(text: str) -> str:
    """Every 5-digit number replaced by #####."""
    return _CODE.sub("#####", text)


def without_school(ref: ReferenceData, directory: Path, school: str) -> ReferenceData:
    """``ref`` with the lineage rebuilt from every source but ``school``'s documents."""
    docs = [d for d in ref.documents if d.school != school]
    base = {c: replace(q, codes=(), current_name="") for c, q in ref.qualifications.items()}
    lineage = build_lineage(ReferenceFiles(directory), base, ref.legacy, docs, ProblemLog())
    return replace(ref, qualifications=with_lineage(base, lineage), lineage=lineage, documents=docs)


def run(directory: Path) -> dict[str, object]:
    full = load_reference(directory)
    docs = [d for d in full.documents if d.crebo]
    schools = sorted({d.school for d in docs})
    out: dict[str, object] = {"documents": len(docs), "mask": "every 5-digit number → #####", "settings": {}}
    for setting in ("leave-school-out", "all-documents"):
        per_school: dict[str, dict[str, object]] = {}
        total_right = 0
        started = time.perf_counter()
        for school in schools:
            ref = without_school(full, directory, school) if setting == "leave-school-out" else full
            matcher = TextMatcher(ref, build_vocabulary(ref))
            known = set(ref.qualifications) | set(ref.lineage.links) | set(ref.lineage.standalone)
            right, unknown = 0, 0
            misses: list[dict[str, str]] = []
            mine = [d for d in docs if d.school == school]
            for doc in mine:
                top = matcher.match(mask(doc.text()), limit=1)
                ok = bool(top) and doc.crebo in top[0].codes
                right += ok
                if doc.crebo not in known:
                    unknown += 1
                if not ok:
                    misses.append({"document": doc.relative, "crebo": doc.crebo,
                                   "top": f"{top[0].crebo} {top[0].name}" if top else ""})
            total_right += right
            per_school[school] = {"documents": len(mine), "top1": round(right / len(mine), 4),
                                  "right": right, "unknown_code": unknown, "misses": misses}
        out["settings"][setting] = {  # type: ignore[index]
            "top1": round(total_right / len(docs), 4), "right": total_right, "per_school": per_school,
            "seconds": round(time.perf_counter() - started, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    directory = args.reference_dir or Settings().reference_dir
    result = run(directory)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for setting, figures in result["settings"].items():  # type: ignore[attr-defined]
        print(f"{setting}: top-1 {figures['top1']:.3f} ({figures['right']}/{result['documents']})")
        for school, s in figures["per_school"].items():
            print(f"  {school:<16} {s['top1']:.3f}  ({s['right']}/{s['documents']}, unknown code {s['unknown_code']})")
    misses = Counter(m["crebo"] for s in result["settings"]["leave-school-out"]["per_school"].values()  # type: ignore[index]
                     for m in s["misses"])
    print("most missed crebos (leave-school-out):", ", ".join(f"{c}×{n}" for c, n in misses.most_common(10)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
