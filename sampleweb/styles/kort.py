"""Style 2: 'In het kort' key/value blocks (dl, or div label/value with a duplicated 'Niveau' label)."""

from __future__ import annotations

from ..specs import OfferingSpec, PageSpec
from .base import SiteContext, block_heading, closing_html, description_html, esc, fields, shell

STYLE = "kort"


def _block(page: PageSpec, off: OfferingSpec, as_div: bool) -> str:
    pairs = fields(off, page.variant)
    if as_div:
        # Templated CMS blocks repeat the label inside the value: "Niveau" / "Niveau 2".
        shown = [(k, f"Niveau {off.niveau}" if k == "Niveau" and off.niveau and off.niveau > 1 else v) for k, v in pairs]
        inner = "\n".join(f'<div class="kort-item"><div class="label">{esc(k)}</div>'
                          f'<div class="value">{esc(v)}</div></div>' for k, v in shown)
    else:
        inner = "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs) + "</dl>"
    head = f"<h3>{esc(block_heading(page, off))}</h3>" if len(page.offerings) > 1 else ""
    return f'<section class="in-het-kort"><h2>In het kort</h2>{head}\n{inner}\n</section>'


def offering_page(ctx: SiteContext, page: PageSpec) -> str:
    as_div = ctx.info.port_index % 2 == 1
    blocks = "\n".join(_block(page, off, as_div) for off in page.offerings)
    body = (
        f"<h1>{esc(page.heading)}</h1>\n{blocks}\n<h2>Wat ga je doen?</h2>\n{description_html(page)}\n"
        f"{closing_html(page)}\n"
        '<p><a href="/aanmelden">Schrijf je in</a> · <a href="/open-dagen">Open dagen</a></p>'
    )
    return shell(ctx, page.heading, body, body_class="kort")
