"""Style 4: the facts in tables (one row per offering, or a vertical table for a single offering)."""

from __future__ import annotations

from ..specs import PageSpec
from .base import SiteContext, block_heading, closing_html, description_html, esc, fields, shell

STYLE = "tables"


def _vertical(page: PageSpec) -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in fields(page.offerings[0], page.variant))
    return f'<table class="opleiding-info"><tbody>{rows}</tbody></table>'


def _horizontal(page: PageSpec) -> str:
    per = [fields(off, page.variant) for off in page.offerings]
    labels: list[str] = []
    for pairs in per:
        labels += [k for k, _ in pairs if k not in labels]
    head = "<th>Variant</th>" + "".join(f"<th>{esc(k)}</th>" for k in labels)
    body = ""
    for off, pairs in zip(page.offerings, per, strict=True):
        values = dict(pairs)
        cells = "".join(f"<td>{esc(values.get(k, '-'))}</td>" for k in labels)
        body += f"<tr><td>{esc(block_heading(page, off))}</td>{cells}</tr>"
    return f'<table class="opleiding-varianten"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def offering_page(ctx: SiteContext, page: PageSpec) -> str:
    table = _horizontal(page) if len(page.offerings) > 1 or page.variant % 2 else _vertical(page)
    body = (f"<h1>{esc(page.heading)}</h1>\n{table}\n<h2>Over de opleiding</h2>\n{description_html(page)}\n"
            f"{closing_html(page)}")
    return shell(ctx, page.heading, body, body_class="tables")
