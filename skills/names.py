"""Qualification names in offering titles and page text: exact, contained, fuzzy, and mentioned.

Titles are marketing text ("Verzorgende IG MBO 3 BBL Defensie", "MBO Pedagogisch Medewerker
Kinderopvang"); :func:`skills.text.normalize_name` strips the decoration and expands abbreviations,
then a title is compared with every qualification's normalised name. Page text is searched for
qualification names as phrases; a mention in an admission or follow-up context ("met een diploma
Helpende zorg en welzijn", "doorstromen naar ...") counts for little.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from skills.model import Qualification
from skills.text import normalize_name

EXACT = 1.0
CONTAINED_BASE, CONTAINED_SPAN = 0.86, 0.12  # the qualification's name inside a longer title
COVERS_BASE, COVERS_SPAN = 0.55, 0.3  # a short title inside a longer qualification name ("kok" ⊂ "... kok")
FUZZY_CUTOFF = 80.0
FUZZY_WEIGHT = 0.95
MENTION_FIRST, MENTION_OTHER, MENTION_ASIDE = 0.72, 0.6, 0.3
# Words that, shortly before a name, say the page is not *about* that qualification.
ASIDE_CUES = frozenset(
    ["diploma", "toelating", "toelatingseis", "toelatingseisen", "vooropleiding", "gelijkwaardig", "gelijkwaardige", "doorstromen", "doorstroom", "vervolgopleiding", "vervolgen", "vervolg", "daarna", "afgeronde", "eerder"]
)
_ASIDE_WINDOW = 6  # tokens before a mention that are checked for ASIDE_CUES


@dataclass(frozen=True, slots=True)
class NameHit:
    crebo: str
    score: float  # 0..1 before any niveau adjustment
    how: str  # "exact" | "contained" | "covers" | "fuzzy" | "mention"
    evidence: str


class NameMatcher:
    """Scores qualification names against titles and texts. Built once per reference set."""

    def __init__(self, qualifications: Iterable[Qualification]) -> None:
        self.quals = {q.crebo: q for q in qualifications}
        self.keys: dict[str, str] = {c: normalize_name(q.name) for c, q in sorted(self.quals.items())}
        self._crebos = [c for c, k in self.keys.items() if k]
        self._key_list = [self.keys[c] for c in self._crebos]
        self._tokens = {c: frozenset(self.keys[c].split()) for c in self._crebos}

    def title_hits(self, title: str) -> dict[str, NameHit]:
        """Every qualification whose name matches the title, with the best way it matches."""
        key = normalize_name(title)
        tokens = frozenset(key.split())
        hits: dict[str, NameHit] = {}
        if not tokens:
            return hits

        def add(hit: NameHit) -> None:
            if hit.crebo not in hits or hit.score > hits[hit.crebo].score:
                hits[hit.crebo] = hit

        for crebo in self._crebos:
            q_tokens = self._tokens[crebo]
            name = self.quals[crebo].name
            if self.keys[crebo] == key:
                add(NameHit(crebo, EXACT, "exact", f"titel '{title}' is de kwalificatienaam '{name}'"))
            elif q_tokens < tokens:
                score = CONTAINED_BASE + CONTAINED_SPAN * len(q_tokens) / len(tokens)
                add(NameHit(crebo, score, "contained", f"titel '{title}' bevat de kwalificatienaam '{name}'"))
            elif tokens < q_tokens:
                score = COVERS_BASE + COVERS_SPAN * len(tokens) / len(q_tokens)
                add(NameHit(crebo, score, "covers", f"titel '{title}' is een deel van de naam '{name}'"))
        for _, ratio, idx in process.extract(key, self._key_list, scorer=fuzz.token_sort_ratio,
                                             limit=10, score_cutoff=FUZZY_CUTOFF):
            crebo = self._crebos[idx]
            score = FUZZY_WEIGHT * ratio / 100.0
            add(NameHit(crebo, score, "fuzzy",
                        f"titel '{title}' lijkt op '{self.quals[crebo].name}' ({ratio:.0f}%)"))
        return hits

    def text_hits(self, text: str) -> dict[str, NameHit]:
        """Qualification names mentioned as phrases in ``text``; the first main mention scores highest."""
        tokens = normalize_name(text).split()
        padded = " " + " ".join(tokens) + " "
        found: list[tuple[int, str, bool]] = []  # (token position, crebo, aside)
        for crebo in self._crebos:
            key = self.keys[crebo]
            if len(self._tokens[crebo]) < 2 and len(key) < 6:
                continue  # one short word ("kok") in running text is not evidence of anything
            start = padded.find(" " + key + " ")
            while start >= 0:
                pos = padded[:start].count(" ")
                before = set(tokens[max(0, pos - _ASIDE_WINDOW):pos])
                found.append((pos, crebo, bool(before & ASIDE_CUES)))
                start = padded.find(" " + key + " ", start + 1)
        hits: dict[str, NameHit] = {}
        first_main = True
        # Longer names first at one position: "pedagogisch medewerker kinderopvang" over "pedagogisch medewerker".
        for _pos, crebo, aside in sorted(found, key=lambda f: (f[0], -len(self.keys[f[1]]), f[1])):
            if crebo in hits and not aside:
                continue
            name = self.quals[crebo].name
            if aside:
                score, why = MENTION_ASIDE, f"'{name}' genoemd als vooropleiding of vervolg"
            elif first_main:
                score, why, first_main = MENTION_FIRST, f"tekst noemt eerst de kwalificatie '{name}'", False
            else:
                score, why = MENTION_OTHER, f"tekst noemt ook '{name}'"
            if crebo not in hits or score > hits[crebo].score:
                hits[crebo] = NameHit(crebo, score, "mention", why)
        return hits
