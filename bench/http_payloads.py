"""Request payloads for bench.http_load: search parameters and chat bodies built from the reference data
(every distinct werkproces and qualification name, some with place, leerweg or niveau filters) — never from
the evaluation queries."""

from __future__ import annotations

import random
from typing import Any

from skills.reference import ReferenceData

PLACES = ["Utrecht", "Zwolle", "Eindhoven", "Groningen", "Rotterdam", "Amersfoort", "Tilburg", "Arnhem"]


def topics(ref: ReferenceData, rng: random.Random, n: int) -> list[str]:
    """Search topics from the reference data: werkproces names (how tasks are phrased) and names."""
    pool: list[str] = []
    for q in ref.qualifications.values():
        if q.legacy:
            continue
        pool.append(q.name)
        pool += [w.name for k in q.kerntaken for w in k.werkprocessen]
    pool = sorted({p.strip() for p in pool if 3 <= len(p.split()) <= 8 or len(p.split()) == 1})
    return rng.sample(pool, min(n, len(pool)))


def search_params(topic_list: list[str], rng: random.Random) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in topic_list:
        params: dict[str, Any] = {"q": t[:200], "limit": 10}
        r = rng.random()
        if r < 0.15:
            params.update(place=rng.choice(PLACES), radius_km=25)
        elif r < 0.25:
            params["leerweg"] = "BBL"
        elif r < 0.30:
            params["niveau"] = rng.choice([2, 3, 4])
        out.append(params)
    return out


def chat_bodies(topic_list: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """Chat requests as the page sends them: first turns, later turns carrying the state, how-things-work
    questions, follow-ups about a cited offering (the state without ids makes the server search again: the
    dearest case) and off-topic messages."""
    templates = ["Ik wil graag {t} leren in de buurt van {p}", "Mijn cliënt zoekt iets met {t}, bbl, niveau 2",
                 "Voor mijn medewerkers: {t} in {p}, max 1500 euro", "{t}, start na de zomer", "hoi"]
    later = ["in de buurt van {p}", "mag ook verder weg, 50 km", "en niveau 3?", "liever bbl", "nee, toch liever {p}"]
    questions = ["Wat is het verschil tussen bol en bbl?", "Hoe word ik erkend leerbedrijf?", "Wat is EVC?",
                 "Welke subsidie is er voor werkgevers?", "Wat kost een mbo-opleiding?"]
    follow_ups = ["wanneer start die?", "wat moet ik daarvoor al kunnen?", "hoeveel kost de tweede?"]
    out: list[dict[str, Any]] = []
    for t in topic_list:
        first = rng.choice(templates).format(t=t.lower(), p=rng.choice(PLACES))
        kind = rng.random()
        if kind < 0.4:
            out.append({"messages": [{"role": "user", "content": first}]})
            continue
        text = (rng.choice(later) if kind < 0.6 else rng.choice(questions) if kind < 0.75
                else rng.choice(follow_ups) if kind < 0.9 else "wat voor weer wordt het morgen?")
        out.append({"messages": [{"role": "user", "content": first}, {"role": "assistant", "content": "…"},
                                 {"role": "user", "content": text.format(p=rng.choice(PLACES))}],
                    "state": {"persona": "werkzoekende", "q": t.lower()}})
    return out
