"""Match any Dutch text (a vacancy, a job description, a school document, a CV paragraph) to qualifications.

Candidates are the 2015 qualifications (with everything known under their code: werkprocessen, lexicon, linked
ESCO occupations; :meth:`skills.vocabulary.Vocabulary.qualification_text`) and the newer qualifications that
have no 2015 predecessor (:attr:`skills.reference.lineage.Lineage.standalone`: name, beroepsbeschrijving and
CompetentNL skills).
Two kinds of evidence, combined into one score:

- **names**: how often the text names each qualification (2015 name or current name, whole words; at one
  position the longest name wins, so "zelfstandig werkend kok" is not also "kok"), as a share of all the
  qualification names it mentions (``NAME_WEIGHT``), plus ``FIRST_BONUS`` for the first name in the opening
  ``FIRST_CHARS`` (a title, a heading, an opening statement such as "Deze OER hoort bij de opleiding ..."). A
  name within ``ONWARD_CHARS`` after a cue for a next step ("doorstroommogelijkheden: Persoonlijk begeleider
  ...", "vervolgopleiding") is where one can go on to, not what the text is about, and does not count. A name
  shared by a newer standalone qualification and 2015 ones ("Assistent logistiek": 25743 today, 25254 and 25259
  in 2015) counts for the newer one;
- **words**: TF-IDF cosine between the text and each qualification's text (``WORDS_WEIGHT``); a niveau
  the text states adds ``NIVEAU_BONUS`` to qualifications at that niveau.

The weights were set by looking at the school-document benchmark (bench/match_documents.py), so that figure
is optimistic for texts unlike those documents.

A crebo printed in the text is deliberately not used: texts without codes are the point, and a stated code
would answer the question by itself (``llo map`` handles pages that state one).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from skills.errors import InvalidQueryError
from skills.model import Qualification
from skills.reference import ReferenceData
from skills.reference.lineage import name_key
from skills.tfidf import TfidfIndex
from skills.vocabulary import Vocabulary

MAX_TEXT_CHARS = 100_000
MIN_TEXT_CHARS = 3
NAME_WEIGHT, WORDS_WEIGHT, NIVEAU_BONUS, FIRST_BONUS = 1.0, 1.0, 0.05, 0.25
FIRST_CHARS = 1000  # a name this early (a title, a heading, an opening statement) says what the text is about
ONWARD_CHARS = 80  # a name this close after a cue for a next step names where one can go on to
_ONWARD = re.compile(r"\b(?:doorstro\w*|vervolgopleiding\w*|vervolgstudie\w*|doorgroei\w*|doorleren)\b")
MAX_MATCHED_SKILLS = 8
TOO_LONG = ("De tekst is te lang: {n} tekens, maximaal {limit}. Plak een kortere tekst, bijvoorbeeld alleen de "
            "vacature of functieomschrijving.")
TOO_SHORT = "Plak een tekst om te matchen: een vacature, functieomschrijving, schooldocument of cv-alinea."
_NIVEAU = re.compile(r"\b(?:mbo[- ]?)?niveau[- ]?([1-4])\b", re.IGNORECASE)
_SKIP_SOURCES = ("qualification", "esco-skillgroup")


@dataclass(frozen=True, slots=True)
class QualificationMatch:
    """One qualification a text is about. ``crebo`` and ``name`` are the current ones where known."""

    key: str  # the code the product files it under (2015 crebo, or the newer code of a standalone one)
    crebo: str
    name: str
    codes: tuple[str, ...]
    niveau: int
    score: float
    matched_skills: tuple[str, ...] = ()


def check_text(text: str) -> str:
    """The text with surrounding space removed; InvalidQueryError (Dutch message) when empty or too long."""
    stripped = text.strip()
    if len(stripped) > MAX_TEXT_CHARS:
        raise InvalidQueryError(TOO_LONG.format(n=f"{len(stripped):,}".replace(",", "."),
                                                limit=f"{MAX_TEXT_CHARS:,}".replace(",", ".")))
    if len(stripped) < MIN_TEXT_CHARS:
        raise InvalidQueryError(TOO_SHORT)
    return stripped


class TextMatcher:
    """Built once from reference data and vocabulary; ``match`` is read-only and thread-safe."""

    def __init__(self, ref: ReferenceData, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.quals: dict[str, Qualification] = {
            **{c: q for c, q in sorted(ref.qualifications.items()) if not q.legacy},
            **dict(sorted(ref.lineage.standalone.items())),
        }
        texts = [(c, vocab.qualification_text(c) if c in vocab.qualifications else "\n".join(
            [q.name, q.beroepsbeschrijving, ", ".join(sk.label for sk in ref.official_skills.get(c, []))]))
            for c, q in self.quals.items()]
        self.words = TfidfIndex(texts)
        self.standalone = frozenset(ref.lineage.standalone)
        self.by_name: dict[str, list[str]] = {}
        for crebo, q in self.quals.items():
            for name in {name_key(q.name), name_key(q.current_name)} - {""}:
                self.by_name.setdefault(name, []).append(crebo)
        ordered = sorted(self.by_name, key=lambda k: (-len(k), k))
        self._names = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in ordered) + r")\b")

    def match(self, text: str, limit: int = 5) -> list[QualificationMatch]:
        """The ``limit`` qualifications ``text`` is most about, best first; [] when nothing fits.
        InvalidQueryError when the text is empty or longer than MAX_TEXT_CHARS."""
        text = check_text(text)
        key = name_key(text)
        mentions: Counter[str] = Counter()
        first: list[str] = []
        for found in self._names.finditer(key):
            if _ONWARD.search(key[max(0, found.start() - ONWARD_CHARS):found.start()]):
                continue  # a next step ("doorstromen naar ..."), not what the text is about
            crebos = self._current_of(self.by_name[found.group(0)])
            if not mentions and found.start() < FIRST_CHARS:
                first = crebos
            for crebo in crebos:
                mentions[crebo] += 1
        total = sum(mentions.values()) or 1
        words = self.words.scores(text)
        levels = Counter(int(n) for n in _NIVEAU.findall(text))
        level = levels.most_common(1)[0][0] if levels else None
        scores: dict[str, float] = {}
        for crebo in set(mentions) | set(words):
            score = NAME_WEIGHT * mentions[crebo] / total + WORDS_WEIGHT * words.get(crebo, 0.0)
            if crebo in first:
                score += FIRST_BONUS
            if level is not None and self.quals[crebo].niveau == level:
                score += NIVEAU_BONUS
            scores[crebo] = score
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [self._result(crebo, score, key) for crebo, score in ranked if score > 0]

    def _current_of(self, crebos: list[str]) -> list[str]:
        """Of several qualifications sharing a name, the newer standalone ones (they superseded the rest)."""
        newer = [c for c in crebos if c in self.standalone]
        return newer or crebos

    def _result(self, crebo: str, score: float, text_key: str) -> QualificationMatch:
        q = self.quals[crebo]
        return QualificationMatch(key=crebo, crebo=q.current_crebo, name=q.display_name,
                                  codes=q.codes or (q.crebo,), niveau=q.niveau, score=round(score, 4),
                                  matched_skills=self._skills_in(crebo, f" {text_key} "))

    def _skills_in(self, crebo: str, padded: str) -> tuple[str, ...]:
        """Labels of the qualification's skill concepts that the text contains, longest first."""
        found: dict[str, str] = {}
        for concept in self.vocab.for_crebo(crebo):
            if concept.source in _SKIP_SOURCES:
                continue
            label = name_key(concept.label)
            if len(label) >= 4 and f" {label} " in padded:
                found.setdefault(label, concept.label)
        return tuple(sorted(found.values(), key=lambda s: (-len(s), s))[:MAX_MATCHED_SKILLS])
