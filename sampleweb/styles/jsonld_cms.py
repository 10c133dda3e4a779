"""Style 1: a CMS page with schema.org JSON-LD (Course + CourseInstance) beside a card layout."""

from __future__ import annotations

import json
from typing import Any

from skills.model import Leerweg, OfferingType

from .. import wording as w
from ..specs import OfferingSpec, PageSpec
from .base import (
    SiteContext,
    description_html,
    esc,
    learn_html,
    open_day_html,
    parent_html,
    shell,
    start_text,
)

STYLE = "jsonld_cms"

COURSE_MODE = {Leerweg.BOL: "BOL", Leerweg.BBL: "BBL", Leerweg.DERDE_LEERWEG: "derde leerweg",
               Leerweg.DEELTIJD: "deeltijd"}
CREDENTIAL = {OfferingType.MBO_DIPLOMA: "mbo-diploma", OfferingType.MBO_CERTIFICAAT: "mbo-certificaat",
              OfferingType.PRAKTIJKVERKLARING: "praktijkverklaring", OfferingType.KEUZEDEEL: "keuzedeel",
              OfferingType.NON_MBO: "certificaat"}


def _instances(off: OfferingSpec) -> list[dict[str, Any]]:
    places = [{"@type": "Place", "name": loc, "address": {"@type": "PostalAddress", "addressLocality": loc}}
              for loc in off.locations]
    base: dict[str, Any] = {"@type": "CourseInstance"}
    if off.leerweg is not None:
        base["courseMode"] = COURSE_MODE[off.leerweg]
    base["location"] = places[0] if len(places) == 1 else places
    if off.duration:
        base["courseWorkload"] = off.duration
    if off.price is not None:
        base["offers"] = {"@type": "Offer", "price": f"{off.price.amount:.2f}", "priceCurrency": "EUR",
                          "description": off.price.text}
    if not off.starts:
        return [base]
    return [{**base, "startDate": s.day.isoformat()} for s in off.starts]


def course_object(ctx: SiteContext, page: PageSpec, offs: list[OfferingSpec], url: str) -> dict[str, Any]:
    """One schema.org Course for offerings that share a qualification (one CourseInstance per leerweg/start)."""
    first = offs[0]
    course: dict[str, Any] = {
        "@type": "Course", "name": first.title, "url": url,
        "description": " ".join(page.intro) + (f" {page.injection} {page.script or ''}" if page.injection else ""),
        "provider": {"@type": "EducationalOrganization", "name": ctx.info.name},
    }
    if first.crebo_stated:
        course["identifier"] = {"@type": "PropertyValue", "propertyID": "crebo", "value": first.crebo_stated}
    if first.niveau is not None:
        course["educationalLevel"] = f"MBO niveau {first.niveau}"
    credential: dict[str, Any] = {"@type": "EducationalOccupationalCredential",
                                  "credentialCategory": CREDENTIAL[first.offering_type]}
    if first.certificate:
        credential["name"] = f"mbo-certificaat {first.certificate}"
    elif first.qual is not None:
        credential["name"] = first.qual.name
    else:
        credential["name"] = first.title
    course["educationalCredentialAwarded"] = credential
    course["audience"] = {"@type": "EducationalAudience",
                          "audienceType": ", ".join(t.value for t in first.target_group)}
    course["hasCourseInstance"] = [inst for off in offs for inst in _instances(off)]
    return course


def page_jsonld(ctx: SiteContext, page: PageSpec) -> list[dict[str, Any]]:
    if page.kind == "two-level":
        return [course_object(ctx, page, [off], page.path) for off in page.offerings]
    return [course_object(ctx, page, page.offerings, page.path)]


def _card(page: PageSpec, off: OfferingSpec) -> str:
    items = []
    if off.leerweg is not None:
        items.append(("Leerweg", w.leerweg_label(off.leerweg, 0)))
    if off.niveau is not None:
        items.append(("Niveau", w.niveau_label(off.niveau, page.variant)))
    if off.duration:
        items.append(("Duur", off.duration))
    items.append(("Waar", ", ".join(off.locations)))
    items.append(("Start", start_text(off)))
    if off.price is not None:
        items.append(("Prijs", off.price.text))
    lis = "".join(f'<li><span class="card-label">{esc(k)}</span> <strong>{esc(v)}</strong></li>' for k, v in items)
    title = f"<h3>{esc(off.title)}</h3>" if page.kind == "two-level" else ""
    return f'<div class="card">{title}<ul>{lis}</ul></div>'


def offering_page(ctx: SiteContext, page: PageSpec) -> str:
    data = page_jsonld(ctx, page)
    payload = data[0] if len(data) == 1 else {"@graph": data}
    ld = json.dumps({"@context": "https://schema.org", **payload}, ensure_ascii=False, indent=1)
    ld = ld.replace("</", "<\\/")  # a description must not close the script element
    head = f'<script type="application/ld+json">\n{ld}\n</script>\n'
    off = page.offerings[0]
    crebo = f'<p class="crebo">Crebo {esc(off.crebo_stated)}</p>' if off.crebo_stated and page.kind != "two-level" else ""
    cards = "".join(_card(page, o) for o in page.offerings)
    body = (
        f'<nav class="breadcrumb"><a href="/">Home</a> › <a href="/{page.section}">{page.section.capitalize()}</a></nav>\n'
        f"<h1>{esc(page.heading)}</h1>\n{crebo}\n<div class=\"cards\">{cards}</div>\n"
        f"<h2>Wat ga je doen?</h2>\n{description_html(page)}\n{learn_html(page)}\n{parent_html(page)}\n"
        f'<p class="doelgroep">Voor {esc(w.join_nl([t.value for t in off.target_group]))}.</p>\n'
        f"{open_day_html(page)}\n"
        '<p><a class="button" href="/aanmelden">Aanmelden</a></p>'
    )
    return shell(ctx, page.heading, body, head_extra=head, body_class="cms opleiding")
