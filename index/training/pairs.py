"""Training pairs (anchor, positive) for the static model, built from a TrainingCorpus.

Anchors play the query side (what people write: a synonym, a task, a sentence), positives the document
side (an occupation or qualification name, or a qualification's whole document text). Never built from
evaluation queries.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from index.training.corpus import TrainingCorpus

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9ÀÉÈËÏÖÜ])")
MAX_SENTENCES = 4  # per description: later sentences are mostly boilerplate
MIN_CHARS = 3


@dataclass(frozen=True, slots=True)
class Pair:
    anchor: str
    positive: str
    kind: str  # where the pair comes from, counted in the manifest


def sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """The first ``limit`` sentences of ``text`` (split after . ! ? before a capital or digit)."""
    parts = [s.strip() for s in _SENTENCE_END.split(text.strip()) if len(s.strip()) >= MIN_CHARS]
    return parts[:limit]


def build_pairs(corpus: TrainingCorpus) -> list[Pair]:
    """All pairs, deduplicated, in a deterministic order."""
    seen: set[tuple[str, str]] = set()
    out: list[Pair] = []
    for pair in _generate(corpus):
        a, p = pair.anchor.strip(), pair.positive.strip()
        if len(a) < MIN_CHARS or len(p) < MIN_CHARS or a.lower() == p.lower():
            continue
        key = (a.lower(), p.lower())
        if key not in seen:
            seen.add(key)
            out.append(Pair(a, p, pair.kind))
    return out


def count_kinds(pairs: list[Pair]) -> dict[str, int]:
    return dict(sorted(Counter(p.kind for p in pairs).items()))


def _generate(corpus: TrainingCorpus) -> Iterator[Pair]:
    for occ in corpus.occupations:
        for alt in occ.alt_labels:
            yield Pair(alt, occ.label, "esco-alt-label")
        for s in sentences(occ.description):
            yield Pair(s, occ.label, "esco-description")
        isco = corpus.isco_groups.get(occ.isco_code)
        if isco:
            yield Pair(occ.label, isco, "esco-isco-group")
    for group in corpus.skill_groups:
        for alt in group.alt_labels:
            yield Pair(alt, group.label, "esco-skill-group")
        for s in sentences(group.description, limit=2):
            yield Pair(s, group.label, "esco-skill-group")
    for skill in corpus.esco_skills:  # only when the user imported skills_nl.csv
        for alt in skill.alt_labels:
            yield Pair(alt, skill.label, "esco-skill")
        for s in sentences(skill.description, limit=2):
            yield Pair(s, skill.label, "esco-skill")
    for lq in corpus.legacy:
        yield Pair(lq.name, lq.dossier, "legacy-dossier")
    for q in corpus.qualifications:
        doc = corpus.qualification_text(q.crebo)
        # Qualification-level anchors point at the name and at the whole document: the name teaches the
        # label, the document is what the index actually stores.
        anchors: list[tuple[str, str]] = [(q.dossier, "qual-dossier"), (q.name, "qual-name-doc")]
        anchors += [(s, "qual-beroepsbeschrijving") for s in sentences(q.beroepsbeschrijving)]
        for kt in q.kerntaken:
            anchors.append((kt.name, "qual-kerntaak"))
            for wp in kt.werkprocessen:
                anchors.append((wp.name, "qual-werkproces"))
                for s in sentences(wp.description, limit=2):
                    yield Pair(s, wp.name, "werkproces-description")
        for i in corpus.links.get(q.crebo, []):
            occ = corpus.occupations[i]
            anchors.append((occ.label, "qual-esco-label"))
            anchors += [(alt, "qual-esco-alt-label") for alt in occ.alt_labels]
            anchors += [(s, "qual-esco-description") for s in sentences(occ.description, limit=2)]
        entry = corpus.lexicon.get(q.crebo)
        if entry is not None:
            anchors += [(term, f"lexicon-{field}") for field, term in entry.terms()]
        for text, kind in anchors:
            yield Pair(text, q.name, kind)
            yield Pair(text, doc, kind)
        yield Pair(q.opleidingsdomein, q.dossier, "qual-domain")
    names = {q.crebo: q.name for q in corpus.qualifications}
    for off in corpus.offerings:
        if off.crebo is None or off.crebo not in names:
            continue
        yield Pair(off.title, names[off.crebo], "offering-title")
        for s in sentences(off.description, limit=2):
            yield Pair(s, names[off.crebo], "offering-description")


def batches(pairs: list[Pair], batch_size: int, rng: random.Random) -> list[list[Pair]]:
    """Shuffle and cut into batches where no text occurs twice, since MultipleNegativesRankingLoss treats
    every other positive in the batch as a negative. A pair that would repeat a text waits for a later
    batch; the last batch may be smaller."""
    order = list(pairs)
    rng.shuffle(order)
    out: list[list[Pair]] = []
    lowered = {id(pair): (pair.anchor.lower(), pair.positive.lower()) for pair in order}  # once, not per pass
    pending = order
    while pending:
        waiting: list[Pair] = []
        batch: list[Pair] = []
        used: set[str] = set()
        for pair in pending:
            a, p = lowered[id(pair)]
            if len(batch) < batch_size and a not in used and p not in used:
                batch.append(pair)
                used.update((a, p))
                if len(batch) == batch_size:
                    out.append(batch)
                    batch, used = [], set()
            else:
                waiting.append(pair)
        if batch:
            out.append(batch)
        pending = waiting
    return out
