"""Style 5: paginated listing pages (``?page=N`` or ``/pagina/N``) linking to plain detail pages.

Listing pages show a title and a short summary per offering; they are not offering pages themselves.
"""

from __future__ import annotations

from .. import wording as w
from ..specs import PageSpec
from .base import SiteContext, block_heading, closing_html, description_html, esc, fields, shell

STYLE = "listing"
PER_PAGE = 9


def offering_page(ctx: SiteContext, page: PageSpec) -> str:
    blocks = []
    for off in page.offerings:
        head = f"<h2>{esc(block_heading(page, off))}</h2>" if len(page.offerings) > 1 else ""
        facts = "".join(f'<h3 class="kenmerk">{esc(k)}</h3><p>{esc(v)}</p>' for k, v in fields(off, page.variant))
        blocks.append(f'<div class="kenmerken">{head}{facts}</div>')
    body = (f'<p><a href="{esc(page.path.rsplit("/", 1)[0] or "/")}">« Terug naar het overzicht</a></p>\n'
            f"<h1>{esc(page.heading)}</h1>\n{description_html(page)}\n" + "\n".join(blocks)
            + f"\n{closing_html(page)}")
    return shell(ctx, page.heading, body, body_class="detail")


def page_url(base: str, n: int, query_style: bool) -> str:
    if n == 1:
        return base
    return f"{base}?page={n}" if query_style else f"{base}/pagina/{n}"


def listing_pages(ctx: SiteContext, title: str, pages: list[PageSpec], base: str,
                  query_style: bool, per_page: int = PER_PAGE) -> list[tuple[str, str]]:
    """(url path, html) of every listing page over ``pages``, ``per_page`` per page, with pager links."""
    chunks = [pages[i:i + per_page] for i in range(0, len(pages), per_page)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, 1):
        items = []
        for p in chunk:
            off = p.offerings[0]
            summary = []
            if off.niveau is not None:
                summary.append(w.niveau_label(off.niveau, 1))
            summary += sorted({w.leerweg_label(o.leerweg, 0) for o in p.offerings if o.leerweg is not None})
            items.append(f'<li class="result"><a href="{esc(p.path)}">{esc(p.heading)}</a>'
                         f'<span class="meta">{esc(" · ".join(summary))}</span></li>')
        pager = []
        if n > 1:
            pager.append(f'<a rel="prev" href="{esc(page_url(base, n - 1, query_style))}">Vorige</a>')
        pager += [f'<a href="{esc(page_url(base, k, query_style))}">{k}</a>' if k != n else f"<strong>{k}</strong>"
                  for k in range(1, len(chunks) + 1)]
        if n < len(chunks):
            pager.append(f'<a rel="next" href="{esc(page_url(base, n + 1, query_style))}">Volgende</a>')
        body = (f"<h1>{esc(title)}</h1>\n<p>{len(pages)} resultaten</p>\n<ul class=\"results\">{''.join(items)}</ul>\n"
                f'<nav class="pager">{" ".join(pager)}</nav>')
        out.append((page_url(base, n, query_style), shell(ctx, f"{title} – pagina {n}", body, body_class="listing")))
    return out
