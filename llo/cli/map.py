"""`llo map` (offerings → qualifications) and `llo vocab` (coverage report, one qualification's concepts)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from llo.pipeline import load_reference_data, map_offerings
from llo.settings import Settings
from skills.errors import NotFoundError
from skills.mapping import DEFAULT_THRESHOLD
from skills.reference import ReferenceData

if TYPE_CHECKING:
    from skills.vocabulary import Vocabulary

def _load(settings: Settings) -> tuple[ReferenceData, Vocabulary]:
    from skills.vocabulary import build_vocabulary  # scikit-learn: imported only when needed

    ref = load_reference_data(settings)
    return ref, build_vocabulary(ref)


def _map(args: argparse.Namespace, settings: Settings) -> int:
    bar: tqdm[None] | None = None

    def progress(_step: str, done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="mapping", unit="offering", disable=args.json or None)
        bar.update(done - bar.n)

    try:
        result = map_offerings(settings, threshold=args.threshold, include_stale=args.include_stale,
                               progress=progress)
    finally:
        if bar is not None:
            bar.close()
    summary: dict[str, Any] = {
        "offerings": result.offerings, "mapped": result.mapped, "unmapped": result.methods.get("unmapped", 0),
        "methods": result.methods, "flags": result.flags, "seconds": result.seconds,
    }
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    methods = ", ".join(f"{m} {n:,}" for m, n in result.methods.items() if m != "unmapped")
    flags = ", ".join(f"{f} {n:,}" for f, n in result.flags.items())
    print(f"mapped {result.mapped:,} of {result.offerings:,} offerings in {result.seconds} s ({methods}; "
          f"unmapped {result.methods.get('unmapped', 0):,})" + (f"; flagged: {flags}" if flags else ""))
    return 0


def _coverage(args: argparse.Namespace, settings: Settings) -> int:
    from skills.vocabulary_coverage import coverage

    _, vocab = _load(settings)
    report = coverage(vocab)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    counts = report.counts()
    print(f"{counts['qualifications']} qualifications:")
    print(f"  with werkprocessen in our data      {counts['werkprocessen']:>5}")
    print(f"  no werkprocessen, ESCO occupations  {counts['occupations']:>5}")
    print(f"  name, dossier and domain only       {counts['name-only']:>5}")
    print(f"  with a beroepsbeschrijving          {counts['with_beroepsbeschrijving']:>5}")
    print(f"  with linked ESCO occupations        {counts['with_linked_occupations']:>5}")
    print(f"  with everyday words (lexicon)       {counts['with_lexicon']:>5}")
    missing = report.without_werkprocessen()
    print(f"\nno werkprocessen in our data ({len(missing)}); findable through:")
    for row in missing if args.all else missing[:25]:
        print(f"  {row.crebo}  {row.name} (niveau {row.niveau}): {', '.join(row.findable_through)}")
    if not args.all and len(missing) > 25:
        print(f"  ... {len(missing) - 25} more (--all lists them, --json gives everything)")
    return 0


def _show(args: argparse.Namespace, settings: Settings) -> int:
    _, vocab = _load(settings)
    crebo = args.crebo.strip()
    if crebo not in vocab.qualifications:
        raise NotFoundError(f"crebo {crebo} is not a current qualification in {settings.reference_dir}")
    q = vocab.qualifications[crebo]
    links = vocab.links_for(crebo)
    if args.json:
        print(json.dumps({
            "crebo": crebo, "name": q.name, "niveau": q.niveau, "dossier": q.dossier,
            "links": [{"concept": lk.concept_id, "label": vocab.concept(lk.concept_id).label,
                       "score": lk.score, "source": lk.source, "evidence": lk.evidence} for lk in links],
            "text": vocab.qualification_text(crebo)}, indent=2, ensure_ascii=False))
        return 0
    print(f"{crebo}  {q.name}  (niveau {q.niveau}; dossier {q.dossier}; {q.opleidingsdomein})")
    for lk in links:
        print(f"  [{lk.source}] {vocab.concept(lk.concept_id).label}  ({lk.score:.2f}) — {lk.evidence}")
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("map", help="map stored offerings onto qualifications (crebo), with evidence")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"minimum confidence for a mapping; below it 'unmapped' (default {DEFAULT_THRESHOLD})")
    p.add_argument("--include-stale", action="store_true", help="also map stale offerings")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_map)

    vocab = subparsers.add_parser("vocab", help="the skills vocabulary: coverage report, one qualification")
    vsub = vocab.add_subparsers(dest="vocab_command", metavar="SUBCOMMAND", required=True)
    cov = vsub.add_parser("coverage", help="which qualifications have werkprocessen, occupations, or a name only")
    cov.add_argument("--json", action="store_true", help="the full report as JSON")
    cov.add_argument("--all", action="store_true", help="list every qualification without werkprocessen")
    cov.set_defaults(func=_coverage)
    show = vsub.add_parser("show", help="the skill concepts linked to one qualification, with sources")
    show.add_argument("crebo", help="a current (2015-list) crebo, e.g. 25491")
    show.add_argument("--json", action="store_true", help="as JSON, with the qualification's document text")
    show.set_defaults(func=_show)
