"""Top-1 crebo accuracy of the Mapper on the sample web's truth and on the real pages in shared/pages.

    .venv/bin/python bench/mapping_accuracy.py [--full] [--reference-dir DIR] [--pages DIR] [--json]

Sample web (built into a temporary directory): two modes.
- ``truth-fields``: offerings built from the truth's own fields (title, crebo_stated, niveau, leerwegen,
  offering type) — the mapper alone.
- ``extracted``: every page run through ``crawler.extract.extract_page`` and matched to the truth by
  title; measures extraction + mapping together (offerings the extractor misses count as wrong).
A non-mbo offering (truth crebo None) is correct when it stays unmapped.

Real pages: each text through ``extract_page`` (text/plain); the first offering's crebo is compared
with ``crebo_2015_list_for_reference``. Pages the extractor finds no offering on count as correct for
negatives and wrong for offering pages.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract_page  # noqa: E402
from sampleweb.build import build_sampleweb  # noqa: E402
from sampleweb.paths import file_for  # noqa: E402
from sampleweb.truth import TruthOffering, load_truth  # noqa: E402
from skills.mapping import Mapper  # noqa: E402
from skills.model import Leerweg, Offering, OfferingType  # noqa: E402
from skills.reference import load_reference  # noqa: E402
from skills.text import normalize_name  # noqa: E402
from skills.vocabulary import build_vocabulary  # noqa: E402


def _offering(t: TruthOffering) -> Offering:
    return Offering(url=f"http://{t.site}.example.nl{t.offering_url_path}", title=t.title, provider=t.provider,
                    offering_type=OfferingType(t.offering_type), crebo_stated=t.crebo_stated,
                    leerwegen=[Leerweg(lw) for lw in t.leerwegen], niveau=t.niveau,
                    start_dates=[date.fromisoformat(d) for d in t.start_dates])


def _score(expected: str | None, got: str | None) -> bool:
    return expected == got


def sampleweb(mapper: Mapper, reference_dir: Path, small: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="llo-bench-map-") as tmp:
        root = Path(tmp) / "web"
        build_sampleweb(root, reference_dir, small=small)
        truth = [t for t in load_truth(root) if not t.robots_disallowed]
        started = time.perf_counter()
        results = [(t, mapper.map(_offering(t))) for t in truth]
        per_offering_ms = 1000 * (time.perf_counter() - started) / max(len(truth), 1)
        wrong = [(t.title, t.crebo, m.crebo, m.method) for t, m in results if not _score(t.crebo, m.crebo)]
        methods = Counter(m.method for _, m in results)
        # Extraction + mapping: extract each truth page once, match offerings to truth by title.
        extracted_ok = 0
        pages: dict[tuple[str, str], list[Offering]] = {}
        for t in truth:
            key = (t.site, t.page_path)
            if key not in pages:
                rel = file_for(t.page_path)
                path = root / "sites" / t.site / rel if rel else None
                if path is None or not path.exists():
                    pages[key] = []
                    continue
                ctype = "application/json" if rel and rel.endswith(".json") else "text/html"
                pages[key] = extract_page(path.read_bytes(), f"http://{t.site}.example.nl{t.page_path}",
                                          provider=t.provider, content_type=ctype).offerings
            want = normalize_name(t.title)
            found = [o for o in pages[key] if normalize_name(o.title) == want] or pages[key][:1]
            if found and _score(t.crebo, mapper.map(found[0]).crebo):
                extracted_ok += 1
    n = len(truth)
    return {"n": n, "accuracy_truth_fields": round((n - len(wrong)) / max(n, 1), 4),
            "accuracy_extracted": round(extracted_ok / max(n, 1), 4), "methods": dict(methods),
            "ms_per_offering": round(per_offering_ms, 2), "wrong": wrong}


def real_pages(mapper: Mapper, pages_dir: Path) -> dict[str, object]:
    rows = list(csv.DictReader((pages_dir / "pages_truth.csv").open(encoding="utf-8")))
    details = []
    correct = 0
    for row in rows:
        match = re.search(r"\d{5}", row["crebo_2015_list_for_reference"])
        expected = match.group(0) if match else None
        body = (pages_dir / "texts" / row["file"]).read_bytes()
        result = extract_page(body, row["url"], content_type="text/plain")
        got = mapper.map(result.offerings[0]) if result.offerings else None
        crebo = got.crebo if got else None
        ok = _score(expected, crebo)
        correct += ok
        details.append({"file": row["file"], "expected": expected, "got": crebo,
                        "method": got.method if got else "no offering extracted",
                        "flags": list(got.flags) if got else [], "ok": ok})
    offering_rows = [d for d in details if d["expected"]]
    return {"n": len(rows), "accuracy": round(correct / max(len(rows), 1), 4),
            "accuracy_offering_pages": round(sum(bool(d["ok"]) for d in offering_rows) / max(len(offering_rows), 1), 4),
            "pages": details}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pages", type=Path, default=REPO.parent / "shared" / "pages")
    parser.add_argument("--full", action="store_true", help="the full sample web (29 providers) instead of small")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    ref = load_reference(args.reference_dir)
    vocab = build_vocabulary(ref)
    mapper = Mapper(ref, vocab)
    setup_s = time.perf_counter() - started
    report = {"setup_seconds": round(setup_s, 2), "sampleweb": sampleweb(mapper, args.reference_dir, not args.full),
              "pages": real_pages(mapper, args.pages)}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    sw, pg = report["sampleweb"], report["pages"]
    assert isinstance(sw, dict) and isinstance(pg, dict)
    print(f"reference + vocabulary + mapper: {setup_s:.2f} s")
    print(f"sample web ({'full' if args.full else 'small'}, n={sw['n']}): top-1 truth-fields "
          f"{sw['accuracy_truth_fields']:.3f}, extracted {sw['accuracy_extracted']:.3f}, "
          f"{sw['ms_per_offering']} ms/offering; methods {sw['methods']}")
    for title, want, got, method in sw["wrong"]:
        print(f"  wrong: {title!r}: expected {want}, got {got} ({method})")
    print(f"real pages (n={pg['n']}): top-1 {pg['accuracy']:.3f} "
          f"(offering pages {pg['accuracy_offering_pages']:.3f})")
    for d in pg["pages"]:
        print(f"  {'ok ' if d['ok'] else 'BAD'} {d['file']}: expected {d['expected']}, got {d['got']} ({d['method']}"
              f"{', ' + ', '.join(d['flags']) if d['flags'] else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
