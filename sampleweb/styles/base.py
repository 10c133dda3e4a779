"""What every site style shares: the site context, the HTML shell and the field wordings.

A style module exposes ``STYLE`` (its name) and ``offering_page(ctx, page) -> str`` (the full HTML of
one offering page). Styles with their own navigation (listing, catalogue) add more functions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from skills.model import Leerweg, OfferingType

from .. import wording as w
from ..specs import OfferingSpec, PageSpec
from ..truth import SiteInfo

esc = html.escape

TYPE_LABELS = {
    OfferingType.MBO_DIPLOMA: "mbo-opleiding (diploma)",
    OfferingType.MBO_CERTIFICAAT: "mbo-certificaat",
    OfferingType.PRAKTIJKVERKLARING: "praktijkverklaring",
    OfferingType.KEUZEDEEL: "keuzedeel",
    OfferingType.NON_MBO: "cursus (geen mbo-opleiding)",
}


@dataclass(slots=True)
class SiteContext:
    info: SiteInfo
    places: list[str]
    color: str
    phone: str
    domain: str  # the site's pretend domain, used in e-mail addresses only
    nav: list[tuple[str, str]]  # (label, path)


def shell(ctx: SiteContext, title: str, body: str, *, head_extra: str = "", body_class: str = "") -> str:
    """A complete HTML document with the site's header, navigation and footer."""
    nav = "".join(f'<li><a href="{esc(p)}">{esc(label)}</a></li>' for label, p in ctx.nav)
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{esc(title)} | {esc(ctx.info.name)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>body{{font-family:sans-serif;margin:0}}header{{background:{ctx.color};color:#fff;padding:1em}}"
        "main{padding:1em;max-width:60em}</style>\n"
        f"{head_extra}</head>\n<body class=\"{esc(body_class)}\">\n"
        f'<header><a class="logo" href="/">{esc(ctx.info.name)}</a>\n<nav><ul>{nav}</ul></nav></header>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer><p>{esc(ctx.info.name)} · {esc(ctx.places[0])} · tel. {esc(ctx.phone)} · "
        f'<a href="/contact">Contact</a> · <a href="/privacy">Privacyverklaring</a></p></footer>\n'
        "</body>\n</html>\n"
    )


def description_html(page: PageSpec) -> str:
    """The 'Wat ga je doen?' text; injection pages carry their payload (text and <script>) inside it."""
    paras = [f"<p>{esc(p)}</p>" for p in page.intro]
    if page.injection:
        paras.insert(1, f"<p>{esc(page.injection)}</p>{page.script or ''}")
    return '<div class="omschrijving">\n' + "\n".join(paras) + "\n</div>"


def learn_html(page: PageSpec, heading_tag: str = "h2") -> str:
    if not page.learn:
        return ""
    items = "".join(f"<li>{esc(x)}</li>" for x in page.learn)
    return f"<{heading_tag}>Wat leer je?</{heading_tag}>\n<ul>{items}</ul>"


def parent_html(page: PageSpec) -> str:
    """For certificates and praktijkverklaringen: the parent qualification and the covered codes."""
    off = page.offerings[0]
    if page.parent is None or off.offering_type not in (OfferingType.MBO_CERTIFICAAT, OfferingType.PRAKTIJKVERKLARING):
        return ""
    parent = esc(page.parent.name)
    crebo = f" (crebo {off.crebo_stated})" if off.crebo_stated else ""
    if off.offering_type == OfferingType.PRAKTIJKVERKLARING:
        return (f'<p class="kwalificatie">Je werkt aan werkprocessen uit de mbo-opleiding {parent}{crebo}. '
                "Na afloop ontvang je een praktijkverklaring van het leerbedrijf en de school.</p>")
    rows = []
    for kt in off.kerntaken:
        code = f"{esc(kt.code)} " if kt.code else ""
        wps = "".join(f"<li>{esc(wp.code + ' ' if wp.code else '')}{esc(wp.name)}</li>" for wp in kt.werkprocessen)
        rows.append(f"<p>Kerntaak: {code}{esc(kt.name)}</p><ul>{wps}</ul>")
    return (f'<section class="certificaat"><h2>Onderdeel van een mbo-opleiding</h2>'
            f"<p>Dit mbo-certificaat is een erkend onderdeel van de opleiding {parent}{crebo}, "
            f"niveau {page.parent.niveau}.</p>{''.join(rows)}</section>")


def open_day_html(page: PageSpec) -> str:
    if page.open_day is None:
        return ""
    return (f'<aside class="open-dag"><h3>Kom kennismaken!</h3><p>Open dag: {w.dutch_weekday_date(page.open_day)} '
            'van 10.00 tot 14.00 uur. <a href="/open-dagen">Meld je aan</a></p></aside>')


def closing_html(page: PageSpec) -> str:
    """What follows the facts on every detail page: what you learn, the parent qualification, the open day."""
    return f"{learn_html(page)}\n{parent_html(page)}\n{open_day_html(page)}"


def crebo_text(off: OfferingSpec) -> str | None:
    return off.crebo_stated


def start_text(off: OfferingSpec) -> str:
    if off.starts:
        return " en ".join(s.text for s in off.starts)
    return off.start_note or "in overleg"


def fields(off: OfferingSpec, variant: int) -> list[tuple[str, str]]:
    """(label, value) pairs of one offering, in a realistic order; absent facts are left out."""
    out: list[tuple[str, str]] = [("Soort", TYPE_LABELS[off.offering_type])]
    if off.leerweg is not None:
        out.append(("Leerweg", w.leerweg_label(off.leerweg, variant)))
    if off.niveau is not None:
        out.append(("Niveau", w.niveau_label(off.niveau, variant)))
    if off.crebo_stated:
        out.append(("Crebo", off.crebo_stated))
    if off.duration:
        out.append(("Duur", off.duration))
    out.append(("Locatie", ", ".join(off.locations)))
    out.append(("Startdatum", start_text(off)))
    if off.price is not None:
        out.append(("Kosten", off.price.text))
    elif variant % 3 == 0:
        out.append(("Kosten", "zie Kosten en studiefinanciering"))
    out.append(("Doelgroep", w.join_nl([t.value for t in off.target_group])))
    return out


def block_heading(page: PageSpec, off: OfferingSpec) -> str:
    """Heading of one offering's block on a page with several offerings."""
    if page.kind == "two-level":
        return off.title
    return w.leerweg_label(off.leerweg or Leerweg.BOL, page.variant)
