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
    from index.request import SearchRequest
    from index.results import OfferingHit
    from index.search import SearchEngine


def _engine(settings: Settings) -> SearchEngine:
    from index.encoders import load_encoder
    from index.search import SearchEngine

    encoder = load_encoder(settings.encoder, settings.model_dir)
    return SearchEngine.load(settings.index_dir, encoder, load_reference_data(settings))


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from llo.pipeline import rebuild_index

    # One line on the terminal: each stage replaces the previous stage's bar instead of stacking below it.
    bar: tqdm[Any] | None = None
    current = ""

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal bar, current
        if bar is None or stage != current:
            if bar is not None:
                bar.close()
            bar, current = tqdm(total=total, desc=stage, unit="doc", leave=False, disable=args.quiet), stage
        bar.update(done - bar.n)

    try:
        result = rebuild_index(settings, progress=progress)
    finally:
        if bar is not None:
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


def request_from_args(args: argparse.Namespace, query: str) -> SearchRequest:
    """The one search-request builder (:func:`index.request.build_request`) over the command's options."""
    from index.request import build_request

    return build_request(
        query, leerwegen=args.leerweg, niveaus=args.niveau, offering_types=args.type,
        opleidingsdomeinen=args.domein, providers=args.provider, crebos=args.crebo, max_price=args.max_price,
        keep_unknown_price=not args.exclude_unknown_price, start_from=args.start_from, start_to=args.start_to,
        keep_unknown_start=not args.exclude_unknown_start, place=args.place, radius_km=args.radius,
        sort=args.sort, limit=args.limit, offset=args.offset, arm=args.arm)


def _hit_json(h: OfferingHit) -> dict[str, Any]:
    return {
        "id": h.id, "title": h.title, "provider": h.provider,
        "qualification": {"crebo": h.crebo, "name": h.qualification_name} if h.crebo else None,
        "score": h.score, "matched_skills": h.matched_skills, "matched_words": h.matched_words,
        **({"distance_km": h.distance_km} if h.distance_km is not None else {}),
        **({"outside": h.outside} if h.outside else {}),
        **({"official_skills": [{"label": label, "source": source} for label, source in h.official_skills]}
           if h.official_skills else {}),
    }


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
    req = request_from_args(args, query)
    res = engine.search(req.query, req.filters, limit=req.limit, offset=req.offset, arm=req.arm, sort=req.sort)
    out = {"results": [_hit_json(h) for h in res.hits], "total": res.total, "facets": res.facets}
    if res.reason:
        out["reason"] = res.reason
    if res.nearest:
        out["nearest"] = [_hit_json(h) for h in res.nearest]
    if res.place:
        out["place"] = res.place
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if res.place and res.place["corrected"]:
        print(f"Bedoelde je {res.place['name']}? Gezocht in {res.place['name']}.")
    if res.reason:
        print(res.reason)
    for hit in res.nearest:
        print(f"  buiten je filters ({', '.join(hit.outside)}): {hit.title} — {hit.provider}")
    for hit in res.hits:
        qual = f"{hit.crebo} {hit.qualification_name}" if hit.crebo else "geen kwalificatie"
        print(f"{hit.score:.3f}  {hit.title} — {hit.provider} [{qual}]"
              + (f"  — {'; '.join(hit.matched_skills)}" if hit.matched_skills else ""))
    print(f"({res.total} resultaten)")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from index.evaluate import engine_rankers, evaluate, load_queries
    from index.evaluate_filtered import evaluate_shown

    queries = load_queries(Path(args.queries))
    if args.half:
        queries = [q for q in queries if (int("".join(filter(str.isdigit, q.id)) or 0) % 2 == 1) == (args.half == "odd")]
    if not queries:
        raise InvalidQueryError(f"{args.queries}: no queries")
    engine = _engine(settings)
    unfiltered = [q for q in queries if not q.filters]
    result: dict[str, Any] = evaluate(unfiltered, engine_rankers(engine)) if unfiltered else {}
    result["shown"] = evaluate_shown(engine, queries, [q.filters for q in queries])
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    if unfiltered:
        print(f"ranking, queries without filters ({len(unfiltered)})")
        print(f"{'':16s}{'nDCG@10':>9s}{'R@10':>8s}{'MRR':>8s}")
        for name in ("hybrid", "bm25", "dense", "fuzzy", "qualifications"):
            m: Any = result[name]
            print(f"{name:16s}{m['ndcg@10']:9.3f}{m['recall@10']:8.3f}{m['mrr']:8.3f}")
    print("\nwhat is shown (hybrid)          nDCG@10   P@10  honest-empty   n  nothing-nearby")
    for group in ("with_filters", "without_filters"):
        block = result["shown"].get(group)
        if not block:
            continue
        for who, m in [(group, block), *((f"  {p}", v) for p, v in block["per_persona"].items())]:
            cells = [f"{m[k]:9.3f}" if m[k] is not None else f"{'-':>9s}" for k in ("ndcg@10", "precision@10")]
            honest = f"{m['honest_empty']:13.3f}" if m["honest_empty"] is not None else f"{'-':>13s}"
            print(f"{who:30s}{''.join(cells)}{honest}{m['n']:4d}{m['n_nothing_nearby']:16d}")
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
    search.add_argument("--crebo", action="append", help="only offerings of this qualification (repeatable)")
    search.add_argument("--exclude-unknown-price", action="store_true", dest="exclude_unknown_price",
                        help="with --max-price: drop offerings whose price is unknown (kept by default)")
    search.add_argument("--exclude-unknown-start", action="store_true", dest="exclude_unknown_start",
                        help="with --start-from/--start-to: drop offerings without a known start date")
    search.add_argument("--place", help="place, postcode, province or region (Twente, Randstad); Nederland = none")
    search.add_argument("--radius", type=float, help="km around --place (default 25)")
    search.set_defaults(func=_search)

    ev = sub.add_parser("eval", help="nDCG@10 / Recall@10 / MRR per arm; nDCG, precision and honest-empty rate of "
                        "what is shown, with optional per-query filters (JSONL)")
    ev.add_argument("queries", help="graded queries, format of shared/eval/dev_queries.jsonl")
    ev.add_argument("--json", action="store_true", help="JSON output")
    ev.add_argument("--half", choices=["odd", "even"], help="only the odd or even query ids (calibration split)")
    ev.set_defaults(func=_eval)
