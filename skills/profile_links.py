"""Occupation → qualification links by profile similarity (the reverse direction of :mod:`skills.linking`).

Name matching (:func:`skills.linking.link_occupations`) links a qualification to the ESCO occupations whose
labels look like its name. Most of ESCO's ~3000 occupations never look like an mbo qualification name
("heftruckchauffeur" vs "Logistiek medewerker"), so they stay unlinked and their labels never reach a
qualification's search document. This module links each *still unlinked* occupation to the qualification(s)
whose profile it resembles most:

- the qualification profile is its name, dossier, opleidingsdomein, beroepsbeschrijving, kerntaken and
  werkprocessen, plus the full text (labels, description, ISCO group label) of its confident name-linked
  occupations ("seeds", score ≥ ``SEED_MIN_SCORE``) — ESCO describes those in the same words as the
  occupations being linked, which a bare qualification name does not;
- the occupation text is its labels, description and ISCO unit-group label;
- similarity is the mean of two TF-IDF cosines: character 4–5-grams within words (Dutch compounds:
  "vorkheftruckchauffeur" shares grams with "chauffeur") and stemmed words (:func:`skills.text.analyze`).
  Document frequencies come from both sides together; terms in more than ``MAX_DF`` of the documents
  are dropped (they name no occupation).

An occupation is linked to its best qualification when the similarity is at least ``MIN_SCORE``, and to
further qualifications scoring at least ``MARGIN`` × the best (siblings in one dossier often tie), at most
``MAX_PER_OCCUPATION``. Constants were chosen by reading samples of links (docs/benchmarks.md, "Search
quality"), not from search results.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from skills.linking import OccupationLike, OccupationLink
from skills.model import Qualification
from skills.text import analyze

log = logging.getLogger(__name__)

PROFILE_SOURCE = "esco-profile-match"
SEED_MIN_SCORE = 0.75  # name links at least this strong describe the qualification (read: few are wrong)
MIN_SCORE = 0.25  # cosine mean; see docs/benchmarks.md for the reading of link samples
MARGIN = 0.9
MAX_PER_OCCUPATION = 3
MAX_DF = 0.3
_NAME_REPEAT = 3  # a qualification's name is the strongest part of its profile


def occupation_text(occ: OccupationLike, description: str, isco_label: str) -> str:
    """Labels, description and ISCO group label of one occupation, one per line."""
    return "\n".join([occ.label, *occ.alt_labels, description, isco_label])


def link_by_profile(
    qualifications: Mapping[str, Qualification],
    occupations: Sequence[OccupationLike],
    descriptions: Mapping[str, str],
    isco_labels: Mapping[str, str],
    name_links: Mapping[str, Sequence[OccupationLink]],
    *,
    min_score: float = MIN_SCORE,
) -> dict[str, list[OccupationLink]]:
    """Per crebo, profile links (best first) for occupations that ``name_links`` does not link anywhere.

    ``descriptions`` maps occupation uri → description; ``isco_labels`` ISCO code → label. Deterministic.
    """
    crebos = sorted(qualifications)
    if not crebos or not occupations:
        return {}
    index = {o.uri: i for i, o in enumerate(occupations)}
    occ_texts = [occupation_text(o, descriptions.get(o.uri, ""), isco_labels.get(o.isco_code, ""))
                 for o in occupations]
    linked = {lk.uri for links in name_links.values() for lk in links}
    profiles = []
    for crebo in crebos:
        q = qualifications[crebo]
        parts = [q.name] * _NAME_REPEAT + [q.dossier, q.opleidingsdomein, q.beroepsbeschrijving]
        for kt in q.kerntaken:
            parts.append(kt.name)
            parts.extend(wp.name for wp in kt.werkprocessen)
        parts.extend(occ_texts[index[lk.uri]] for lk in name_links.get(crebo, ())
                     if lk.score >= SEED_MIN_SCORE and lk.uri in index)
        profiles.append("\n".join(p for p in parts if p))
    free = [i for i, o in enumerate(occupations) if o.uri not in linked]
    if not free:
        return {}
    free_texts = [occ_texts[i] for i in free]
    sims = np.zeros((len(free), len(crebos)), dtype=np.float64)
    for vectorizer in (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True, min_df=2, max_df=MAX_DF),
        TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_df=MAX_DF),
    ):
        vectorizer.fit(profiles + free_texts)
        sims += (vectorizer.transform(free_texts) @ vectorizer.transform(profiles).T).toarray()
    sims /= 2.0
    out: dict[str, list[OccupationLink]] = {}
    for row, occ_index in enumerate(free):
        best = float(sims[row].max())
        if best < min_score:
            continue
        occ = occupations[occ_index]
        order = np.lexsort((np.arange(len(crebos)), -sims[row]))[:MAX_PER_OCCUPATION]
        for col in order:
            score = float(sims[row, col])
            if score < max(min_score, MARGIN * best):
                break
            crebo = crebos[int(col)]
            out.setdefault(crebo, []).append(OccupationLink(
                crebo=crebo, uri=occ.uri, label=occ.label, score=round(score, 4), source=PROFILE_SOURCE,
                evidence=(f"ESCO-beroep '{occ.label}' lijkt op het profiel van '{qualifications[crebo].name}' "
                          f"(TF-IDF {score:.2f})")))
    for links in out.values():
        links.sort(key=lambda lk: (-lk.score, lk.uri))
    log.info("profile-linked %d occupations to %d qualifications", len({lk.uri for ls in out.values() for lk in ls}),
             len(out))
    return out
