"""Build an index directory from offerings, mappings, the skills vocabulary and reference data; swap it live.

The directory's layout (file names, payloads, manifest) is :mod:`index.layout`'s, which the engine reads
through too.

Swapping a build in (the live symlink, the build lock, pruning) is :mod:`index.live`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index import layout
from index.dense import DenseIndex
from index.encoders.protocol import Encoder
from index.hybrid import FusionConfig
from index.lexical import DEFAULT_STEMMER, Analyzer, LexicalIndex, known_words_from_words, save_words, words
from skills.codec import offering_to_dict
from skills.locations import LocationResolver
from skills.model import Mapping, Offering, Qualification, SkillConcept
from skills.untrusted import searchable
from skills.vocabulary import lexicon_texts

log = logging.getLogger(__name__)

DESCRIPTION_CHARS = 1500  # page text beyond this adds noise more than signal to an offering document
ENCODE_BATCH = 512

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class ReferenceLike(Protocol):
    """What the index needs from skills.reference.ReferenceData."""

    @property
    def qualifications(self) -> dict[str, Qualification]: ...

    @property
    def gazetteer(self) -> Any: ...


class VocabularyLike(Protocol):
    """What the index needs from skills.vocabulary.Vocabulary."""

    @property
    def concepts(self) -> Sequence[SkillConcept]: ...

    def qualification_text(self, crebo: str) -> str: ...

    def official_skills(self, crebo: str) -> Sequence[Any]: ...  # items with Dutch .label and .source


def offering_text(payload: dict[str, Any]) -> str:
    """The text an offering is searched by: its title (twice: titles carry the most signal) and page text."""
    title = str(payload.get("title") or "")
    # Crawled text is untrusted: sentences addressed to a machine must not move the ranking.
    desc = searchable(str(payload.get("description") or ""))[:DESCRIPTION_CHARS]
    return f"{title}. {title}. {desc}"


def make_payload(offering: Offering, mapping: Mapping | None, quals: dict[str, Qualification],
                 locations: LocationResolver) -> dict[str, Any]:
    """The stored form of one offering: everything the API shows without a database call. ``places`` are its
    places resolved to the provider's buildings or towns (:mod:`skills.locations`); ``geo`` their points."""
    payload = offering_to_dict(offering)
    qual = quals.get(mapping.crebo) if mapping and mapping.crebo else None
    payload["mapping"] = None if mapping is None else {
        "crebo": mapping.crebo, "confidence": mapping.confidence, "method": mapping.method,
        "evidence": list(mapping.evidence), "certificate": mapping.certificate,
        "werkprocessen": list(mapping.werkprocessen), "flags": list(mapping.flags),
    }
    payload["qualification"] = None if qual is None else {
        "crebo": qual.crebo, "name": qual.name, "niveau": qual.niveau,
        "opleidingsdomein": qual.opleidingsdomein, "leerwegen": [lw.value for lw in qual.leerwegen],
        **({"codes": list(qual.codes), "current_crebo": qual.current_crebo, "current_name": qual.current_name}
           if qual.current_crebo != qual.crebo else {}),
    }
    places = locations.resolve(offering.locations, offering.provider, offering.url,
                               f"{offering.title}\n{offering.description}")
    payload["places"] = [p.as_dict() for p in places]
    payload["geo"] = [[p.lat, p.lon] for p in places]
    return payload


def _official(vocabulary: VocabularyLike, crebo: str) -> list[dict[str, str]]:
    """The qualification's official skills as {label, source}, each label once (first source wins)."""
    seen: dict[str, dict[str, str]] = {}
    for skill in vocabulary.official_skills(crebo):
        label = str(skill.label).strip()
        if label and label.casefold() not in seen:
            seen[label.casefold()] = {"label": label, "source": str(skill.source)}
    return list(seen.values())


def _encode(encoder: Encoder, texts: Sequence[str], progress: Progress | None, stage: str) -> np.ndarray:
    """Encode documents, each distinct text once (crawls repeat texts across locations and dates)."""
    distinct: dict[str, int] = {}
    order = [distinct.setdefault(t, len(distinct)) for t in texts]
    unique = list(distinct)
    chunks: list[np.ndarray] = []
    for start in range(0, len(unique), ENCODE_BATCH):
        chunks.append(np.asarray(encoder.encode_document(unique[start:start + ENCODE_BATCH]), dtype=np.float32))
        if progress:
            progress(stage, min(start + ENCODE_BATCH, len(unique)), len(unique))
    if not chunks:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    vectors = np.concatenate(chunks)
    return np.ascontiguousarray(vectors[np.asarray(order, dtype=np.int64)])


def _data_hash(payloads: Iterable[dict[str, Any]], qual_texts: Sequence[str], encoder_name: str) -> str:
    h = hashlib.sha256(encoder_name.encode())
    for p in payloads:
        h.update(json.dumps({k: v for k, v in p.items() if k not in ("first_seen", "last_seen")},
                            sort_keys=True, ensure_ascii=False).encode())
    for t in qual_texts:
        h.update(t.encode())
    return h.hexdigest()[:16]


