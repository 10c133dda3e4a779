"""Per-field extraction accuracy: the real pages (../shared/pages) and, when available, a sample web.

    .venv/bin/python bench/extraction_accuracy.py [--sampleweb DIR] [--build] [--misses N]

``--build`` writes a fresh sample web into a temporary directory first (sampleweb.build);
``--sampleweb DIR`` scores one built earlier. Targets: ≥ 0.85 on the real pages (is_offering, crebo,
leerweg, niveau), ≥ 0.95 per field on the sample web.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from crawler.extract.evaluation import Report, evaluate_real_pages, evaluate_sampleweb
from llo.settings import Settings


def _print(name: str, report: Report, misses: int, seconds: float) -> None:
    print(f"\n{name} ({seconds:.1f} s)")
    for field, acc in report.accuracy().items():
        print(f"  {field:15s} {acc:6.3f}  ({report.correct[field]}/{report.total[field]})")
    for miss in report.misses[:misses]:
        print(f"    miss: {miss[:220]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sampleweb", type=Path, help="a built sample web (llo sampleweb build --out DIR)")
    parser.add_argument("--build", action="store_true", help="build a sample web into a temp dir and score it")
    parser.add_argument("--misses", type=int, default=10, help="show this many misses per corpus")
    args = parser.parse_args()
    settings = Settings()
    pages = settings.reference_dir.parent / "pages"
    t = time.perf_counter()
    _print(f"real pages {pages}", evaluate_real_pages(pages), args.misses, time.perf_counter() - t)
    root = args.sampleweb
    with tempfile.TemporaryDirectory(prefix="llo-sampleweb-") as tmp:
        if root is None and args.build:
            from sampleweb.build import build_sampleweb

            root = Path(tmp) / "web"
            build_sampleweb(root, settings.reference_dir)
        if root is not None:
            t = time.perf_counter()
            report = evaluate_sampleweb(root)
            _print(f"sample web {root}", report, args.misses, time.perf_counter() - t)
        else:
            print("\nsample web: not scored (pass --build or --sampleweb DIR)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
