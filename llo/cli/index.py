"""`llo index build`, `llo search`, `llo eval`: build the search index, query it, measure it."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from llo.pipeline import load_reference_data
from llo.settings import Settings
from skills.errors import InvalidQueryError

if TYPE_CHECKING:
    from index.filters import SearchFilters
    from index.search import SearchEngine


def _engine(settings: Settings) -> SearchEngine:
    from index.encoders import load_encoder
    from index.search import SearchEngine

    encoder = load_encoder(settings.encoder, settings.model_dir)
    return SearchEngine.load(settings.index_dir, encoder, load_reference_data(settings))


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from llo.pipeline import rebuild_index

    bars: dict[str, tqdm[Any]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="doc", leave=False, disable=args.quiet)
        bar.update(done - bar.n)

    try:
        result = rebuild_index(settings, progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    counts = result.manifest["counts"]
    print(f"index built in {result.manifest['build_seconds']}s: {counts['offerings']} offerings "
          f"({counts['mapped_offerings']} mapped), {counts['qualifications']} qualifications, "
          f"encoder {result.manifest['encoder']} → {settings.index_dir} ({result.directory.name})")
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def filters_from_args(args: argparse.Namespace) -> SearchFilters:
    from index.filters import SearchFilters

    return SearchFilters(
        leerwegen=args.leerweg or [], niveaus=args.niveau or [], offering_types=args.type or [],
        opleidingsdomeinen=args.domein or [], providers=args.provider or [], max_price=args.max_price,
        start_from=args.start_from, start_to=args.start_to, place=args.place, radius_km=args.radius,
    )


def _search(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    query = " ".join(args.query)
    if args.qualifications:
        qhits = engine.search_qualifications(query, limit=args.limit)
        out: dict[str, Any] = {"results": [
            {"crebo": h.crebo, "name": h.name, "niveau": h.niveau, "score": h.score,
             "matched_skills": h.matched_skills, "n_offerings": h.n_offerings} for h in qhits]}
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for h in qhits:
                print(f"{h.score:.3f}  {h.crebo}  {h.name} (niveau {h.niveau}, {h.n_offerings} aanbod)"
                      + (f"  — {'; '.join(h.matched_skills)}" if h.matched_skills else ""))
        return 0
    res = engine.search(query, filters_from_args(args), limit=args.limit, offset=args.offset, arm=args.arm,
                        sort=args.sort)
    out = {
        "results": [{
            "id": h.id, "title": h.title, "provider": h.provider,
            "qualification": {"crebo": h.crebo, "name": h.qualification_name} if h.crebo else None,
            "score": h.score, "matched_skills": h.matched_skills,
            **({"distance_km": h.distance_km} if h.distance_km is not None else {}),
        } for h in res.hits],
        "total": res.total,
        "facets": res.facets,
    }
    if res.reason:
        out["reason"] = res.reason
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if res.reason:
        print(res.reason)
    for hit in res.hits:
        qual = f"{hit.crebo} {hit.qualification_name}" if hit.crebo else "geen kwalificatie"
        print(f"{hit.score:.3f}  {hit.title} — {hit.provider} [{qual}]"
              + (f"  — {'; '.join(hit.matched_skills)}" if hit.matched_skills else ""))
    print(f"({res.total} resultaten)")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from index.evaluate import engine_rankers, evaluate, load_queries

    queries = load_queries(Path(args.queries))
    if not queries:
        raise InvalidQueryError(f"{args.queries}: no queries")
    engine = _engine(settings)
    result = evaluate(queries, engine_rankers(engine))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{'':16s}{'nDCG@10':>9s}{'R@10':>8s}{'MRR':>8s}")
    for name in ("hybrid", "bm25", "dense", "fuzzy", "qualifications"):
        m: Any = result[name]
        print(f"{name:16s}{m['ndcg@10']:9.3f}{m['recall@10']:8.3f}{m['mrr']:8.3f}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    idx = sub.add_parser("index", help="build the search index").add_subparsers(
        dest="index_cmd", metavar="CMD", required=True)
    build = idx.add_parser("build", help="index the store's offerings (new directory, swapped in atomically)")
    build.add_argument("--quiet", action="store_true", help="no progress bars")
    build.set_defaults(func=_build)

    search = sub.add_parser("search", help="search offerings (or qualifications) in the index")
    search.add_argument("query", nargs="+", help="what you are looking for, in your own words")
    search.add_argument("--qualifications", action="store_true", help="rank qualifications instead of offerings")
    search.add_argument("--json", action="store_true", help="JSON output")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--arm", default="hybrid", choices=["hybrid", "bm25", "dense", "fuzzy"])
    search.add_argument("--sort", default="relevance", choices=["relevance", "start_date", "distance", "price"])
    search.add_argument("--leerweg", action="append", help="BOL, BBL, DERDE_LEERWEG, DEELTIJD (repeatable)")
    search.add_argument("--niveau", action="append", type=int, help="1-4 (repeatable)")
    search.add_argument("--type", action="append", help="offering type, e.g. mbo-certificaat (repeatable)")
    search.add_argument("--domein", action="append", help="opleidingsdomein (repeatable)")
    search.add_argument("--provider", action="append", help="provider name (repeatable)")
    search.add_argument("--max-price", type=float, dest="max_price")
    search.add_argument("--start-from", type=_date, dest="start_from")
    search.add_argument("--start-to", type=_date, dest="start_to")
    search.add_argument("--place", help="place name or 4-digit postcode")
    search.add_argument("--radius", type=float, help="km around --place")
    search.set_defaults(func=_search)

    ev = sub.add_parser("eval", help="nDCG@10 / Recall@10 / MRR per arm on graded queries (JSONL)")
    ev.add_argument("queries", help="graded queries, format of shared/eval/dev_queries.jsonl")
    ev.add_argument("--json", action="store_true", help="JSON output")
    ev.set_defaults(func=_eval)