def build_index(out_dir: Path, offerings: Iterable[Offering], mappings: dict[str, Mapping],
                ref: ReferenceLike, vocabulary: VocabularyLike, encoder: Encoder, *,
                fusion: FusionConfig | None = None, stemmer: str = DEFAULT_STEMMER,
                progress: Progress | None = None) -> dict[str, Any]:
    """Write a complete index into ``out_dir`` (created; must not exist) and return its manifest.

    Qualifications indexed are the current (non-legacy) ones; every offering is indexed, mapped or not.
    """
    started = time.perf_counter()
    fusion = fusion or FusionConfig()
    out_dir.mkdir(parents=True, exist_ok=False)
    quals = {c: q for c, q in sorted(ref.qualifications.items()) if not q.legacy}
    locations = LocationResolver(getattr(ref, "providers", None) or (), getattr(ref, "gazetteer", None))

    payloads = [make_payload(o, mappings.get(o.id), quals, locations) for o in offerings]
    payloads.sort(key=lambda p: str(p["id"]))
    if progress:
        progress("offerings", len(payloads), len(payloads))
    crebos = list(quals)
    n_offerings: dict[str, int] = {}
    for p in payloads:
        crebo = (p.get("qualification") or {}).get("crebo")
        if crebo:
            n_offerings[crebo] = n_offerings.get(crebo, 0) + 1

    qual_texts = [vocabulary.qualification_text(c) for c in crebos]
    off_texts = [offering_text(p) for p in payloads]
    concepts = [c for c in vocabulary.concepts if any(cr in quals for cr in c.crebos)]
    concepts.sort(key=lambda c: c.id)

    # Each distinct text is split and analysed once (crawls repeat page texts across locations and dates);
    # word counts keep the multiplicity, so the result equals analysing every text.
    # Compound parts also come from every concept's labels and description (linked or not).
    lexicon = lexicon_texts(vocabulary.concepts)
    occurrences = Counter(qual_texts + [c.label for c in concepts] + off_texts + lexicon)
    split = {t: words(t) for t in occurrences}
    analyzer = Analyzer(stemmer, known_words_from_words((split[t], n) for t, n in occurrences.items()))
    analysed: dict[str, list[str]] = {}

    def terms(text: str) -> list[str]:
        if text not in analysed:
            analysed[text] = analyzer.terms_of_words(split[text])
        return analysed[text]

    LexicalIndex.build([terms(t) for t in qual_texts]).save(out_dir / layout.BM25_QUALIFICATIONS)
    LexicalIndex.build([terms(t) for t in off_texts]).save(out_dir / layout.BM25_OFFERINGS)
    save_words(out_dir / layout.KNOWN_WORDS, sorted(analyzer.known_words))
    if progress:
        progress("bm25", 1, 1)

    encode_started = time.perf_counter()
    DenseIndex.build(_encode(encoder, qual_texts, progress, "dense-qualifications")).save(
        out_dir / layout.DENSE_QUALIFICATIONS)
    DenseIndex.build(_encode(encoder, [c.label for c in concepts], progress, "dense-concepts")).save(
        out_dir / layout.DENSE_CONCEPTS)
    off_vectors = _encode(encoder, off_texts, progress, "dense-offerings")
    encode_seconds = time.perf_counter() - encode_started
    off_dense = DenseIndex.build(off_vectors)
    off_dense.save(out_dir / layout.DENSE_OFFERINGS)

    layout.write_offerings(out_dir, payloads)
    layout.write_rows(out_dir, layout.QUALIFICATIONS, [
        {"crebo": q.crebo, "name": q.name, "niveau": q.niveau, "opleidingsdomein": q.opleidingsdomein,
         "dossier": q.dossier, "leerwegen": [lw.value for lw in q.leerwegen],
         "n_offerings": n_offerings.get(q.crebo, 0),
         # CompetentNL / ESCO skills (Dutch labels only): they explain a result the user's words hit, they
         # do not rank (docs/benchmarks.md, "Official skills").
         "official_skills": _official(vocabulary, q.crebo)} for q in quals.values()
    ])
    layout.write_rows(out_dir, layout.CONCEPTS, [
        {"id": c.id, "label": c.label, "alt_labels": list(c.alt_labels), "source": c.source,
         "crebos": [cr for cr in c.crebos if cr in quals],
         # an everyday-lexicon concept's description is its field: beroep, taak, werkplek or middel
         **({"kind": c.description} if c.source == "everyday-lexicon" else {})} for c in concepts
    ])

    manifest: dict[str, Any] = {
        "format": layout.FORMAT_VERSION,
        "encoder": encoder.name,
        "dimensions": int(encoder.dim),
        "counts": {
            "offerings": len(payloads),
            "mapped_offerings": sum(1 for p in payloads if p.get("qualification")),
            "qualifications": len(crebos),
            "concepts": len(concepts),
            # the everyday-language lexicon the vocabulary carried (0 when LLO_LEXICON=none); its words are
            # in the qualification texts, so data_hash changes with it too
            "lexicon_qualifications": len(getattr(vocabulary, "lexicon", {})),
            "lexicon_terms": sum(len(e.terms()) for e in getattr(vocabulary, "lexicon", {}).values()),
            "bm25_terms_offerings": None,
        },
        "dense_index": off_dense.kind,
        "data_hash": _data_hash(payloads, qual_texts, encoder.name),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": None,
        "encode_seconds": round(encode_seconds, 2),
        "distinct_texts_encoded": len(set(off_texts)) + len(qual_texts) + len(concepts),
        "analyzer": {"stemmer": stemmer, "known_words": len(analyzer.known_words)},
        "fusion": fusion.as_dict(),
    }
    manifest["counts"]["bm25_terms_offerings"] = len(LexicalIndex.load(out_dir / layout.BM25_OFFERINGS).vocab)
    manifest["build_seconds"] = round(time.perf_counter() - started, 2)
    layout.write_manifest(out_dir, manifest)
    log.info("index built in %s: %d offerings, %d qualifications (%.1fs)", out_dir, len(payloads),
             len(crebos), manifest["build_seconds"])
    return manifest
