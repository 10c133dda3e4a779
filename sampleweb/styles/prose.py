"""Style 3: prose only; every fact sits in a sentence."""

from __future__ import annotations

from skills.model import OfferingType

from .. import wording as w
from ..specs import OfferingSpec, PageSpec
from .base import SiteContext, description_html, esc, learn_html, parent_html, shell

STYLE = "prose"


def _starts(off: OfferingSpec) -> str:
    if not off.starts:
        return off.start_note
    parts = [f"in {s.text}" if not s.text[0].isdigit() else f"op {s.text}" for s in off.starts]
    return f"Je start {w.join_nl(parts)}."


def _facts(page: PageSpec, off: OfferingSpec) -> str:
    s: list[str] = []
    if off.offering_type == OfferingType.NON_MBO:
        s.append(f"De cursus {off.title} duurt {off.duration} en wordt gegeven in {w.join_nl(off.locations)}.")
    else:
        what = {OfferingType.MBO_DIPLOMA: "de opleiding", OfferingType.MBO_CERTIFICAAT: "het mbo-certificaat",
                OfferingType.PRAKTIJKVERKLARING: "de praktijkverklaring"}.get(off.offering_type, "de opleiding")
        name = off.qual.name if off.qual and off.offering_type == OfferingType.MBO_DIPLOMA else off.title
        crebo = f" (crebo {off.crebo_stated})" if off.crebo_stated else ""
        niveau = f" op {w.niveau_label(off.niveau, page.variant)}" if off.niveau else ""
        s.append(f"Met {what} {name}{crebo} leer je het vak{niveau}.")
        if off.leerweg is not None:
            s.append(f"Je volgt deze opleiding in de {w.leerweg_label(off.leerweg, page.variant)} "
                     f"in {' of '.join(off.locations)}.")
        else:
            s.append(f"De lessen zijn in {' of '.join(off.locations)}.")
        if off.duration:
            s.append(f"De opleiding duurt {off.duration}.")
    s.append(_starts(off))
    if off.price is not None:
        s.append(f"De kosten bedragen {off.price.text}.")
    s.append(f"Deze opleiding is bedoeld voor {w.join_nl([t.value for t in off.target_group])}.")
    return " ".join(x for x in s if x)


def offering_page(ctx: SiteContext, page: PageSpec) -> str:
    facts = []
    for off in page.offerings:
        head = f"<h2>{esc(off.title)}</h2>" if page.kind == "two-level" else ""
        facts.append(f'{head}<p class="praktisch">{esc(_facts(page, off))}</p>')
    open_day = (f"<p>Twijfel je nog? Kom dan naar onze open dag op {w.dutch_weekday_date(page.open_day)}.</p>"
                if page.open_day else "")
    body = (f"<article>\n<h1>{esc(page.heading)}</h1>\n{description_html(page)}\n"
            + "\n".join(facts) + f"\n{learn_html(page)}\n{parent_html(page)}\n{open_day}\n</article>")
    return shell(ctx, page.heading, body, body_class="prose")
