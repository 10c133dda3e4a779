"""Extraction accuracy targets: real pages (≥ 0.85) and a small sample web (≥ 0.95 per field)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.evaluation import evaluate_real_pages, evaluate_sampleweb


def test_real_pages_accuracy(shared_dir: Path) -> None:
    report = evaluate_real_pages(shared_dir / "pages")
    accuracy = report.accuracy()
    for field in ("is_offering", "crebo", "leerweg", "niveau"):
        assert accuracy[field] >= 0.85, (field, accuracy, report.misses)


@pytest.mark.slow
def test_sampleweb_accuracy(tmp_path: Path, reference_dir: Path) -> None:
    build = pytest.importorskip("sampleweb.build")
    build.build_sampleweb(tmp_path / "web", reference_dir, small=True)
    report = evaluate_sampleweb(tmp_path / "web")
    low = {k: v for k, v in report.accuracy().items() if v < 0.95}
    assert not low, (low, report.misses[:20])
