"""The fuzzy arm's labels and the autocomplete list, from an index's qualification and concept rows.

Each qualification owns its name and the labels of its linked concepts (occupations, lexicon job titles and
tools), which the fuzzy arm scores with WRatio (:class:`index.fuzzy.LabelMatcher`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.fuzzy import LabelMatcher
from skills.text import fold

# Lexicon kinds whose terms are not fuzzy labels. Job titles and tools are names people type (with typos)
# as the whole query; task phrases and workplaces reach the index through BM25 and dense, and as labels they
# only add WRatio cost. (A concept without a kind, e.g. from an index built before kinds were stored, stays
# a label.)
NON_LABEL_LEXICON_KINDS = frozenset({"taak", "werkplek"})


def concepts_per_qualification(quals: Sequence[dict[str, Any]], concepts: Sequence[dict[str, Any]],
                               qrow: dict[str, int]) -> list[list[int]]:
    """Concept rows linked to each qualification row, in concept order."""
    out: list[list[int]] = [[] for _ in quals]
    for c_row, c in enumerate(concepts):
        for crebo in c["crebos"]:
            owner = qrow.get(crebo)
            if owner is not None:
                out[owner].append(c_row)
    return out


def label_matcher(quals: Sequence[dict[str, Any]], concepts: Sequence[dict[str, Any]],
                  qrow: dict[str, int]) -> LabelMatcher:
    """Qualification names plus the labels of their linked concepts, each owned by its qualification row."""
    labels: list[str] = []
    owners: list[int] = []
    for q_row, qual in enumerate(quals):
        labels.append(fold(qual["name"]))
        owners.append(q_row)
    for c in concepts:
        if c.get("source") == "qualification" or c.get("kind") in NON_LABEL_LEXICON_KINDS:
            continue
        for crebo in c["crebos"]:
            owner = qrow.get(crebo)
            if owner is None:
                continue
            for label in [c["label"], *c.get("alt_labels", [])]:
                labels.append(fold(label))
                owners.append(owner)
    return LabelMatcher(labels, owners, len(quals))


def suggestion_labels(quals: Sequence[dict[str, Any]], concepts: Sequence[dict[str, Any]]) -> list[str]:
    """Autocomplete offers words and skills, not fragments: no labels under 4 letters ("aa", "ikb") or with
    digits (norm codes)."""
    return sorted(label for label in {fold(c["label"]) for c in concepts} | {fold(q["name"]) for q in quals}
                  if len(label) >= 4 and not any(ch.isdigit() for ch in label))
