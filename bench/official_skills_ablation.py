"""Ablation: what the official skills' labels add to the qualification texts, on graded queries.

    .venv/bin/python -m bench.official_skills_ablation QUERIES.jsonl

For each setting of ``skills.vocabulary.OFFICIAL_SKILLS_IN_TEXT`` (none, CompetentNL, ESCO, both) the 470
qualification texts (:meth:`Vocabulary.qualification_text`) are indexed with the project's BM25 analyser
(index.lexical: Dutch stemming, decompounding) and every query ranks the qualifications; nDCG@10 / Recall@10 / MRR
at crebo level (index.evaluate), and the same for "match this text" (skills.matching.TextMatcher) over those texts.
This isolates the text: no offerings, no dense encoder, no fusion (a full index rebuild per setting took over
ten minutes on the shared machine). Writes bench/results/official_skills_ablation.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.evaluate import load_queries, score_rankings  # noqa: E402
from index.lexical import Analyzer, LexicalIndex, query_weights  # noqa: E402
from llo.settings import Settings  # noqa: E402
from skills import vocabulary  # noqa: E402
from skills.matching import TextMatcher  # noqa: E402
from skills.reference import load_reference  # noqa: E402

RESULTS = REPO / "bench" / "results" / "official_skills_ablation.json"
SETTINGS: dict[str, tuple[str, ...]] = {"none": (), "competentnl": ("competentnl",), "esco": ("esco",),
                                        "both": ("competentnl", "esco")}
K = 10


def main(argv: list[str]) -> int:
    queries = load_queries(Path(argv[0]))
    settings = Settings()
    ref = load_reference(settings.reference_dir, overlay=settings.reference_overlay, lexicon=settings.lexicon_path)
    out: dict[str, object] = {"queries": len(queries), "lexicon": str(settings.lexicon_path), "settings": {}}
    for name, sources in SETTINGS.items():
        started = time.perf_counter()
        vocabulary.OFFICIAL_SKILLS_IN_TEXT = sources
        vocab = vocabulary.build_vocabulary(ref)
        crebos = sorted(vocab.qualifications)
        texts = [vocab.qualification_text(c) for c in crebos]
        analyzer = Analyzer()
        index = LexicalIndex.build([analyzer.terms(t) for t in texts])
        bm25 = []
        for q in queries:
            scores = index.scores(query_weights(analyzer.terms(q.query)))
            bm25.append([crebos[i] for i in scores.argsort()[::-1][:K] if scores[i] > 0])
        matcher = TextMatcher(ref, vocab)
        matched = [[m.key for m in matcher.match(q.query, limit=K)] for q in queries]
        out["settings"][name] = {  # type: ignore[index]
            "bm25_qualification_texts": score_rankings(queries, bm25), "match": score_rankings(queries, matched),
            "mean_text_words": round(sum(len(t.split()) for t in texts) / len(texts), 1),
            "seconds": round(time.perf_counter() - started, 1)}
        row = out["settings"][name]  # type: ignore[index]
        print(f"{name:12s} bm25 nDCG@10 {row['bm25_qualification_texts']['ndcg@10']:.3f}  "
              f"match nDCG@10 {row['match']['ndcg@10']:.3f}  words/text {row['mean_text_words']}", flush=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
