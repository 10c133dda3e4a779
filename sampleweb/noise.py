"""Pages every school site has that are not offerings: news, contact, vacancies, costs, open days.

Several carry traps for extraction: dates that are not start dates, prices that belong to no offering,
qualification names in news items.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from . import wording as w
from .specs import PageSpec, slugify
from .styles.base import SiteContext, esc, shell


@dataclass(frozen=True, slots=True)
class NoisePage:
    path: str
    html: str
    page_type: str  # news | contact | vacancy | cost-policy | open-day | info
    lastmod: date


def _saturday(d: date) -> date:
    return d + timedelta(days=(5 - d.weekday()) % 7)


def news(ctx: SiteContext, rng: random.Random, offerings: list[PageSpec]) -> list[NoisePage]:
    names = [p.heading for p in offerings[:20]] or ["onze opleidingen"]
    topics = [
        ("Studenten {name} winnen regionale vakwedstrijd",
         "Twee studenten van de opleiding {name} wonnen op {day} de regionale vakwedstrijd in {place}. "
         "De jury prees hun vakmanschap en samenwerking."),
        ("Nieuwe praktijkruimte geopend in {place}",
         "Op {day} opende de wethouder onze nieuwe praktijkruimte in {place}. Studenten van {name} "
         "oefenen hier met de nieuwste apparatuur."),
        ("Tevredenheid studenten gestegen",
         "Uit de JOB-monitor blijkt dat studenten van {college} positiever zijn dan twee jaar geleden. "
         "Vooral de begeleiding tijdens de stage scoort goed."),
        ("Samenwerking met werkgevers in de regio",
         "{college} tekende op {day} een convenant met werkgevers in {place}. Zo kunnen meer werkenden "
         "een mbo-certificaat halen naast hun baan."),
    ]
    out, items = [], []
    for title_t, text_t in topics:
        day = date(2026, rng.randrange(1, 10), rng.randrange(1, 28))
        fill = {"name": rng.choice(names), "place": rng.choice(ctx.places), "day": w.dutch_date(day),
                "college": ctx.info.name}
        title = title_t.format(**fill)
        path = f"/nieuws/{slugify(title)}"
        body = (f'<article class="nieuws"><p class="datum">{w.dutch_date(day)}</p><h1>{esc(title)}</h1>'
                f"<p>{esc(text_t.format(**fill))}</p></article>")
        out.append(NoisePage(path, shell(ctx, title, body), "news", day))
        items.append(f'<li><a href="{path}">{esc(title)}</a> <span>{w.dutch_date(day)}</span></li>')
    overview = f"<h1>Nieuws</h1><ul>{''.join(items)}</ul>"
    out.insert(0, NoisePage("/nieuws", shell(ctx, "Nieuws", overview), "news", date(2026, 9, 30)))
    return out


def contact(ctx: SiteContext, rng: random.Random) -> NoisePage:
    rows = "".join(
        f"<li><strong>Locatie {esc(place)}</strong><br>{esc(street)} {rng.randrange(1, 200)}, {esc(place)}</li>"
        for place, street in zip(ctx.places, ["Stationsplein", "Onderwijsboulevard", "Laan van de Techniek",
                                              "Zorgweg"], strict=False))
    body = (f"<h1>Contact</h1><p>Heb je een vraag? Bel ons op {esc(ctx.phone)} (ma t/m vr 8.30 – 17.00 uur) "
            f"of mail naar info@{esc(ctx.domain)}.</p><ul>{rows}</ul>")
    return NoisePage("/contact", shell(ctx, "Contact", body), "contact", date(2026, 3, 1))


def vacancies(ctx: SiteContext, rng: random.Random) -> list[NoisePage]:
    jobs = [("Docent Zorg en welzijn", "0,8 fte", 3800, 5600), ("Instructeur techniek", "1,0 fte", 3200, 4600),
            ("Medewerker studentenadministratie", "0,6 fte", 2700, 3700)]
    out, items = [], []
    for title, fte, low, high in rng.sample(jobs, 2):
        path = f"/vacatures/{slugify(title)}"
        body = (f"<h1>Vacature: {esc(title)} ({fte})</h1><p>Voor onze locatie {esc(rng.choice(ctx.places))} zoeken "
                f"wij een enthousiaste collega. Salaris: {w.euro(low, 0)} – {w.euro(high, 0)} bruto per maand "
                "(cao mbo). Reageren kan tot 1 december 2026.</p>")
        out.append(NoisePage(path, shell(ctx, title, body), "vacancy", date(2026, 9, 15)))
        items.append(f'<li><a href="{path}">{esc(title)}</a></li>')
    out.insert(0, NoisePage("/vacatures", shell(ctx, "Werken bij", f"<h1>Werken bij {esc(ctx.info.name)}</h1>"
                                                f"<ul>{''.join(items)}</ul>"), "vacancy", date(2026, 9, 15)))
    return out


def costs(ctx: SiteContext) -> NoisePage:
    body = (
        "<h1>Kosten en studiefinanciering</h1>\n<h2>Lesgeld tot 18 jaar</h2><p>Ben je jonger dan 18, dan betaal je "
        "geen lesgeld.</p>\n<h2>Lesgeld vanaf 18 jaar</h2><p>Het lesgeld voor een BOL-opleiding is in schooljaar "
        f"2026-2027 {w.euro(1350, 0)} per jaar. Voor een BBL-opleiding betaal je voor niveau 1 en 2 {w.euro(287, 0)} "
        f"en voor niveau 3 en 4 {w.euro(686, 0)} per jaar.</p>\n<h2>Aanvullende kosten</h2><p>Voor boeken, "
        f"gereedschap en excursies betaal je gemiddeld {w.euro(450, 1)} per jaar.</p>\n"
        "<h2>Kosten volwassenenonderwijs</h2><p>Voor opleidingen voor volwassenen staan de kosten op de "
        "opleidingspagina. Soms betaalt je werkgever of de gemeente mee. Met het STAP-budget kon je tot "
        f"{w.euro(1000, 0)} per jaar vergoed krijgen.</p>\n<h2>Studiefinanciering</h2><p>Ben je 18 jaar of ouder "
        "en volg je een BOL-opleiding, dan heb je recht op studiefinanciering van DUO.</p>"
    )
    return NoisePage("/kosten-en-studiefinanciering", shell(ctx, "Kosten en studiefinanciering", body),
                     "cost-policy", date(2026, 6, 1))


def open_days(ctx: SiteContext, rng: random.Random) -> NoisePage:
    days = sorted({_saturday(date(2026, 11, rng.randrange(1, 20))), _saturday(date(2027, 1, rng.randrange(5, 25))),
                   _saturday(date(2027, 3, rng.randrange(1, 20)))})
    items = "".join(f"<li>{w.dutch_weekday_date(d)}, 10.00 – 14.00 uur, locatie {esc(rng.choice(ctx.places))}</li>"
                    for d in days)
    body = (f"<h1>Open dagen</h1><p>Maak kennis met onze opleidingen en docenten.</p><ul>{items}</ul>"
            "<p>Let op: dit zijn geen startdata. Kijk voor de start op de pagina van je opleiding.</p>")
    return NoisePage("/open-dagen", shell(ctx, "Open dagen", body), "open-day", date(2026, 9, 1))


def info_pages(ctx: SiteContext) -> list[NoisePage]:
    about = (f"<h1>Over {esc(ctx.info.name)}</h1><p>{esc(ctx.info.name)} leidt jongeren en volwassenen op in "
             f"{esc(w.join_nl(ctx.places))}. Wij werken nauw samen met bedrijven en instellingen in de regio.</p>")
    privacy = ("<h1>Privacyverklaring</h1><p>Wij gaan zorgvuldig om met je persoonsgegevens en bewaren ze niet "
               "langer dan nodig.</p>")
    apply = ("<h1>Aanmelden</h1><p>Aanmelden voor een opleiding doe je via Studielink. Na je aanmelding nodigen "
             "we je uit voor een intakegesprek.</p>")
    return [NoisePage("/over-ons", shell(ctx, "Over ons", about), "info", date(2026, 1, 10)),
            NoisePage("/privacy", shell(ctx, "Privacy", privacy), "info", date(2025, 5, 1)),
            NoisePage("/aanmelden", shell(ctx, "Aanmelden", apply), "info", date(2026, 2, 1))]


def inject(page: PageSpec, rng: random.Random) -> None:
    """Put prompt-injection text and a <script> into the page's description (facts stay the same)."""
    page.injection = rng.choice(w.INJECTIONS)
    page.script = rng.choice(w.INJECTION_SCRIPTS)
