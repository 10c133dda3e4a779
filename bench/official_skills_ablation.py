"""Ablation: what the official skills' labels add to the search documents, on graded queries.

    LLO_DATA_DIR=data LLO_ENCODER=minilm .venv/bin/python -m bench.official_skills_ablation QUERIES.jsonl

Uses the store of a finished `llo demo` (offerings and mappings) and builds one index per setting of
``skills.vocabulary.OFFICIAL_SKILLS_IN_TEXT`` (none, CompetentNL, ESCO, both) into a temporary directory with the
configured encoder, then evaluates every arm (index.evaluate). Writes bench/results/official_skills_ablation.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.build import build_index  # noqa: E402
from index.encoders import load_encoder  # noqa: E402
from index.evaluate import engine_rankers, evaluate, load_queries  # noqa: E402
from index.search import SearchEngine  # noqa: E402
from llo.pipeline import load_reference_data  # noqa: E402
from llo.settings import Settings  # noqa: E402
from skills import vocabulary  # noqa: E402
from store import open_store  # noqa: E402

RESULTS = REPO / "bench" / "results" / "official_skills_ablation.json"
SETTINGS: dict[str, tuple[str, ...]] = {"none": (), "competentnl": ("competentnl",), "esco": ("esco",),
                                        "both": ("competentnl", "esco")}


def main(argv: list[str]) -> int:
    queries = load_queries(Path(argv[0]))
    settings = Settings()
    ref = load_reference_data(settings)
    encoder = load_encoder(settings.encoder, settings.model_dir)
    with closing(open_store(settings.store_url)) as store:
        offerings = list(store.offerings(include_stale=False))
        mappings = store.mappings()
    out: dict[str, object] = {"queries": len(queries), "encoder": settings.encoder, "offerings": len(offerings),
                              "settings": {}}
    for name, sources in SETTINGS.items():
        vocabulary.OFFICIAL_SKILLS_IN_TEXT = sources
        vocab = vocabulary.build_vocabulary(ref)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            build_index(Path(tmp) / "index", offerings, mappings, ref, vocab, encoder)
            engine = SearchEngine.load(Path(tmp) / "index", encoder, ref)
            result = evaluate(queries, engine_rankers(engine))
        figures = {arm: result[arm] for arm in ("hybrid", "bm25", "dense", "fuzzy", "qualifications")}
        out["settings"][name] = {**figures, "seconds": round(time.perf_counter() - started, 1)}  # type: ignore[index]
        hybrid = figures["hybrid"]
        print(f"{name:12s} hybrid nDCG@10 {hybrid['ndcg@10']:.3f} R@10 {hybrid['recall@10']:.3f} "  # type: ignore[index]
              f"MRR {hybrid['mrr']:.3f}  qualifications nDCG@10 {figures['qualifications']['ndcg@10']:.3f}",  # type: ignore[index]
              flush=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
