"""What each sample site offers: page and offering specifications, before any markup.

The planner decides the facts (the truth); the styles only render them. Every random choice goes through
one ``random.Random`` so a seed fixes the whole web.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from skills.model import Leerweg, OfferingType, Qualification, TargetGroup

from . import wording as w
from .specs import OfferingSpec, PageSpec, Price, Start, slugify

TG = TargetGroup


COURSES = [  # (name, duration, price, note) — common non-mbo courses on school sites
    ("VCA Basis (B-VCA)", "1 dag", 195.0), ("VCA VOL", "2 dagen", 345.0),
    ("Heftruckcertificaat", "1 dag", 295.0), ("Reachtruck certificaat", "1 dag", 325.0),
    ("EHBO-diploma", "3 dagdelen", 165.0), ("Bedrijfshulpverlening (BHV) basis", "2 dagen", 285.0),
    ("Code 95 nascholing", "7 uur", 139.0), ("Hoogwerkercertificaat (IPAF)", "1 dag", 395.0),
    ("Excel voor gevorderden", "6 avonden", 425.0), ("Staatsexamen NT2 voorbereiding", "20 weken", 950.0),
]


class SitePlanner:
    """Plans the pages of one site. ``places`` are the site's real town names, main town first."""

    def __init__(self, rng: random.Random, places: list[str], legacy_by_name: dict[str, str]) -> None:
        self.rng = rng
        self.places = places
        self.legacy = legacy_by_name
        self.slugs: set[str] = set()
        self.today = date(2026, 10, 1)

    # --- field helpers -----------------------------------------------------------------------
    def _slug(self, text: str) -> str:
        base = slugify(text) or "opleiding"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def _locations(self, k: int | None = None) -> list[str]:
        k = k or self.rng.choice([1, 1, 1, 2])
        return self.places[:1] if k == 1 and self.rng.random() < 0.6 else self.rng.sample(self.places, min(k, len(self.places)))

    def _crebo(self, qual: Qualification) -> tuple[str | None, bool]:
        r = self.rng.random()
        legacy = self.legacy.get(qual.name.lower())
        if r < 0.14 and legacy:
            return legacy, True
        if r < 0.28:
            return None, False
        return qual.crebo, False

    def _price(self, low: int, high: int, suffix: str) -> Price:
        amount = float(self.rng.randrange(low, high, 5))
        if self.rng.random() < 0.2:
            amount += 0.5
        text = w.euro(amount, self.rng.randrange(4))
        return Price(amount, f"{text} {suffix}".strip())

    def _monday(self, year: int, month: int, day: int = 1) -> date:
        d = date(year, month, day)
        return d + timedelta(days=(7 - d.weekday()) % 7)

    def _starts(self, leerweg: Leerweg | None) -> tuple[list[Start], str]:
        r = self.rng.random()
        if leerweg == Leerweg.BOL:
            d = date(2027, 9, 1)
            return [Start(d, w.dutch_date(d))], ""
        if r < 0.15:
            return [], self.rng.choice(["Instromen kan het hele jaar, in overleg.", "Startdatum in overleg met je werkgever."])
        if r < 0.4:
            d = date(2027, self.rng.choice([2, 9]), 1)
            return [Start(d, w.month_year(d))], ""
        first = self._monday(2027, self.rng.choice([1, 2, 3]), self.rng.randrange(1, 20))
        starts = [Start(first, w.dutch_date(first))]
        if self.rng.random() < 0.5:
            second = self._monday(2027, self.rng.choice([9, 10]), self.rng.randrange(1, 20))
            starts.append(Start(second, w.dutch_date(second)))
        return starts, ""

    def _duration(self, qual: Qualification | None, adult: bool) -> str:
        if qual is None:
            return "1 dag"
        if adult:
            return self.rng.choice(["1,5 jaar", "18 maanden", "1 jaar", "2 jaar"])
        return {1: "1 jaar", 2: self.rng.choice(["2 jaar", "1 jaar"]), 3: self.rng.choice(["3 jaar", "2 jaar"]),
                4: self.rng.choice(["4 jaar", "3 jaar"])}[qual.niveau]

    def _open_day(self) -> date | None:
        if self.rng.random() < 0.45:
            d = date(2026, self.rng.choice([11, 12]), self.rng.randrange(1, 25))
            return d + timedelta(days=(5 - d.weekday()) % 7)  # a Saturday
        return None

    def _offering(self, qual: Qualification, leerweg: Leerweg, title: str, *, adult: bool) -> OfferingSpec:
        crebo, legacy = self._crebo(qual)
        starts, note = self._starts(leerweg)
        if adult:
            tg = self.rng.choice([[TG.VOLWASSENEN, TG.WERKENDEN], [TG.WERKZOEKENDEN, TG.ZIJ_INSTROMERS],
                                  [TG.VOLWASSENEN], [TG.WERKENDEN, TG.ZIJ_INSTROMERS]])
            price: Price | None = self._price(900, 2900, self.rng.choice(["per jaar", "per opleidingsjaar", ""]))
        elif leerweg == Leerweg.BBL:
            tg = self.rng.choice([[TG.JONGEREN, TG.WERKENDEN], [TG.WERKENDEN], [TG.JONGEREN]])
            price = self._price(250, 700, "per jaar") if self.rng.random() < 0.5 else None
        else:
            tg = [TG.JONGEREN]
            price = None
        return OfferingSpec(
            title=title, offering_type=OfferingType.MBO_DIPLOMA, qual=qual, crebo_stated=crebo,
            crebo_legacy=legacy, leerweg=leerweg, niveau=qual.niveau, locations=self._locations(),
            duration=self._duration(qual, adult), price=price, starts=starts, target_group=tg, start_note=note,
        )

    def _title(self, qual: Qualification, leerweg: Leerweg | None) -> str:
        r = self.rng.random()
        if r < 0.22:
            return w.marketing_title(qual, leerweg, self.rng)
        if r < 0.4:
            return f"{qual.name} niveau {qual.niveau}" if qual.niveau > 1 else f"{qual.name} (Entree)"
        return qual.name

    def _page(self, kind: str, section: str, heading: str, offerings: list[OfferingSpec], qual: Qualification | None,
              **extra: object) -> PageSpec:
        intro = w.what_you_do(qual, self.rng) if qual else []
        learn = w.what_you_learn(qual) if qual else []
        page = PageSpec(slug=self._slug(heading), kind=kind, section=section, heading=heading, offerings=offerings,
                        intro=intro, learn=learn, variant=self.rng.randrange(12),
                        lastmod=self.today - timedelta(days=self.rng.randrange(400)))
        for key, value in extra.items():
            setattr(page, key, value)
        return page

    # --- page kinds ------------------------------------------------------------------------------
    def diploma(self, qual: Qualification, section: str = "opleidingen") -> PageSpec:
        both = Leerweg.BBL in qual.leerwegen and Leerweg.BOL in qual.leerwegen and self.rng.random() < 0.35
        if both:
            title = self._title(qual, None)
            offs = [self._offering(qual, lw, title, adult=False) for lw in (Leerweg.BOL, Leerweg.BBL)]
            offs[1].crebo_stated, offs[1].crebo_legacy = offs[0].crebo_stated, offs[0].crebo_legacy
            offs[1].locations = offs[0].locations
            return self._page("two-leerweg", section, title, offs, qual, open_day=self._open_day())
        leerweg = Leerweg.BBL if Leerweg.BOL not in qual.leerwegen or self.rng.random() < 0.35 else Leerweg.BOL
        title = self._title(qual, leerweg)
        return self._page("diploma", section, title, [self._offering(qual, leerweg, title, adult=False)], qual,
                          open_day=self._open_day())

    def two_level(self, low: Qualification, high: Qualification) -> PageSpec:
        leerweg = self.rng.choice([Leerweg.BOL, Leerweg.BBL])
        offs = [self._offering(q, leerweg, q.name, adult=False) for q in (low, high)]
        offs[1].locations = offs[0].locations
        heading = f"{low.name} en {high.name}"
        page = self._page("two-level", "opleidingen", heading, offs, low, open_day=self._open_day())
        page.learn = w.what_you_learn(low)[:4] + w.what_you_learn(high)[:4]
        return page

    def adult(self, qual: Qualification) -> PageSpec:
        choices = [Leerweg.DERDE_LEERWEG, Leerweg.DEELTIJD] + ([Leerweg.BBL] if Leerweg.BBL in qual.leerwegen else [])
        leerweg = self.rng.choice(choices)
        title = self.rng.choice([f"{qual.name} voor volwassenen", f"Zij-instroom {w.lower_name(qual.name)}",
                                 f"{qual.name} ({w.leerweg_label(leerweg, 0)})", qual.name])
        return self._page("adult", "volwassenen", title, [self._offering(qual, leerweg, title, adult=True)], qual)

    def certificate(self, qual: Qualification) -> PageSpec:
        kts = list(qual.kerntaken)
        chosen = [self.rng.choice(kts)]
        name = chosen[0].name
        title = self.rng.choice([f"Certificaat {name}", f"mbo-certificaat {name}", name])
        crebo = qual.crebo if self.rng.random() < 0.7 else None
        starts, note = self._starts(None)
        leerweg = self.rng.choice([Leerweg.DERDE_LEERWEG, Leerweg.BBL, None])
        off = OfferingSpec(
            title=title, offering_type=OfferingType.MBO_CERTIFICAAT, qual=qual, crebo_stated=crebo,
            leerweg=leerweg, niveau=qual.niveau, locations=self._locations(), duration=self.rng.choice(
                ["6 maanden", "20 weken", "4 maanden", "1 jaar"]),
            price=self._price(650, 2500, ""), starts=starts, start_note=note,
            target_group=self.rng.choice([[TG.WERKENDEN, TG.WERKZOEKENDEN], [TG.WERKENDEN],
                                          [TG.WERKENDEN, TG.WERKZOEKENDEN, TG.ZIJ_INSTROMERS]]),
            certificate=name, kerntaken=chosen,
        )
        page = self._page("certificate", "volwassenen", title, [off], qual, parent=qual)
        page.learn = [wp.name for kt in chosen for wp in kt.werkprocessen] or page.learn
        return page

    def praktijkverklaring(self, qual: Qualification) -> PageSpec:
        title = self.rng.choice([f"Praktijkverklaring {qual.name}", f"Praktijkleren: {w.lower_name(qual.name)}"])
        starts, note = self._starts(None)
        off = OfferingSpec(
            title=title, offering_type=OfferingType.PRAKTIJKVERKLARING, qual=qual,
            crebo_stated=qual.crebo if self.rng.random() < 0.5 else None, leerweg=None, niveau=qual.niveau,
            locations=self._locations(1), duration=self.rng.choice(["8 weken", "3 maanden", "6 maanden"]),
            price=None, starts=starts, start_note=note,
            target_group=self.rng.choice([[TG.WERKZOEKENDEN], [TG.WERKZOEKENDEN, TG.VOLWASSENEN]]),
        )
        return self._page("praktijkverklaring", "volwassenen", title, [off], qual, parent=qual)

    def course(self, index: int) -> PageSpec:
        name, duration, amount = COURSES[index % len(COURSES)]
        first = self._monday(2027, self.rng.choice([1, 2, 3, 4]), self.rng.randrange(1, 25))
        second = first + timedelta(days=7 * self.rng.choice([4, 6, 8]))
        off = OfferingSpec(
            title=name, offering_type=OfferingType.NON_MBO, qual=None, crebo_stated=None, leerweg=None,
            niveau=None, locations=self._locations(1), duration=duration,
            price=Price(amount, f"{w.euro(amount, self.rng.randrange(3))} excl. btw"),
            starts=[Start(first, w.dutch_date(first)), Start(second, w.dutch_date(second))],
            target_group=self.rng.choice([[TG.WERKENDEN], [TG.WERKENDEN, TG.WERKZOEKENDEN]]),
        )
        page = self._page("course", "volwassenen", name, [off], None)
        page.intro = [f"De cursus {name} volg je bij ons in een kleine groep met ervaren docenten uit de praktijk.",
                      "Na afloop ontvang je een erkend certificaat. Deze cursus is geen mbo-opleiding."]
        return page
