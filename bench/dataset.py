"""Offerings for the index benchmarks and evaluation, with their true qualification.

Source: the sample web's planner (sampleweb), i.e. the same offerings the sample web renders,
taken from the plan directly (no HTML round trip): marketing titles, page texts, leerwegen, places,
prices and start dates. :func:`scale` multiplies them synthetically (other providers, places and dates,
varied titles and page texts) to reach 10k / 100k offerings.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sampleweb.plan import SitePlanner
from sampleweb.specs import PageSpec
from skills.model import Mapping, Offering
from skills.reference import load_reference

PROVIDERS = [
    ("ROC Noord", ["Groningen", "Assen", "Leeuwarden"]), ("ROC Oost", ["Enschede", "Hengelo", "Zwolle"]),
    ("ROC Midden", ["Utrecht", "Amersfoort", "Nieuwegein"]), ("ROC West", ["Amsterdam", "Haarlem", "Zaandam"]),
    ("ROC Zuid", ["Eindhoven", "Tilburg", "Breda"]), ("ROC Delta", ["Rotterdam", "Dordrecht", "Gouda"]),
    ("ROC Kust", ["Den Haag", "Leiden", "Delft"]), ("ROC Limburg", ["Maastricht", "Venlo", "Heerlen"]),
]


def _offerings_of(page: PageSpec, provider: str, site: str) -> list[tuple[Offering, str | None]]:
    text = "\n".join([page.heading, *page.intro, *page.learn])
    out = []
    for i, spec in enumerate(page.offerings):
        o = Offering(
            url=f"https://{site}/{page.section}/{page.slug}", title=spec.title, provider=provider,
            offering_type=spec.offering_type, crebo_stated=spec.crebo_stated,
            leerwegen=[spec.leerweg] if spec.leerweg else [], niveau=spec.niveau, locations=list(spec.locations),
            duration=spec.duration, price_eur=spec.price.amount if spec.price else None,
            start_dates=[s.day for s in spec.starts], target_group=list(spec.target_group), description=text,
            slot=str(i) if len(page.offerings) > 1 else "",
        )
        out.append((o, spec.qual.crebo if spec.qual else None))
    return out


def sample_offerings(reference_dir: Path, seed: int = 7) -> tuple[list[Offering], dict[str, Mapping]]:
    """About 2k offerings over 8 providers: every current qualification at 2–4 providers, adult routes,
    certificates and non-mbo courses; mappings are the planner's truth (method "truth")."""
    rng = random.Random(seed)
    ref = load_reference(reference_dir)
    quals = [q for _, q in sorted(ref.qualifications.items()) if not q.legacy]
    pairs: list[tuple[Offering, str | None]] = []
    for provider, places in PROVIDERS:
        planner = SitePlanner(rng, places, {})
        site = provider.lower().replace(" ", "") + ".example.nl"
        for q in quals:
            if rng.random() < 0.4:
                pairs += _offerings_of(planner.diploma(q), provider, site)
            if rng.random() < 0.06:
                pairs += _offerings_of(planner.adult(q), provider, site)
            if q.kerntaken and rng.random() < 0.05:
                pairs += _offerings_of(planner.certificate(q), provider, site)
        for i in range(10):
            pairs += _offerings_of(planner.course(i), provider, site)
    offerings = [o for o, _ in pairs]
    mappings = {
        o.id: Mapping(offering_id=o.id, crebo=crebo, confidence=1.0 if crebo else 0.0,
                      method="truth" if crebo else "unmapped")
        for o, crebo in pairs
    }
    return offerings, mappings


_TITLE_FORMS = ("{t}", "{t} ({p})", "{t} in {p}", "{t} - {prov}", "{t} | {prov}")
_PROVIDER_LINES = (
    "{prov} verzorgt deze opleiding op de locatie {p}.",
    "Je volgt de lessen bij {prov} in {p}; de praktijk doe je bij een erkend leerbedrijf in de regio.",
    "Bij {prov} in {p} begin je in een kleine groep met een vaste studieloopbaanbegeleider.",
    "Informatie en aanmelden: {prov}, vestiging {p}.",
)


def scale(offerings: list[Offering], mappings: dict[str, Mapping], n: int, seed: int = 11
          ) -> tuple[list[Offering], dict[str, Mapping]]:
    """``n`` offerings made by copying the sample with another provider, place, start date and slot.

    Copies get their own wording, as another school would write its own page: the title names the place
    or provider in one of a few forms, the page text gains a provider sentence and loses or reorders a
    line. So (almost) every scaled offering has a distinct text and the index cannot save work by
    deduplicating texts — the benchmark measures the cost of 100k *different* offerings.
    """
    rng = random.Random(seed)
    places = [p for _, ps in PROVIDERS for p in ps] + ["Almere", "Arnhem", "Nijmegen", "Apeldoorn", "Deventer"]
    out: list[Offering] = []
    maps: dict[str, Mapping] = {}
    copy = 0
    while len(out) < n:
        for o in offerings:
            if len(out) >= n:
                break
            if copy == 0:
                new = o
            else:
                place = rng.choice(places)
                provider = f"{o.provider} {copy}"
                fill = {"t": o.title, "p": place, "prov": provider}
                lines = [ln for ln in o.description.split("\n") if ln.strip()]
                if len(lines) > 2:
                    lines.pop(rng.randrange(1, len(lines)))
                    body = lines[1:]
                    rng.shuffle(body)
                    lines = lines[:1] + body
                lines.insert(min(1, len(lines)), rng.choice(_PROVIDER_LINES).format(**fill))
                new = replace(o, provider=provider, slot=f"{o.slot}x{copy}", locations=[place],
                              title=rng.choice(_TITLE_FORMS).format(**fill), description="\n".join(lines),
                              start_dates=[d + timedelta(days=7 * rng.randrange(0, 20)) for d in o.start_dates],
                              price_eur=None if o.price_eur is None else o.price_eur + rng.randrange(-50, 50))
            out.append(new)
            m = mappings[o.id]
            maps[new.id] = replace(m, offering_id=new.id)
        copy += 1
    return out, maps
