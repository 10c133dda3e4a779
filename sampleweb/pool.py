"""Which pages each site gets: qualifications handed out so the whole list is covered, in a fixed mix."""

from __future__ import annotations

import random

from skills.model import Qualification

from . import noise
from .plan import SitePlanner
from .sites import ProviderPlan
from .source import Source
from .specs import PageSpec


class QualPool:
    """Hands out qualifications so that the whole list is covered before any repeats."""

    def __init__(self, source: Source, rng: random.Random) -> None:
        self.rng = rng
        self.all = list(source.qualifications)
        rng.shuffle(self.all)
        self.pos = 0
        self.with_kerntaken = [q for q in source.qualifications if q.kerntaken]
        self.low = [q for q in source.qualifications if q.niveau <= 2]
        self.bbl = [q for q in source.qualifications if q.niveau >= 2]
        by_dossier: dict[str, list[Qualification]] = {}
        for q in source.qualifications:
            by_dossier.setdefault(q.dossier_crebo, []).append(q)
        self.pairs = []
        for quals in by_dossier.values():
            quals = sorted(quals, key=lambda q: (q.niveau, q.crebo))
            for a, b in zip(quals, quals[1:], strict=False):
                if a.niveau < b.niveau:
                    self.pairs.append((a, b))

    def next(self) -> Qualification:
        q = self.all[self.pos % len(self.all)]
        self.pos += 1
        return q


def plan_pages(plan: ProviderPlan, pool: QualPool, rng: random.Random, source: Source,
                mix: tuple[int, ...]) -> list[PageSpec]:
    planner = SitePlanner(rng, plan.places, source.legacy_by_name)
    n_dip, n_two, n_adult, n_cert, n_pv, n_course, n_arch = mix
    pages = [planner.diploma(pool.next()) for _ in range(n_dip)]
    pages += [planner.two_level(*rng.choice(pool.pairs)) for _ in range(n_two)]
    pages += [planner.adult(rng.choice(pool.bbl)) for _ in range(n_adult)]
    pages += [planner.certificate(q) for q in rng.sample(pool.with_kerntaken, n_cert)]
    pages += [planner.praktijkverklaring(rng.choice(pool.low)) for _ in range(n_pv)]
    start = rng.randrange(len(noise.w.INJECTIONS) + 10)
    pages += [planner.course(start + i) for i in range(n_course)]
    pages += [planner.diploma(pool.next(), section="archief") for _ in range(n_arch)]
    return pages
