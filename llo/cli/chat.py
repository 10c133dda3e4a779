"""`llo eval-chat`: run a dialogue set through the chat (built-in, or the configured LLM) and score it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from llo.settings import Settings
from skills.errors import InvalidQueryError


def _eval_chat(args: argparse.Namespace, settings: Settings) -> int:
    from api.chat import ChatService
    from api.chat.evaluate import load_dialogues, run_dialogue, summarise
    from llo.cli.index import _engine
    from llo.pipeline import load_reference_data

    dialogues = load_dialogues(Path(args.dialogues))
    if not dialogues:
        raise InvalidQueryError(f"{args.dialogues}: no dialogues")
    engine = _engine(settings)
    ref = load_reference_data(settings)
    service = ChatService.from_settings(settings, ref.gazetteer, ref.qualifications)

    def answer(messages: Any, persona: str | None, state: dict[str, Any] | None) -> Any:
        return service.answer(engine, messages, persona, state)

    def place_name(name: str) -> str:
        located = ref.gazetteer.locate(name) if ref.gazetteer is not None else None
        return str(getattr(located, "name", name)) if located is not None else name

    result = summarise(run_dialogue(d, answer, engine.get, place_name) for d in dialogues)
    result["mode"] = "llm" if service.llm is not None else "builtin"
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{'':14s}{'n':>4s}{'state':>8s}{'cite-P':>8s}{'≤½ off':>8s}{'quest.':>8s}{'off-top':>8s}{'p95 ms':>8s}")
    for name in ("werkzoekende", "adviseur", "werkgever", "all"):
        m = result.get(name)
        if not m:
            continue
        cells = [m["state_accuracy"], m["citation_precision"], m["search_dialogues_at_most_half_offtopic"],
                 m["question_handling"], m["offtopic_handling"], m["turn_ms_p95"]]
        print(f"{name:14s}{m['dialogues']:4d}" + "".join(f"{'-' if c is None else c:>8}" for c in cells))
    for failure in result["failures"]:
        print(f"  {failure['id']}: {failure}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eval-chat", help="state accuracy, citation precision, question and off-topic handling "
                                         "per persona on a dialogue set (JSONL)")
    p.add_argument("dialogues", help="dialogue set, format of eval/chat_dialogues.jsonl")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=_eval_chat)
