"""`llo config`: show the effective settings, or the Markdown settings table the README carries."""

from __future__ import annotations

import argparse
import json

from llo.settings import Settings


def settings_table() -> str:
    """The README's settings table, generated from the Settings class so the two cannot drift."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = "(beside the repo) `../shared/data`" if name == "reference_dir" else f"`{field.default}`"
        if field.default is None:
            default = "unset"
        rows.append(f"| `LLO_{name.upper()}` | {default} | {field.description or ''} |")
    return "\n".join(rows)


def _show(args: argparse.Namespace, settings: Settings) -> int:
    if args.markdown:
        print(settings_table())
        return 0
    values = settings.model_dump(mode="json")
    for secret in ("admin_token", "llm_api_key"):
        if values.get(secret):
            values[secret] = "***"
    values["store_url (effective)"] = settings.store_url
    values["index_dir (derived)"] = str(settings.index_dir)
    print(json.dumps(values, indent=2, ensure_ascii=False))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="show the effective settings (LLO_* environment variables)")
    p.add_argument("--markdown", action="store_true", help="print the README settings table")
    p.set_defaults(func=_show)
