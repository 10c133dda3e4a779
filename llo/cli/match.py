"""`llo match FILE [--json]`: which qualifications a text is about, and their offerings in the index.

FILE is any Dutch text (a vacancy, a job description, a school document, a CV paragraph; "-" reads standard
input), at most skills.matching.MAX_TEXT_CHARS characters. Without a built index the offerings list is empty
(and a note says so on standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from llo.pipeline import load_reference_data
from llo.settings import Settings
from skills.errors import IndexUnavailableError, InvalidQueryError


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InvalidQueryError(f"kan {path} niet lezen: {exc.strerror or exc}") from None


def _match(args: argparse.Namespace, settings: Settings) -> int:
    from index.match import group_by_crebo, match_text
    from skills.matching import TextMatcher
    from skills.vocabulary import build_vocabulary

    text = _read(args.file)
    ref = load_reference_data(settings)
    matcher = TextMatcher(ref, build_vocabulary(ref))
    by_crebo: dict[str, list[dict[str, Any]]] = {}
    try:
        from index.encoders import load_encoder
        from index.search import SearchEngine

        engine = SearchEngine.load(settings.index_dir, load_encoder(settings.encoder, settings.model_dir), ref)
        by_crebo = group_by_crebo(engine.payloads)
    except IndexUnavailableError as exc:
        print(f"llo: note: no offerings: {exc}", file=sys.stderr)
    result = match_text(matcher, by_crebo, text, qualifications=args.limit, offerings=args.offerings)
    out = {
        "qualifications": [{"crebo": q.crebo, "name": q.name, "codes": list(q.codes), "niveau": q.niveau,
                            "score": q.score, "matched_skills": list(q.matched_skills)}
                           for q in result.qualifications],
        "offerings": [{
            "id": o.payload.get("id"), "title": o.payload.get("title", ""), "provider": o.payload.get("provider", ""),
            "qualification": {"crebo": o.qualification.crebo, "name": o.qualification.name},
            "score": o.score, "matched_skills": list(o.qualification.matched_skills),
        } for o in result.offerings],
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for q in result.qualifications:
        codes = ", ".join(c for c in q.codes if c != q.crebo)
        print(f"{q.score:.3f}  {q.crebo}  {q.name}" + (f" (ook {codes})" if codes else "")
              + (f"  — {'; '.join(q.matched_skills)}" if q.matched_skills else ""))
    for o in out["offerings"]:
        print(f"  {o['title']} — {o['provider']} [{o['qualification']['crebo']}]")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    match = sub.add_parser("match", help="which qualifications a text (vacancy, CV, document) is about")
    match.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    match.add_argument("--json", action="store_true", help="JSON output")
    match.add_argument("--limit", type=int, default=5, help="qualifications to return (default 5)")
    match.add_argument("--offerings", type=int, default=10, help="offerings to return (default 10)")
    match.set_defaults(func=_match)
